package pdf

import (
	"fmt"
	"slices"
	"strconv"
	"unicode/utf16"

	"github.com/gongwen/gen/generator/fontset"
)

// The fonts are written by this package, not by gopdf: gopdf v0.33.0
// parses each font it is given again, deflates its own copy of the font
// file with a fresh compress/zlib writer (a megabyte of tables, most of a
// report's page faults in the PDF) and encodes every character of every
// text run through fmt. Here each face used is cut down once
// (fontset.PDFSubset); its text is shown by glyph id (drawPage) and its
// five objects — Type0 font, CIDFontType2, descriptor, ToUnicode map and
// font file — are appended by the packer after gopdf's objects, with the
// page resources pointing at them.

// embedded is one face as the PDF embeds it.
type embedded struct {
	res  string // resource name in the page resources, e.g. "F1"
	base string // BaseFont: subsetName of the face
	font *fontset.PDFFont
	// cmap is the ToUnicode map; text the character each glyph reads as
	// (a half-width form reads as its mark).
	cmap []byte
}

// fontObjects is the number of objects each embedded face adds.
const fontObjects = 5

// dicts returns the Type0 font, CIDFontType2 and descriptor objects of e
// (without "n 0 obj"), numbered from first: first the Type0 font, first+1
// its CIDFont, first+2 the descriptor, first+3 the ToUnicode stream,
// first+4 the font file.
func (e *embedded) dicts(first int) (type0, cid, desc []byte) {
	type0 = fmt.Appendf(nil, "<</Type/Font/Subtype/Type0/BaseFont/%s/Encoding/Identity-H/DescendantFonts[%d 0 R]/ToUnicode %d 0 R>>\n",
		e.base, first+1, first+3)
	cid = fmt.Appendf(nil, "<</Type/Font/Subtype/CIDFontType2/BaseFont/%s/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor %d 0 R/CIDToGIDMap/Identity/W[",
		e.base, first+2)
	cid = appendWidths(cid, e.font)
	cid = append(cid, "]>>\n"...)
	d := e.font.Desc
	desc = fmt.Appendf(nil, "<</Type/FontDescriptor/FontName/%s/Flags %d/FontBBox[%d %d %d %d]/ItalicAngle %d/Ascent %d/Descent %d/CapHeight %d/XHeight %d/StemV 0/FontFile2 %d 0 R>>\n",
		e.base, d.Flags, d.BBox[0], d.BBox[1], d.BBox[2], d.BBox[3], d.ItalicAngle, d.Ascent, d.Descent, d.CapHeight, d.XHeight, first+4)
	return type0, cid, desc
}

// appendWidths appends the W array's entries for the glyphs that show a
// character, as runs of consecutive glyph ids: "3[1000 500]7[1000]".
func appendWidths(b []byte, f *fontset.PDFFont) []byte {
	gids := make([]int, 0, len(f.GIDs))
	for _, g := range f.GIDs {
		gids = append(gids, int(g))
	}
	slices.Sort(gids)
	gids = slices.Compact(gids)
	for i := 0; i < len(gids); {
		j := i + 1
		for j < len(gids) && gids[j] == gids[j-1]+1 {
			j++
		}
		b = strconv.AppendInt(b, int64(gids[i]), 10)
		b = append(b, '[')
		for k := i; k < j; k++ {
			if k > i {
				b = append(b, ' ')
			}
			w := 0
			if g := gids[k]; g < len(f.Widths) {
				w = f.Widths[g]
			}
			b = strconv.AppendInt(b, int64(w), 10)
		}
		b = append(b, ']')
		i = j
	}
	return b
}

// toUnicode writes the ToUnicode CMap of f: each glyph that shows a
// character maps to that character in UTF-16 (surrogate pairs above
// U+FFFF). With halves, a half-width form's code point is no character of
// the document (halvesAllowed) and its glyph reads as its mark, so copied
// or extracted text holds the document's own characters.
func toUnicode(f *fontset.PDFFont, halves bool) []byte {
	type entry struct {
		gid uint16
		r   rune
	}
	es := make([]entry, 0, len(f.GIDs))
	for r, g := range f.GIDs {
		if halves {
			if m, ok := fontset.HalfFormOf(r); ok {
				r = m
			}
		}
		es = append(es, entry{g, r})
	}
	slices.SortFunc(es, func(a, b entry) int { return int(a.gid) - int(b.gid) })
	b := make([]byte, 0, 300+20*len(es))
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	for i := 0; i < len(es); i += 100 { // at most 100 entries a block
		block := es[i:min(len(es), i+100)]
		b = strconv.AppendInt(b, int64(len(block)), 10)
		b = append(b, " beginbfchar\n"...)
		for _, e := range block {
			b = append(b, '<')
			b = appendHex4(b, uint16(e.gid))
			b = append(b, "> <"...)
			if e.r > 0xFFFF {
				r1, r2 := utf16.EncodeRune(e.r)
				b = appendHex4(appendHex4(b, uint16(r1)), uint16(r2))
			} else {
				b = appendHex4(b, uint16(e.r))
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	b = append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
	return b
}

// appendHex4 appends v as four upper-case hex digits.
func appendHex4(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
}
