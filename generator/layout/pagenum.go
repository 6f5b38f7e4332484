package layout

import (
	"fmt"

	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// Number numbers the pages of doc, laid out with Options.Unnumbered, from
// first on: each page's Number and its page-number run, exactly as Layout
// with Options.FirstPage first would have set them (glyphs the page-number
// face lacks are added to doc.Missing).
func Number(doc *Document, l *tmpl.Layout, m Measurer, first int) {
	e := gridEngine(l, newCachedMeasurer(m), doc)
	e.missing = doc.Missing
	for i := range doc.Pages {
		doc.Pages[i].Number = first + i
	}
	e.pageNumbers()
	doc.Missing = e.missing
}

// pageNumbers adds "— N —" to every page (the first only when the layout
// asks): odd pages right-aligned InsetChars in from the text block's right
// edge, even pages left-aligned InsetChars in from its left edge; the top of
// the dashes' ink OffsetMM below the text block (GB/T 9704 7.5). Without ink
// figures from the measurer (InkMeasurer) the top of the glyph boxes stands
// there instead.
func (e *engine) pageNumbers() {
	l := e.l
	size := l.Sizes.PageNumber
	asc := e.m.ascent(model.RolePageNum) * size
	inkTop := l.Top() + l.TextHeight() + l.PageNumber.OffsetMM*72/25.4
	y := inkTop + asc
	if top, ok := markInk(e.m.m, l.PageNumber.Format); ok {
		y = inkTop + top*size
	}
	inset := float64(l.PageNumber.InsetChars) * e.cpitch
	e.doc.PageNumber = PageNumberGeometry{
		Top: y - asc, InkTop: inkTop, Baseline: y, Size: size, Inset: inset,
		Offset: l.PageNumber.OffsetMM * 72 / 25.4, FirstPage: l.PageNumber.FirstPage,
	}
	for p := range e.doc.Pages {
		if p == 0 && !l.PageNumber.FirstPage {
			continue
		}
		pg := &e.doc.Pages[p]
		e.page = pg
		gs := e.shape([]model.Span{{Text: fmt.Sprintf(l.PageNumber.Format, pg.Number), Role: model.RolePageNum}}, size, false)
		x := PageNumberX(pg.Number, natWidth(gs), e.left, e.width, inset)
		n := len(e.doc.Pages)
		e.doc.Pages = e.doc.Pages[:p+1] // emit records missing glyphs on the last page
		e.emit(gs, x, y, size, 0, KindPageNum, -1)
		e.doc.Pages = e.doc.Pages[:n]
		for k := range pg.Runs {
			if pg.Runs[k].Kind == KindPageNum {
				pg.Runs[k].Artifact = true
			}
		}
	}
}

// markInk is the height above the baseline, in em, of the top of the ink of
// the marks around the number in format (the dashes of "— %d —"; the digits
// when the format has no marks). ok is false when m gives no ink figures.
func markInk(m Measurer, format string) (float64, bool) {
	im, ok := m.(InkMeasurer)
	if !ok {
		return 0, false
	}
	var marks, digits []rune
	for _, r := range fmt.Sprintf(format, 1234567890) {
		switch {
		case isDigit(r):
			digits = append(digits, r)
		case r != ' ' && r != '\u00a0' && r != '\u3000':
			marks = append(marks, r)
		}
	}
	if len(marks) == 0 {
		marks = digits
	}
	top, found := 0.0, false
	for _, r := range marks {
		if t, _, ok := im.Ink(model.RolePageNum, r); ok && (!found || t > top) {
			top, found = t, true
		}
	}
	return top, found
}

// PageNumberX is the x of a page number of width w: odd numbers end inset
// before the right edge of the text block, even numbers start inset after
// its left edge.
func PageNumberX(number int, w, left, width, inset float64) float64 {
	if number%2 == 1 {
		return left + width - inset - w
	}
	return left + inset
}

// carryLines moves the last k grid lines of the current page, when they
// are body text (fewer when the lines above the last are not), to the top
// of a new page.
func (e *engine) carryLines(k int) {
	last := -1
	for _, r := range e.page.Runs {
		last = max(last, r.Line)
	}
	if last < 1 {
		return
	}
	movable := func(line int) bool {
		found := false
		for _, r := range e.page.Runs {
			if r.Line == line {
				if r.Kind != KindBody && r.Kind != KindAttach {
					return false
				}
				found = true
			}
		}
		return found
	}
	if !movable(last) {
		return
	}
	from := last
	for from > max(1, last-k+1) && movable(from-1) {
		from--
	}
	var keep, move []Run
	for _, r := range e.page.Runs {
		if r.Line >= from {
			move = append(move, r)
		} else {
			keep = append(keep, r)
		}
	}
	oldPage := len(e.doc.Pages) - 1
	e.page.Runs = keep
	e.page.Lines = from
	var boxes []Box
	var stay []Box
	for _, b := range e.page.Boxes {
		if b.Y > e.lineTop(from)-1 && b.Y < e.lineTop(last+1) {
			boxes = append(boxes, b)
		} else {
			stay = append(stay, b)
		}
	}
	e.page.Boxes = stay
	e.newPage()
	shift := e.lineTop(from) - e.lineTop(0)
	for _, r := range move {
		r.Line -= from
		r.Y -= shift
		e.page.Runs = append(e.page.Runs, r)
	}
	for _, b := range boxes {
		b.Y -= shift
		e.page.Boxes = append(e.page.Boxes, b)
	}
	for i := range e.doc.Outline {
		if o := &e.doc.Outline[i]; o.Page == oldPage && o.Y >= e.lineTop(from) {
			o.Page, o.Y = oldPage+1, o.Y-shift
		}
	}
	e.cur = last - from + 1
	e.page.Lines = e.cur
}
