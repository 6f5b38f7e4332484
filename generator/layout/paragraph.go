package layout

import "github.com/gongwen/gen/generator/model"

// para is a body-size element broken into lines, ready to be placed.
type para struct {
	el        *model.Element
	gs        []glyph
	lines     []line
	ind, hang float64
	kind      Kind
}

// breakBody shapes and breaks a body-size element: first line indented by
// ind, the others by hang.
func (e *engine) breakBody(el *model.Element, ind, hang float64, kind Kind) *para {
	gs := trimSpaces(e.shape(el.Spans, e.body, false))
	if len(gs) == 0 {
		return nil
	}
	return &para{el: el, gs: gs, lines: breakPara(gs, runes(gs), e.width-ind, e.width-hang, e.scale, e.brk), ind: ind, hang: hang, kind: kind}
}

// paragraph sets a body-size element: first line indented by ind, the others
// by hang; lines justified except the last.
func (e *engine) paragraph(el *model.Element, ind, hang float64, kind Kind) {
	if p := e.breakBody(el, ind, hang, kind); p != nil {
		e.place(p, e.widowBreak(len(p.lines)))
	}
}

// heading sets a standalone heading and keeps it with the next element: the
// heading and the first line of the next paragraph stand on one page, and
// when that paragraph has two lines (which the widow rule keeps together),
// with both.
func (e *engine) heading(el *model.Element, ind float64, next *model.Element) {
	p := e.breakBody(el, ind, 0, KindHeading)
	if p == nil {
		return
	}
	k := len(p.lines)
	if next != nil {
		k++
		if next.Kind == model.ElParagraph && e.cur+k == e.n {
			nind := 0.0
			if next.Indent {
				nind = float64(e.l.Body.IndentChars) * e.cpitch
			}
			if np := e.breakBody(next, nind, 0, KindBody); np != nil && len(np.lines) == 2 {
				k++ // heading at the bottom, its two-line paragraph on the next page otherwise
			}
		}
	}
	e.need(k)
	e.place(p, -1)
}

// widowBreak is the line of a paragraph of n lines starting at the current
// line before which a new page must start so that its last line does not
// stand alone at the top of a page (widow): the page then ends one line
// short. -1 when no widow would arise.
func (e *engine) widowBreak(n int) int {
	if n < 2 {
		return -1
	}
	cur := e.cur
	if cur >= e.n {
		cur = 0
	}
	// grid line of the paragraph's last line, counted from the current page
	if last := cur + n - 1; last >= e.n && (last%e.n) == 0 {
		return n - 2
	}
	return -1
}

// place sets the lines of p on grid lines, starting a new page before line
// breakAt (≥ 0).
func (e *engine) place(p *para, breakAt int) {
	e.indents[e.index(p.el)] = [2]float64{p.ind, p.hang} // for the layout result (Block.First, Hang)
	for k, ln := range p.lines {
		if k == breakAt && e.cur > 0 {
			e.newPage()
		}
		i := e.take()
		x := e.left + p.hang
		if k == 0 {
			x = e.left + p.ind
			if p.el.Level == 1 {
				e.outline(p.el, i)
			}
		}
		y := e.baseline(i, model.RoleBody, e.body)
		e.emit(p.gs[ln.start:ln.end], x, y, e.body, ln.spacing(e.scale, true), p.kind, i)
	}
}
