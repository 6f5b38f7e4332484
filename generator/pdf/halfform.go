package pdf

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
)

// halfSlack is how far, in points, the character spacing of a compressed
// mark may be from minus half its advance for the mark to be drawn with its
// half-width form; what remains is set as spacing after the half form, so
// the glyphs stand exactly where the layout put them either way. A larger
// remainder (a mark squeezed by a fraction only) is drawn full width: text
// extraction would read a wide gap after a half form as a space.
const halfSlack = 2.0

// halvesAllowed reports whether doc may draw marks with half-width forms:
// not when its own text holds a code point of the private-use block the
// forms use (a user-defined character, 造字), whose ToUnicode entry the
// packer would then rewrite.
func halvesAllowed(doc *layout.Document) bool {
	for _, p := range doc.Pages {
		for _, r := range p.Runs {
			for _, c := range r.Text {
				if fontset.IsHalfFormRange(c) {
					return false
				}
			}
		}
	}
	return true
}

// halfRun returns the text (half-width form code points, fontset.HalfForm)
// and the character spacing that draw r with the half-width forms of its
// marks, when the layout set r as compressed marks: every character a mark
// with a half-width form, full width in its face, and r's spacing about
// minus half that width (标点挤压: a mark set half width at a line end, or
// sharing its white with the mark after it). The glyphs land where the
// layout put them; what changes is each glyph's own advance, which is what
// text extraction measures, so a line that ends in a half-width mark ends
// at the text block's edge for poppler as it does on paper.
func (pf *pdfFile) halfRun(r *layout.Run) (string, float64, bool) {
	if !pf.halves || r.Text == "" || r.Size <= 0 {
		return "", 0, false
	}
	f := pf.faces[r.Face]
	if f == nil {
		return "", 0, false
	}
	adv := -1.0
	out := make([]rune, 0, 4)
	for _, c := range r.Text {
		p, ok := fontset.HalfForm(c)
		if !ok {
			return "", 0, false
		}
		a := f.Advance(c) * r.Size
		if a < 0.9*r.Size || adv >= 0 && math.Abs(a-adv) > 1e-9 {
			return "", 0, false
		}
		adv = a
		out = append(out, p)
	}
	tc := r.CharSpacing + adv/2
	if math.Abs(tc) > halfSlack {
		return "", 0, false
	}
	return string(out), tc, true
}

// toUnicodeHalf is a ToUnicode entry (gopdf writes "<cid><cid><code>\n")
// whose code is in the half-width forms' block.
var toUnicodeHalf = regexp.MustCompile(`><(F8[E-F][0-9A-F])>\n`)

// unHalf rewrites the ToUnicode map cmap so that the half-width forms read
// as their marks (U+F8E0 → U+FF0C …): copied or extracted text holds the
// document's own characters.
func unHalf(cmap []byte) []byte {
	if !bytes.Contains(cmap, []byte("begincmap")) {
		return cmap
	}
	return toUnicodeHalf.ReplaceAllFunc(cmap, func(m []byte) []byte {
		v, err := strconv.ParseUint(string(m[2:6]), 16, 32)
		if err != nil {
			return m
		}
		r, ok := fontset.HalfFormOf(rune(v))
		if !ok || r > 0xFFFF {
			return m
		}
		return fmt.Appendf(nil, "><%04X>\n", r)
	})
}
