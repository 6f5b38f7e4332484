package pdf

import (
	"encoding/binary"
	"hash/fnv"
	"math"
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

// Ascent implements layout.Measurer with the figure gopdf writes as the
// FontDescriptor /Ascent of the role's own face, which is what PDF readers
// use for the top of a glyph box.
func (m *measurer) Ascent(role model.Role) float64 {
	if v, ok := m.asc.Load(role); ok {
		return v.(float64)
	}
	a := 0.88
	if f := m.set.Face(string(role)); f != nil {
		if v, ok := pdfAscent(f.Data); ok {
			a = v
		}
	}
	m.asc.Store(role, a)
	return a
}

// pdfAscent computes the ascent gopdf v0.33.0 writes for a TrueType face
// (fontmaker/core TTFParser.Ascender: usWinAscent when OS/2 has a typo
// ascender, else hhea's ascender; then rounded to 1/1000 em).
func pdfAscent(data []byte) (float64, bool) {
	tables := map[string][]byte{}
	if len(data) < 12 {
		return 0, false
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n && 12+16*i+16 <= len(data); i++ {
		rec := data[12+16*i:]
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(ln) <= uint64(len(data)) {
			tables[string(rec[:4])] = data[off : off+ln]
		}
	}
	head, hhea, os2 := tables["head"], tables["hhea"], tables["OS/2"]
	if len(head) < 20 || len(hhea) < 6 {
		return 0, false
	}
	upem := float64(binary.BigEndian.Uint16(head[18:]))
	if upem == 0 {
		return 0, false
	}
	asc := float64(int16(binary.BigEndian.Uint16(hhea[4:])))
	if len(os2) >= 76 && int16(binary.BigEndian.Uint16(os2[68:])) != 0 {
		asc = float64(binary.BigEndian.Uint16(os2[74:]))
	}
	return math.Round(asc*1000/upem) / 1000, true
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
