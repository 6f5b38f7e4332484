package compile

import (
	"fmt"
	"strings"
)

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
