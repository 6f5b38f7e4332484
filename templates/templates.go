// Package templates embeds the built-in document templates. Each folder is
// one template: layout.yaml (page geometry, grid, fonts per role, sizes),
// read by both exporters, plus the OOXML parts the DOCX writer assembles.
package templates

import "embed"

// FS holds the built-in templates, one folder each.
//
//go:embed all:gongwen all:gongwen-redhead
var FS embed.FS

// Names lists the built-in templates.
var Names = []string{"gongwen", "gongwen-redhead"}
