package layout

import (
	"unicode/utf8"

	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// colophon sets the 版记 (GB/T 9704 7.4) on the last grid lines of the last
// page, a new page when the body reaches them: the 抄送 lines (colophon.size,
// side_chars in from both edges, wrapped lines aligned after "抄送："), then
// the 印发机关 (left) and the 印发日期 (right) on the last line; a thick rule
// above the first line, a thin one between 抄送 and the imprint, a thick one
// on the bottom edge of the text block. idx are the indexes of the
// ElCopyTo and ElImprint elements.
func (e *engine) colophon(idx []int) {
	c := e.l.Colophon
	size := c.Size
	if size <= 0 {
		size = e.l.Sizes.PageNumber
	}
	side := float64(c.SideChars) * size
	inner := e.width - 2*side
	col := &Colophon{Size: size, Side: side, Page: -1}
	type setLine struct {
		gs   []glyph
		x    float64
		tc   float64
		kind Kind
		elem int
	}
	var copyLines []setLine
	var printer, date *setLine
	for _, i := range idx {
		el := &e.elems[i]
		switch el.Kind {
		case model.ElCopyTo:
			gs := trimSpaces(e.shape(el.Spans, size, false))
			label := 0
			if len(el.Spans) > 0 {
				label = utf8.RuneCountInString(el.Spans[0].Text)
			}
			lw := natWidth(gs[:min(label, len(gs))])
			col.Hang = side + lw
			for k, ln := range breakLines(gs, runes(gs), inner, inner-lw, 1) {
				x := e.left + side
				if k > 0 {
					x += lw
				}
				copyLines = append(copyLines, setLine{gs: gs[ln.start:ln.end], x: x, tc: ln.spacing(1, true), kind: KindCopyTo, elem: i})
			}
		case model.ElImprint:
			if len(el.Spans) > 0 {
				if gs := trimSpaces(e.shape(el.Spans[:1], size, false)); len(gs) > 0 {
					printer = &setLine{gs: gs, x: e.left + side, kind: KindImprint, elem: i}
				}
			}
			if len(el.Spans) > 1 {
				gs := trimSpaces(e.shape(el.Spans[1:], size, false))
				date = &setLine{gs: gs, x: e.left + e.width - side - natWidth(gs), kind: KindImprint, elem: i}
			}
			col.HasImprint = true
		}
	}
	k := len(copyLines)
	if col.HasImprint {
		k++
	}
	if k == 0 {
		return
	}
	k = min(k, e.n)
	if e.cur > e.n-k {
		e.newPage()
	}
	first := e.n - k
	col.Page, col.FirstLine = len(e.doc.Pages)-1, first
	put := func(s *setLine, line int) Line {
		top := e.lineTop(line) + (e.pitch-size)/2
		e.elem = s.elem
		end := e.emit(s.gs, s.x, top+e.m.ascent(model.RoleBody)*size, size, s.tc, s.kind, line)
		w := end - s.x
		if len(s.gs) > 0 {
			w -= s.tc
		}
		return Line{Page: col.Page, Line: line, Text: glyphText(s.gs), X: s.x, Width: w, Indent: s.x - e.left, Right: e.left + e.width - (s.x + w)}
	}
	line := first
	for i := range copyLines {
		if line >= e.n {
			break
		}
		col.CopyTo = append(col.CopyTo, put(&copyLines[i], line))
		line++
	}
	if col.HasImprint {
		line = e.n - 1
		if printer != nil {
			col.Printer = put(printer, line)
		}
		if date != nil {
			col.Date = put(date, line)
		}
	}
	thick, thin := c.ThickMM*tmpl.PtPerMM, c.ThinMM*tmpl.PtPerMM
	x1, x2 := e.left, e.left+e.width
	rule := func(y, w float64) Rule { return Rule{X1: x1, Y1: y, X2: x2, Y2: y, Width: w, Elem: -1} }
	col.First = rule(e.lineTop(first), thick)
	col.Last = rule(e.lineTop(e.n)-thick/2, thick)
	e.page.Rules = append(e.page.Rules, col.First, col.Last)
	if len(col.CopyTo) > 0 && col.HasImprint {
		col.Thin = rule(e.lineTop(e.n-1), thin)
		e.page.Rules = append(e.page.Rules, col.Thin)
	}
	e.cur = e.n
	e.page.Lines = e.n
	e.doc.Colophon = col
}

func glyphText(gs []glyph) string {
	rs := make([]rune, 0, len(gs))
	for _, g := range gs {
		rs = append(rs, g.r)
	}
	return string(rs)
}
