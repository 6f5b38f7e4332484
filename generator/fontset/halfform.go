package fontset

import "golang.org/x/image/font/sfnt"

// Half-width forms of punctuation for PDF subsets. A full-width closing mark
// (，。、：；！ and the closing brackets and quotes) carries its ink on the left
// half of its em and white on the right, an opening bracket or quote the
// other way round; where the layout compresses one
// (标点挤压, a line-end mark set half width per GB/T 15834 §5.1.10), the PDF
// could draw the full glyph and pull the next one back with negative
// character spacing, but text extraction (poppler) ignores character
// spacing when it measures a glyph's box and would see the mark, and the
// line it ends, half a character too wide. A subset therefore carries, on
// request, a second glyph for such a mark: the same outline with half the
// advance (an opening mark's outline moved left by that half), mapped from
// a private-use code point (HalfForm). PDF writers map
// that code back to the mark in the font's ToUnicode map (HalfFormOf), so
// that copied text is unchanged.

// halfMarks are the marks that have a half-width form, in code order of
// their private-use code points: the closing marks, then the opening ones
// (openMarks), whose white is on the left.
const (
	closeMarks = "，。、：；！）】》」』”’〕〉］｝"
	openMarks  = "（【《「『“‘〔〈［｛"
	halfMarks  = closeMarks + openMarks
)

// isOpenMark reports whether r is a mark whose half-width form drops its
// left half.
func isOpenMark(r rune) bool {
	for _, c := range openMarks {
		if c == r {
			return true
		}
	}
	return false
}

// HalfFormBase is the first private-use code point of the half-width forms:
// the last 32 of the Basic Multilingual Plane's private-use area, below
// U+F8FF, far from the ranges that GB 18030 and user-defined characters
// (造字, from U+E000) occupy.
const HalfFormBase = 0xF8E0

var halfIndex = func() map[rune]rune {
	m := map[rune]rune{}
	i := rune(0)
	for _, r := range halfMarks {
		m[r] = HalfFormBase + i
		i++
	}
	return m
}()

var halfOf = func() map[rune]rune {
	m := map[rune]rune{}
	for r, p := range halfIndex {
		m[p] = r
	}
	return m
}()

// HalfForm returns the private-use code point that selects r's half-width
// form in a subset made by PDFSubset, and whether r has one.
func HalfForm(r rune) (rune, bool) {
	p, ok := halfIndex[r]
	return p, ok
}

// HalfFormOf returns the mark whose half-width form p selects, and whether
// p is such a code point.
func HalfFormOf(p rune) (rune, bool) {
	r, ok := halfOf[p]
	return r, ok
}

// IsHalfFormRange reports whether r lies in the private-use block the
// half-width forms use (whether or not it names one): a document whose text
// holds such a code point of its own cannot use them.
func IsHalfFormRange(r rune) bool { return r >= HalfFormBase && r <= 0xF8FF }

// HasHalfForm reports whether a subset of f made by PDFSubset draws r's
// half-width form (HalfForm): r is one of the marks, f has a full-width
// glyph for it and, for an opening mark, a simple outline that can be
// moved. It never parses more than r's glyph; the answer is kept.
func (f *Face) HasHalfForm(r rune) bool {
	if _, ok := halfIndex[r]; !ok || !f.Has(r) || f.Advance(r) < 0.9 {
		return false
	}
	if !isOpenMark(r) {
		return true
	}
	if v, ok := f.forms.Load(r); ok {
		return v.(bool)
	}
	ok := f.canShift(r)
	f.forms.Store(r, ok)
	return ok
}

// canShift reports whether r's glyph is a simple glyph shiftGlyph reads.
func (f *Face) canShift(r rune) bool {
	if f.ready() != nil {
		return false
	}
	t, err := faceTables(f.Data)
	if err != nil {
		return false
	}
	var buf sfnt.Buffer
	gi, err := f.font.GlyphIndex(&buf, r)
	if err != nil || gi == 0 {
		return false
	}
	_, ok := shiftGlyph(newGlyphTable(t).glyph(int(gi)), -1)
	return ok
}
