package pdf

import (
	"hash/fnv"
	"strings"
	"sync"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/model"
)

// Measurer adapts a font set to layout.Measurer: a character's face is the
// first of its role's chain that has it (fontset.Set.Resolve).
func Measurer(set *fontset.Set) layout.Measurer { return &measurer{set: set} }

type measurer struct {
	set *fontset.Set
	asc sync.Map // role → float64
}

// Glyph implements layout.Measurer.
func (m *measurer) Glyph(role model.Role, r rune) (string, float64, bool) {
	f, ok := m.set.Resolve(string(role), r)
	if !ok || f == nil {
		return "", 0, false
	}
	return f.Name, f.Advance(r), true
}

// Ascent implements layout.Measurer with the figure the PDF writes as the
// FontDescriptor /Ascent of the role's own face (fontset.PDFAscent), which
// is what PDF readers use for the top of a glyph box.
func (m *measurer) Ascent(role model.Role) float64 {
	if v, ok := m.asc.Load(role); ok {
		return v.(float64)
	}
	a := 0.88
	if f := m.set.Face(string(role)); f != nil {
		if v, ok := f.PDFAscent(); ok {
			a = v
		}
	}
	m.asc.Store(role, a)
	return a
}

// Ink implements layout.InkMeasurer: the ink extent of r in the face that
// prints it.
func (m *measurer) Ink(role model.Role, r rune) (top, bottom float64, ok bool) {
	f, ok := m.set.Resolve(string(role), r)
	if !ok || f == nil {
		return 0, 0, false
	}
	return f.Ink(r)
}

// subsetName is the PDF BaseFont of an embedded face: a six-letter tag
// derived from the face name, '+', the name, so that readers (pdffonts)
// recognise the font as a subset.
func subsetName(name string) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	v := h.Sum64()
	var b strings.Builder
	for i := 0; i < 6; i++ {
		b.WriteByte(byte('A' + v%26))
		v /= 26
	}
	b.WriteByte('+')
	for _, r := range name {
		if r <= ' ' || r > '~' || strings.ContainsRune("()<>[]{}/%#", r) {
			r = '-'
		}
		b.WriteRune(r)
	}
	return b.String()
}
