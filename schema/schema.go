// Package schema embeds the JSON Schema (2020-12) of the report data format,
// printed by `gen schema` and used by the validator.
package schema

import _ "embed"

// ReportJSON is schema/report.schema.json.
//
//go:embed report.schema.json
var ReportJSON []byte

// URL is the schema's $id, under which the validator compiles it.
const URL = "https://github.com/gongwen/gen/schema/report.schema.json"
