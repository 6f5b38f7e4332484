package pdf

import (
	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
)

// halvesAllowed reports whether doc may draw marks with half-width forms:
// not when its own text holds a code point of the private-use block the
// forms use (a user-defined character, 造字), which the subset would take
// for a form and the ToUnicode map read as a mark.
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

// drawn is text drawn from one position with one character spacing.
type drawn struct {
	x    float64
	text string
	tc   float64
}

// pieces returns how r is drawn. A run the layout set half width (r.Half:
// compressed marks, 标点挤压) is drawn with the marks' half-width forms
// (fontset.HalfForm), whose advances are the half boxes the layout placed,
// so that text extraction (poppler) measures each mark, and a line ending
// in one, as printed; where a form is not to be had (a composite outline,
// or the document's own text uses the forms' code points), each mark is
// drawn whole from where its ink begins. Every other run is one piece.
func (pf *pdfFile) pieces(r *layout.Run) []drawn {
	if !r.Half {
		return []drawn{{r.X, r.Text, r.CharSpacing}}
	}
	if t, ok := pf.formText(r); ok {
		return []drawn{{r.X, t, r.CharSpacing}}
	}
	f := pf.faces[r.Face]
	var out []drawn
	x := r.X
	for _, c := range r.Text {
		adv := r.Size
		if f != nil {
			adv = f.Advance(c) * r.Size
		}
		px := x
		if openingMarks[c] {
			px -= adv / 2 // the white half before the ink
		}
		out = append(out, drawn{px, string(c), 0})
		x += adv/2 + r.CharSpacing
	}
	return out
}

// formText returns r's text as half-width form code points when every mark
// of it has a form in its face and the document may use them.
func (pf *pdfFile) formText(r *layout.Run) (string, bool) {
	f := pf.faces[r.Face]
	if !pf.halves || f == nil {
		return "", false
	}
	out := make([]rune, 0, 2)
	for _, c := range r.Text {
		p, ok := fontset.HalfForm(c)
		if !ok || !f.HasHalfForm(c) {
			return "", false
		}
		out = append(out, p)
	}
	return string(out), true
}

// openingMarks are the marks whose white half is on the left.
var openingMarks = func() map[rune]bool {
	m := map[rune]bool{}
	for _, c := range layout.CompressOpening {
		m[c] = true
	}
	return m
}()
