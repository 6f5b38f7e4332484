package compile

import (
	"fmt"
	"io"
	"strings"

	"github.com/gongwen/gen/generator/docx"
	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/pdf"
	"github.com/gongwen/gen/generator/tmpl"
)

// WritePDF writes a bound volume as one PDF: its pages, one bookmark per
// report with the report's first-level headings under it, contents entries
// that link to their reports, and the volume's title as document title.
func WritePDF(w io.Writer, b *Book, fonts *fontset.Set) error {
	info := pdf.Info{Title: b.Volume.FullTitle(), Author: b.Volume.Issuer, Subject: b.Volume.Title}
	return pdf.WriteVolume(w, b.Doc, fonts, info, pdf.VolumeOptions{Links: b.Links})
}

// WriteDOCX writes a bound volume as one DOCX document with template t: the
// cover, a table-of-contents field pre-filled with the book's page numbers,
// then every report as its own section (see docx.RenderVolume).
func WriteDOCX(w io.Writer, b *Book, t *tmpl.Template, opt docx.Options) error {
	return docx.WriteVolume(w, b.DOCX(), t, opt)
}

// DOCX is the book as docx.WriteVolume takes it.
func (b *Book) DOCX() *docx.Volume {
	v := &docx.Volume{
		Title:      b.Volume.FullTitle(),
		TitleLines: b.CoverTitle,
		Issuer:     b.Volume.Issuer,
		Contents:   b.opt.Contents,
		Duplex:     b.opt.Duplex,
		TitleSize:  b.opt.CoverTitleSize,
		TitlePitch: b.opt.CoverTitlePitch,
		TitleTop:   float64(b.opt.CoverTitleLine) * b.pitch,
		IssuerTop:  float64(b.opt.CoverIssuerLine) * b.pitch,
		HangChars:  b.opt.HangChars,
	}
	if len(v.TitleLines) == 0 {
		v.TitleLines = []string{v.Title}
	}
	if b.Volume.Date != nil {
		v.Date = b.Volume.Date.Format()
	}
	for _, p := range b.Parts {
		v.Entries = append(v.Entries, docx.VolumeEntry{Report: p.Report, Page: p.FirstPage})
	}
	return v
}

// Summary is a one-line account of a book, in the language ("zh" or "en").
func (b *Book) Summary(lang string) string {
	pages := len(b.Doc.Pages)
	if lang == "en" {
		return fmt.Sprintf("%d reports, %d pages (cover and contents %d)", len(b.Parts), pages, b.CoverPages+b.ContentsPages)
	}
	return fmt.Sprintf("共 %d 篇，%d 页（封面与目录 %d 页）", len(b.Parts), pages, b.CoverPages+b.ContentsPages)
}

// FormatProblems lists the files that could not be loaded with all their
// messages (file:line:col), in the language.
func FormatProblems(ps []Problem, lang string) string {
	var s strings.Builder
	for _, p := range ps {
		p.Diags.Sort()
		for _, d := range p.Diags {
			s.WriteString(d.Format(lang))
			s.WriteByte('\n')
		}
	}
	return s.String()
}
