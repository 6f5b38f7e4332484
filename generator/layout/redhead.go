package layout

import (
	"math"
	"strconv"
	"strings"

	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// ParseColor reads "#RRGGBB" (or "RRGGBB") as 0xRRGGBB; anything else is
// def.
func ParseColor(s string, def uint32) uint32 {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) != 6 {
		return def
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return def
	}
	return uint32(v)
}

// redRed is the colour of a red head when the layout's is unreadable.
const redRed = 0xE60012

// redHead sets the 版头 (GB/T 9704 7.2) when the template has one: the
// 发文机关标志 (redhead.text, or the issuer followed by redhead.suffix) in
// red title type, centred, its characters' top edge (the face's em box)
// redhead.top_mm below the text block,
// shrunk to fit the width; doc_number_gap_lines blank lines below it the
// 发文字号 (centred) or, for a report sent up, the 发文字号 side_chars from
// the left and the 签发人 side_chars from the right on the same line; the
// red rule rule_gap_mm below that line (or below the mark); the title
// blank_lines_after grid lines below the rule.
// ti is the index of the title element (its Issuer gives the mark), ni
// and si those of the 发文字号 and 签发人 elements, -1 for none.
func (e *engine) redHead(ti, ni, si int) {
	var number, signer *model.Element
	title := &e.elems[ti]
	if ni >= 0 {
		number = &e.elems[ni]
	}
	if si >= 0 {
		signer = &e.elems[si]
	}
	rh := e.l.RedHead
	var spans []model.Span
	if t := strings.TrimSpace(rh.Text); t != "" {
		spans = []model.Span{{Text: t, Role: model.RoleTitle}}
	} else if iss := title.Issuer; iss != nil {
		spans = []model.Span{{Text: strings.TrimSpace(iss.Value), Role: model.RoleTitle, Src: iss}, {Text: rh.Suffix, Role: model.RoleTitle}}
	}
	size := rh.Size
	if size <= 0 {
		size = e.l.Sizes.Title
	}
	gs := trimSpaces(e.shape(spans, size, false))
	if len(gs) == 0 {
		return
	}
	if w := natWidth(gs); w > e.width+eps {
		fit := math.Floor(size*e.width/w*2) / 2 // half points, as Word sizes go
		for i := range gs {
			gs[i].adv *= fit / size
		}
		size = fit
	}
	color := ParseColor(rh.Color, redRed)
	// The mark's em box (its characters' top and bottom edges) from Top to
	// Bottom: top_mm is measured to the characters, not to the taller box a
	// PDF reader reports.
	asc, desc := e.m.emBox(model.RoleTitle)
	h := &RedHead{Size: size, Color: color, Top: e.l.Top() + rh.TopMM*tmpl.PtPerMM}
	h.Bottom = h.Top + (asc+desc)*size
	w := natWidth(gs)
	x := e.left + (e.width-w)/2
	n := len(e.page.Runs)
	e.elem = -1 // the mark is generated text, not an element's
	e.emit(gs, x, h.Top+asc*size, size, 0, KindRedHead, -1)
	for k := n; k < len(e.page.Runs); k++ {
		e.page.Runs[k].Color = color
		h.Text += e.page.Runs[k].Text
	}
	below := h.Bottom
	if number != nil || signer != nil {
		h.LineTop = h.Bottom + float64(rh.DocNumberGapLines)*e.pitch
		base := h.LineTop + e.m.ascent(model.RoleBody)*e.body
		side := float64(rh.SideChars) * e.cpitch
		if number != nil {
			ng := trimSpaces(e.shape(number.Spans, e.body, false))
			nw := natWidth(ng)
			nx := e.left + (e.width-nw)/2
			h.NumberAlign = AlignCentre
			if signer != nil {
				nx, h.NumberAlign = e.left+side, AlignLeft
			}
			e.elem = ni
			end := e.emit(ng, nx, base, e.body, 0, KindDocNumber, -1)
			h.Number = Line{Page: 0, Line: -1, Text: number.Text(), X: nx, Width: end - nx, Indent: nx - e.left, Right: e.left + e.width - end}
		}
		if signer != nil {
			sg := trimSpaces(e.shape(signer.Spans, e.body, false))
			sw := natWidth(sg)
			sx := e.left + e.width - side - sw
			e.elem = si
			e.emit(sg, sx, base, e.body, 0, KindSigner, -1)
			h.Signer = Line{Page: 0, Line: -1, Text: signer.Text(), X: sx, Width: sw, Indent: sx - e.left, Right: side}
		}
		below = h.LineTop + e.body
	}
	ry := below + rh.RuleGapMM*tmpl.PtPerMM + rh.RulePt/2
	h.Rule = Rule{X1: e.left, Y1: ry, X2: e.left + e.width, Y2: ry, Width: rh.RulePt, Color: color, Elem: -1}
	e.page.Rules = append(e.page.Rules, h.Rule)
	// The title: blank_lines_after whole grid lines below the rule.
	first := int(math.Ceil((ry+rh.RulePt/2-e.l.Top())/e.pitch - eps))
	h.TitleLine = min(first+rh.BlankLinesAfter, e.n-1)
	e.cur = h.TitleLine
	e.page.Lines = e.cur
	e.doc.RedHead = h
}
