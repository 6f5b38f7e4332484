package fontset

import (
	"encoding/binary"
	"math"
)

// PDFFont is a face cut down to the characters of one PDF, with what the PDF's
// font dictionaries (a Type0 font over a CIDFontType2 with Identity encoding) say
// about it: the PDF writer shows each character by its glyph id and writes
// the widths, the descriptor and the ToUnicode map from these fields.
type PDFFont struct {
	// Program is the font file (FontFile2): the outlines-only subset
	// (SubsetOptions{OutlinesOnly: true}), glyph 0 .notdef.
	Program []byte
	// GIDs maps every rune kept to the glyph of Program that draws it; a
	// half-width form's code point (HalfForm) maps to the form's own glyph.
	GIDs map[rune]uint16
	// Widths holds the advance of each glyph of Program in 1/1000 em,
	// rounded down.
	Widths []int
	// Desc is the font descriptor's metrics.
	Desc PDFDescriptor
}

// PDFDescriptor holds a face's FontDescriptor entries, in 1/1000 em. They
// are the figures gopdf v0.33.0 (fontmaker/core TTFParser) wrote for the
// same face, which the layout's glyph boxes and the tests' measurements of
// extracted text were set against (see PDFAscent).
type PDFDescriptor struct {
	Ascent, Descent, CapHeight, XHeight int
	ItalicAngle                         int
	BBox                                [4]int // xMin yMin xMax yMax of head
	Flags                               int    // 32: nonsymbolic (the subsets map Unicode)
}

// PDFSubset cuts the face down to runes (which may name half-width forms of
// marks, see HalfForm) for a PDF. Runes the face lacks are left out of GIDs.
func (f *Face) PDFSubset(runes []rune) (pf *PDFFont, err error) {
	if err := f.ready(); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil { // inconsistent tables sfnt did not catch
			pf, err = nil, corrupt("无法精简：%v", "cannot subset: %v", r)
		}
	}()
	k, err := keepGlyphs(f.Data, f.font, runes)
	if err != nil {
		return nil, err
	}
	desc, ok := descriptor(k.t, f.UnitsPerEm)
	if !ok {
		return nil, corrupt("OS/2、hhea 或 head 表太短", "OS/2, hhea or head table too short")
	}
	prog, newID, hmtx := renumber(k, SubsetOptions{OutlinesOnly: true})
	pf = &PDFFont{Program: prog, GIDs: make(map[rune]uint16, len(k.cmap)), Widths: make([]int, len(hmtx)/4), Desc: desc}
	for r, g := range k.cmap {
		pf.GIDs[r] = uint16(newID[g])
	}
	for i := range pf.Widths {
		pf.Widths[i] = int(binary.BigEndian.Uint16(hmtx[4*i:])) * 1000 / f.UnitsPerEm
	}
	return pf, nil
}

// descriptor computes a face's PDFDescriptor from its tables: the ascent is
// usWinAscent when OS/2 has a typo ascender, else hhea's ascender; the
// descent likewise usWinDescent (negative when hhea's is) or hhea's
// descender; the cap and x heights OS/2's (version ≥ 2), else hhea's ascender
// and 0.66 of it; the italic angle post's whole degrees.
func descriptor(t sfntTables, upem int) (PDFDescriptor, bool) {
	head, hhea, os2, post := t["head"], t["hhea"], t["OS/2"], t["post"]
	if len(head) < 44 || len(hhea) < 8 || len(os2) < 78 || len(post) < 8 || upem <= 0 {
		return PDFDescriptor{}, false
	}
	be := binary.BigEndian
	s16 := func(b []byte, at int) int { return int(int16(be.Uint16(b[at:]))) }
	toPDF := func(v int) int { // half away from zero
		x := float64(v) * 1000 / float64(upem)
		if x < 0 {
			return int(x - 0.5)
		}
		return int(x + 0.5)
	}
	version := int(be.Uint16(os2))
	asc, desc := s16(hhea, 4), s16(hhea, 6)
	typoAsc, typoDesc := s16(os2, 68), s16(os2, 70)
	winAsc, winDesc := int(be.Uint16(os2[74:])), int(be.Uint16(os2[76:]))
	d := PDFDescriptor{Flags: 32, ItalicAngle: s16(post, 4)}
	d.Ascent = asc
	if typoAsc != 0 {
		d.Ascent = winAsc
	}
	d.Descent = desc
	if typoDesc != 0 {
		d.Descent = winDesc
		if desc < 0 {
			d.Descent = -winDesc
		}
	}
	d.CapHeight, d.XHeight = asc, int(0.66*float64(asc))
	if version >= 2 && len(os2) >= 90 {
		if x := s16(os2, 86); x != 0 {
			d.XHeight = x
		}
		d.CapHeight = s16(os2, 88)
	}
	d.Ascent, d.Descent, d.CapHeight, d.XHeight = toPDF(d.Ascent), toPDF(d.Descent), toPDF(d.CapHeight), toPDF(d.XHeight)
	for i := range d.BBox {
		d.BBox[i] = toPDF(s16(head, 36+2*i))
	}
	return d, true
}

// PDFAscent is the ascent, in em, that the PDF writer gives the face's
// FontDescriptor (PDFDescriptor.Ascent), which PDF readers use for the top of
// a glyph box. ok is false when the tables are too short.
func (f *Face) PDFAscent() (asc float64, ok bool) {
	if f.ready() != nil { // UnitsPerEm is set by the lazy parse
		return 0, false
	}
	t, err := faceTables(f.Data)
	if err != nil {
		return 0, false
	}
	d, ok := descriptor(t, f.UnitsPerEm)
	if !ok {
		return 0, false
	}
	return math.Round(float64(d.Ascent)) / 1000, true
}
