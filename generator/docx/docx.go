// Package docx writes a report as a Word document (DOCX) that opens cleanly
// in Word, WPS and LibreOffice and prints like a GB/T 9704-2012 公文.
//
// The document is assembled from the template's OOXML parts (see
// RequiredParts and the layout of a template folder described in parts.go),
// most of them Go text/templates filled from the template's layout.yaml, so
// that the DOCX and the PDF take their figures from one place. The body is
// rendered from the report's flattened elements (model.Report.Elements), so
// it carries exactly the text of the PDF. The assembled base document is
// opened with github.com/nguyenthenguyen/docx, the rendered body is set into
// it, and it is written out.
package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"time"

	lib "github.com/nguyenthenguyen/docx"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// Options tune Write.
type Options struct {
	// EmbedFonts embeds the project's free fonts (the layout's
	// `pdf: embedded:NAME` files, read from Fonts) under the families the
	// document names, reduced to the characters used, so that the document
	// looks the same on a machine without the official fonts.
	EmbedFonts bool
	// Fonts holds the font files for EmbedFonts (package fonts' FS).
	Fonts fs.FS
	// Layout is the report laid out by package layout with the template's
	// layout (the same result the PDF draws): the DOCX takes every
	// decision it can express from it (title lines, column widths,
	// indents, red head, 版记, footer). Nil lays the report out here, with
	// Measurer.
	Layout *layout.Document
	// Measurer gives the glyph advances for laying out when Layout is nil;
	// nil means the fonts of Metrics.
	Measurer layout.Measurer
	// Metrics is the font set the PDF is drawn with, used when neither
	// Layout nor Measurer is given. Nil means the fonts the layout names
	// for the PDF (`pdf:`), or estimated advances when those cannot be
	// loaded.
	Metrics *fontset.Set
	// Created is the creation time written to docProps/core.xml; zero means
	// the report's date, or none. Templates cannot read the clock.
	Created time.Time
}

// Write renders r with template t as a DOCX document to w.
func Write(w io.Writer, r *model.Report, t *tmpl.Template, opt Options) error {
	b, err := Render(r, t, opt)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Render renders r with template t and returns the DOCX file.
func Render(r *model.Report, t *tmpl.Template, opt Options) ([]byte, error) {
	if r == nil || t == nil {
		return nil, fmt.Errorf("docx: no report or template")
	}
	c, err := compile(t)
	if err != nil {
		return nil, err
	}
	d := newData(r, &t.Layout, opt)
	if !c.boxes() {
		d.Body = unbox(d.Body)
	}
	extra, err := fontParts(d, opt)
	if err != nil {
		return nil, err
	}
	parts, err := c.render(d, extra)
	if err != nil {
		return nil, err
	}
	return assemble(parts)
}

// bodyStub stands in for word/document.xml in the base document; the
// rendered document replaces it through the docx library.
const bodyStub = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
	`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`

// assemble zips the parts into the base document (stored, in memory),
// opens it with the docx library, sets the rendered document and writes
// the result (deflated).
func assemble(parts []renderedPart) ([]byte, error) {
	sort.SliceStable(parts, func(i, j int) bool { return partOrder(parts[i].name) < partOrder(parts[j].name) })
	var base bytes.Buffer
	zw := zip.NewWriter(&base)
	var document []byte
	for _, p := range parts {
		data := p.data
		if p.name == "word/document.xml" {
			document, data = p.data, []byte(bodyStub)
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	rd, err := lib.ReadDocxFromMemory(bytes.NewReader(base.Bytes()), int64(base.Len()))
	if err != nil {
		return nil, fmt.Errorf("docx: base document: %w", err)
	}
	defer rd.Close()
	doc := rd.Editable()
	doc.SetContent(string(document))
	var out bytes.Buffer
	out.Grow(base.Len() / 3)
	if err := doc.Write(&out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// partOrder puts [Content_Types].xml and the package relationships first,
// as Word does; the rest keeps its (sorted) order.
func partOrder(name string) int {
	switch name {
	case contentTypesPart:
		return 0
	case "_rels/.rels":
		return 1
	case "word/document.xml":
		return 2
	}
	return 3
}

// fontParts embeds the fonts when asked (filling d.EmbeddedFonts) and
// returns the font parts to add to the package, by part name.
func fontParts(d *Data, opt Options) (map[string][]byte, error) {
	if !opt.EmbedFonts {
		return nil, nil
	}
	if err := embedFonts(d, opt.Fonts); err != nil {
		return nil, err
	}
	extra := map[string][]byte{}
	for _, f := range d.EmbeddedFonts {
		extra["word/"+f.Target] = f.data
	}
	return extra, nil
}
