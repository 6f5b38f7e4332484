package pdf

import (
	"io"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// Render lays out one report with the template's layout and writes its PDF
// to w. Characters that no font has print as boxes and come back as
// warnings (code missing-glyph) with their source positions. The laid-out
// document is returned for callers that want its pages or outline.
func Render(report *model.Report, tpl *tmpl.Template, fonts *fontset.Set, w io.Writer) (*layout.Document, diag.List, error) {
	doc := layout.Layout(report.Elements(), &tpl.Layout, Measurer(fonts), layout.Options{})
	warns, err := RenderLayout(report, doc, fonts, w)
	return doc, warns, err
}

// RenderLayout writes the PDF of a report already laid out (doc, the
// layout of report.Elements()), e.g. shared with the DOCX; characters no
// font has come back as warnings.
func RenderLayout(report *model.Report, doc *layout.Document, fonts *fontset.Set, w io.Writer) (diag.List, error) {
	var warns diag.List
	for _, m := range doc.Missing {
		warns = append(warns, diag.Warn(m.Pos, "missing-glyph", string(m.Rune), m.Rune))
	}
	info := Info{Title: report.Title.Value, Author: report.Issuer.Value}
	return warns, Write(w, doc, fonts, info)
}
