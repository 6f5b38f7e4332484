package layout

import (
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

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
	if p := e.ahead; p != nil && p.el == el && p.ind == ind && p.hang == hang && p.kind == kind {
		e.ahead = nil
		return p // broken already by the heading before it
	}
	gs := trimSpaces(e.shape(el.Spans, e.body, false))
	if len(gs) == 0 {
		return nil
	}
	rs := runes(gs)
	if n, ok := e.want[e.index(el)]; ok && kind == KindBody {
		if lines := breakBest(gs, rs, e.width-ind, e.width-hang, e.scale, e.brk, n); lines != nil && !anyLoose(gs, rs, lines, e.scale) {
			return &para{el: el, gs: gs, lines: lines, ind: ind, hang: hang, kind: kind}
		}
	}
	return &para{el: el, gs: gs, lines: breakPara(gs, rs, e.width-ind, e.width-hang, e.scale, e.brk), ind: ind, hang: hang, kind: kind}
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
	// a heading right after this one (三、… then （一）…) stays with it and
	// with what follows it, so the page break comes before the first
	for i := e.index(el) + 1; i > 0 && i < len(e.elems)-1 && e.elems[i].Kind == model.ElHeading && next != nil; i++ {
		nind := 0.0
		if e.elems[i].Indent {
			nind = float64(e.l.Body.IndentChars) * e.cpitch
		}
		gs := trimSpaces(e.shape(e.elems[i].Spans, e.body, false))
		k += len(breakPara(gs, runes(gs), e.width-nind, e.width, e.scale, e.brk))
		next = &e.elems[i+1]
	}
	if next != nil {
		k++
		if next.Kind == model.ElParagraph && e.cur+k == e.n {
			nind := 0.0
			if next.Indent {
				nind = float64(e.l.Body.IndentChars) * e.cpitch
			}
			np := e.breakBody(next, nind, 0, KindBody)
			e.ahead = np
			if np != nil && len(np.lines) == 2 {
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
	if p.kind == KindBody {
		pg := len(e.doc.Pages) - 1
		if e.cur >= e.n {
			pg++
		}
		e.placed[e.index(p.el)] = [2]int{pg, len(p.lines)}
	}
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

// closingLines is the number of lines the signature and date after a
// paragraph take (with the blank line before them), 0 when rest does not
// start with them.
func closingLines(rest []model.Element, l *tmpl.Layout) int {
	k := 0
	for _, el := range rest {
		if el.Kind != model.ElSignature && el.Kind != model.ElDate || k == 2 {
			break
		}
		k++
	}
	if k == 0 {
		return 0
	}
	return k + l.Signature.BlankLinesBefore
}

// fitClosing re-breaks the paragraph before the signature so that the
// signature rule does not leave a page more than two lines short: when the
// signature and date (closing lines) would not fit below the paragraph, the
// signature rule carries the paragraph's last two lines over (carryCount);
// the paragraph is then set one line shorter (by compression) so that the
// closing fits, or as many lines longer as fill the page, so that the page
// keeps 20 lines after the carry. Re-broken lines must not be loose.
func (e *engine) fitClosing(p *para, closing int) *para {
	cur := e.cur
	if cur >= e.n {
		cur = 0
	}
	end := cur + len(p.lines)
	if closing == 0 || end > e.n || end+closing <= e.n || end == e.n {
		return p
	}
	rs := runes(p.gs)
	try := func(want int) bool {
		if want < 1 {
			return false
		}
		lines := breakBest(p.gs, rs, e.width-p.ind, e.width-p.hang, e.scale, e.brk, want)
		if lines == nil || anyLoose(p.gs, rs, lines, e.scale) {
			return false
		}
		p.lines = lines
		return true
	}
	if end+closing-e.n == 1 && try(len(p.lines)-1) {
		return p
	}
	if try(len(p.lines) + e.n - end) {
		return p
	}
	// keep the first breaks (their kerns were overwritten by the attempts)
	p.lines = breakPara(p.gs, rs, e.width-p.ind, e.width-p.hang, e.scale, e.brk)
	return p
}
