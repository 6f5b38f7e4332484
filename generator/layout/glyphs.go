package layout

import (
	"unicode/utf8"

	"github.com/gongwen/gen/generator/model"
)

// glyph is one character ready for line breaking.
type glyph struct {
	r       rune
	role    model.Role
	face    string
	adv     float64 // points at the glyph's size
	size    float64 // font size in points
	kern    float64 // added after the glyph (negative: 标点挤压), points
	bold    bool
	missing bool
	miss    int // index+1 into engine.missing for a missing glyph
	src     *model.Text
	off     int // byte offset in src.Value
}

// shape turns spans into glyphs at size, resolving every character through
// its role's font chain; characters without a face are recorded as missing
// and get a 1 em box.
func (e *engine) shape(spans []model.Span, size float64, forceBold bool) []glyph {
	n := 0
	for _, s := range spans {
		n += utf8.RuneCountInString(s.Text)
	}
	gs := make([]glyph, 0, n)
	for _, s := range spans {
		for i, r := range s.Text {
			if r == '\n' || r == '\r' || r == '\t' {
				r = ' '
			}
			if invisible(r) {
				continue // nothing to print, so no box and no warning
			}
			info := e.m.glyph(s.Role, r)
			g := glyph{r: r, role: s.Role, face: info.face, adv: info.adv * size, size: size, bold: s.Bold || forceBold, src: s.Src, off: s.Off + i}
			if !info.ok {
				g.missing = true
				g.adv = size
				g.face = ""
				mg := MissingGlyph{Rune: r, Role: s.Role, Page: -1}
				if s.Src != nil {
					mg.Pos = s.Src.Locate(s.Off + i)
				}
				e.missing = append(e.missing, mg)
				g.miss = len(e.missing)
			}
			gs = append(gs, g)
		}
	}
	return gs
}

// trimSpaces drops leading and trailing spaces of a paragraph.
func trimSpaces(gs []glyph) []glyph {
	for len(gs) > 0 && gs[0].r == ' ' {
		gs = gs[1:]
	}
	for len(gs) > 0 && gs[len(gs)-1].r == ' ' {
		gs = gs[:len(gs)-1]
	}
	return gs
}

func runes(gs []glyph) []rune {
	rs := make([]rune, len(gs))
	for i, g := range gs {
		rs[i] = g.r
	}
	return rs
}

// invisible reports whether r is a format character that prints as nothing
// (zero-width space, joiners, word joiner, byte order mark, soft hyphen);
// text copied from web pages and Word often carries them.
func invisible(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
		return true
	}
	return false
}
