package layout

import (
	"math"

	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// Options tunes one layout run.
type Options struct {
	// FirstPage is the printed number of the first page (default 1); a
	// compilation passes the running page number.
	FirstPage int
	// Unnumbered leaves the page numbers out: Number adds them later. A
	// compilation lays its reports out at the same time, before it knows
	// where each one starts; only the page numbers depend on that.
	Unnumbered bool
}

// engine holds the state of one layout run.
type engine struct {
	l       *tmpl.Layout
	m       *cachedMeasurer
	opt     Options
	doc     *Document
	page    *Page
	cur     int // next free grid line on the page
	n       int // grid lines per page
	pitch   float64
	cpitch  float64
	left    float64
	width   float64
	body    float64 // body size
	scale   float64 // grid scale for body-size text
	brk     breakOpts
	ahead   *para // the paragraph after a heading, broken to look ahead
	missing []MissingGlyph
	elems   []model.Element
	elem    int                // index of the element being set (Run.Elem, Rule.Elem)
	indents map[int][2]float64 // first-line and wrapped-line indent per element
	pos     map[*model.Element]int
	want    map[int]int    // lines a paragraph must be set in (refit), by element
	placed  map[int][2]int // page and line count of every body paragraph set
	widow   int            // paragraph whose last line the signature rule left alone, -1 if none
	widowPg int            // the page that line was carried from
}

// Layout sets a report's elements (model.Report.Elements) on pages of the
// template layout l, measuring glyphs with m.
func Layout(elems []model.Element, l *tmpl.Layout, m Measurer, opt Options) *Document {
	if opt.FirstPage == 0 {
		opt.FirstPage = 1
	}
	cm := newCachedMeasurer(m)
	e := run(elems, l, cm, opt, nil)
	if e.widow >= 0 {
		if better := refit(e, elems, l, cm, opt); better != nil {
			e = better
		}
	}
	return e.doc
}

// refitTries bounds the layouts refit tries.
const refitTries = 24

// refit looks for a layout without the widow the signature rule left in e
// (the last line of the paragraph before the signature alone at the top of
// the signature's page, where carrying two lines would have left the page
// before three lines short): one paragraph on that page or the page before
// it set one line shorter (by 标点挤压, so that the signature fits; tried
// first, it saves a page) or one line longer (so that the paragraph before
// the signature ends on the page's last line and two lines go over), never
// with a loose line. It returns nil when no such layout has no widow and at
// most e's pages.
func refit(e *engine, elems []model.Element, l *tmpl.Layout, m *cachedMeasurer, opt Options) *engine {
	var cands []int
	for i := e.widow - 1; i >= 0; i-- {
		if pl, ok := e.placed[i]; ok {
			if pl[0] < e.widowPg-1 {
				break
			}
			cands = append(cands, i)
		}
	}
	tries := 0
	for _, delta := range []int{-1, 1} {
		for _, i := range cands {
			n := e.placed[i][1] + delta
			if n < 1 || tries >= refitTries {
				continue
			}
			tries++
			f := run(elems, l, m, opt, map[int]int{i: n})
			if f.widow < 0 && len(f.doc.Pages) <= len(e.doc.Pages) && f.placed[i][1] == n {
				return f
			}
		}
	}
	return nil
}

// gridEngine is an engine that sets doc on the grid of l: lines per page,
// line and character pitch, text block, body size and scale; no element
// is being set.
func gridEngine(l *tmpl.Layout, m *cachedMeasurer, doc *Document) *engine {
	e := &engine{
		l: l, m: m, doc: doc,
		n:      l.LinesPerPage(),
		pitch:  l.LinePitch(),
		cpitch: l.CharPitch(),
		left:   l.Left(),
		width:  l.TextWidth(),
		body:   l.Sizes.Body,
		elem:   -1,
	}
	e.scale = e.cpitch / e.body
	return e
}

// run lays elems out once; want sets paragraphs (by element index) in a
// given number of lines where the text allows it without loose lines.
func run(elems []model.Element, l *tmpl.Layout, m *cachedMeasurer, opt Options, want map[int]int) *engine {
	e := gridEngine(l, m, &Document{Width: l.PageWidth(), Height: l.PageHeight(), BoldStroke: l.Body.SyntheticBoldPt})
	e.opt, e.want, e.placed, e.widow = opt, want, map[int][2]int{}, -1
	e.elems, e.indents, e.pos = elems, map[int][2]float64{}, make(map[*model.Element]int, len(elems))
	for i := range elems {
		e.pos[&elems[i]] = i
	}
	if sp := l.Table.LineSpacing; sp > 0 {
		e.doc.TableLead = l.Sizes.Table * sp
	} else {
		e.doc.TableLead = l.Sizes.Table * 1.25
	}
	e.brk = breakOpts{compress: l.Kinsoku.Compress, orphans: true, endHalf: l.Kinsoku.HalfWidthLineEnd, strictUnits: l.Kinsoku.StrictUnits}
	e.newPage()
	var colophon []int
	head := [2]int{-1, -1} // 发文字号, 签发人
	for i := 0; i < len(elems); i++ {
		el := &elems[i]
		e.elem = i
		mark := e.markRules()
		switch el.Kind {
		case model.ElDocNumber:
			head[0] = i
		case model.ElSigner:
			head[1] = i
		case model.ElCopyTo, model.ElImprint:
			colophon = append(colophon, i)
		case model.ElTitle:
			if l.RedHead.Enabled && len(e.doc.Pages) == 1 && e.cur == 0 && e.doc.RedHead == nil {
				e.redHead(i, head[0], head[1])
				e.elem = i
			}
			e.title(el)
		case model.ElRecipient:
			e.paragraph(el, 0, 0, KindRecipient)
		case model.ElParagraph:
			ind := 0.0
			if el.Indent {
				ind = float64(l.Body.IndentChars) * e.cpitch
			}
			if p := e.breakBody(el, ind, 0, KindBody); p != nil {
				p = e.fitClosing(p, closingLines(elems[i+1:], l))
				e.place(p, e.widowBreak(len(p.lines)))
			}
		case model.ElHeading:
			ind := 0.0
			if el.Indent {
				ind = float64(l.Body.IndentChars) * e.cpitch
			}
			var next *model.Element
			if i+1 < len(elems) {
				next = &elems[i+1]
			}
			e.heading(el, ind, next)
		case model.ElTable:
			e.table(el)
		case model.ElAttachment:
			e.attachment(el)
		case model.ElSignature:
			var date *model.Element
			if i+1 < len(elems) && elems[i+1].Kind == model.ElDate {
				date = &elems[i+1]
				i++
			}
			e.signature(el, date)
		case model.ElDate:
			e.signature(nil, el)
		}
		e.tagRules(mark, i)
	}
	if len(colophon) > 0 {
		e.colophon(colophon)
	}
	e.elem = -1
	if !opt.Unnumbered {
		e.pageNumbers()
	}
	e.doc.Missing = e.missing
	e.collect(elems)
	return e
}

// ruleMark is where the rules stood before an element was set.
type ruleMark struct{ page, n int }

func (e *engine) markRules() ruleMark {
	return ruleMark{len(e.doc.Pages) - 1, len(e.page.Rules)}
}

// tagRules gives the rules added since m to element i.
func (e *engine) tagRules(m ruleMark, i int) {
	for p := m.page; p < len(e.doc.Pages); p++ {
		rs := e.doc.Pages[p].Rules
		from := 0
		if p == m.page {
			from = m.n
		}
		for k := from; k < len(rs); k++ {
			if rs[k].Elem == 0 {
				rs[k].Elem = i
			}
		}
	}
}

func (e *engine) newPage() {
	e.doc.Pages = append(e.doc.Pages, Page{Number: e.opt.FirstPage + len(e.doc.Pages)})
	e.page = &e.doc.Pages[len(e.doc.Pages)-1]
	e.cur = 0
}

// lineTop is the y of the top of grid line i.
func (e *engine) lineTop(i int) float64 { return e.l.Top() + float64(i)*e.pitch }

// baseline of grid line i for text of role at size.
func (e *engine) baseline(i int, role model.Role, size float64) float64 {
	return e.lineTop(i) + e.m.ascent(role)*size
}

// take reserves the next grid line, starting a new page when full.
func (e *engine) take() int {
	if e.cur >= e.n {
		e.newPage()
	}
	i := e.cur
	e.cur++
	if e.cur > e.page.Lines {
		e.page.Lines = e.cur
	}
	return i
}

// blank adds n blank lines; blank lines at the top of a page are dropped.
func (e *engine) blank(n int) {
	if e.cur == 0 {
		return
	}
	e.cur += n
	if e.cur >= e.n {
		e.newPage()
		return
	}
	if e.cur > e.page.Lines {
		e.page.Lines = e.cur
	}
}

// need starts a new page unless k more lines fit on this one.
func (e *engine) need(k int) {
	if e.cur > 0 && e.cur+k > e.n {
		e.newPage()
	}
}

// outline records a bookmark for a first-level heading on grid line i.
func (e *engine) outline(el *model.Element, i int) {
	title := el.Text()
	if b := el.Block; b != nil && b.Heading.Value != "" {
		title = b.Number + b.HeadingText()
	}
	e.doc.Outline = append(e.doc.Outline, OutlineEntry{Level: 1, Title: title, Page: len(e.doc.Pages) - 1, Y: e.lineTop(i)})
}

// emit appends the runs of one line: glyphs grouped by face, role, weight,
// spacing and width (a compressed mark is set half width, see setting); a
// missing glyph becomes a box.
func (e *engine) emit(gs []glyph, x, y, size, tc float64, kind Kind, lineNo int) float64 {
	pageIdx := len(e.doc.Pages) - 1
	st := settings(gs, tc)
	for i := 0; i < len(gs); {
		g := gs[i]
		if g.missing {
			e.page.Boxes = append(e.page.Boxes, Box{X: x + 0.1*size, Y: y - 0.8*size, W: 0.8 * size, H: 0.9 * size, Rune: g.r})
			e.missing[g.miss-1].Page = pageIdx
			x += st[i].adv + st[i].gap
			i++
			continue
		}
		j, w := i, 0.0
		for j < len(gs) && !gs[j].missing && gs[j].face == g.face && gs[j].role == g.role && gs[j].bold == g.bold &&
			st[j].gap == st[i].gap && st[j].half == st[i].half {
			w += st[j].adv + st[j].gap
			j++
		}
		rs := make([]rune, j-i)
		for k := i; k < j; k++ {
			rs[k-i] = gs[k].r
		}
		e.page.Runs = append(e.page.Runs, Run{
			X: x, Y: y, Size: size, Role: g.role, Face: g.face, Text: string(rs), Bold: g.bold, Half: st[i].half,
			CharSpacing: st[i].gap, Width: w, Kind: kind, Line: lineNo, Src: g.src, Off: g.off, Elem: e.elem,
		})
		x += w
		i = j
	}
	return x
}

// setting is how one glyph of a line is set: the advance of its box, the
// space after it, and whether it is a compressed mark set half width.
type setting struct {
	adv, gap float64
	half     bool
}

// settings sets the glyphs of a line with spacing tc and their kerns
// (标点挤压): a mark whose white half the layout took away (a kern of
// minus half its width, on the mark itself for a closing mark, on the glyph
// before it for an opening one) gets a box of half its advance where its
// ink is, and the kern is taken out of the spacing, so every glyph stands
// where the kerns put it. A compressed mark at the line end ends with its
// kern alone, so that its box stops at the text block's edge.
func settings(gs []glyph, tc float64) []setting {
	st := make([]setting, len(gs))
	last := len(gs) - 1
	for i := range gs {
		g := &gs[i]
		k := g.kern
		gap := tc + k
		if k != 0 && i == last {
			gap = k
		}
		st[i] = setting{adv: g.adv, gap: gap}
	}
	for i := range gs {
		g := &gs[i]
		if g.kern == 0 || g.missing {
			continue
		}
		switch {
		case squeezeRight(g) && halfKern(g.kern, g):
			// its own white: the box ends with the ink
			st[i].adv = g.adv / 2
			st[i].gap += g.adv / 2
			st[i].half = true
			if i == last && i > 0 {
				// the box ends where the kern ended the line (the text
				// block's edge): the hair between the natural half and the
				// grid half goes before the mark
				st[i-1].gap += st[i].gap
				st[i].gap = 0
			}
		case i < last && squeezeLeft(&gs[i+1]) && !gs[i+1].missing && halfKern(g.kern, &gs[i+1]):
			// the next mark's white: that mark's box starts with its ink
			n := &gs[i+1]
			st[i].gap += n.adv / 2
			st[i+1].adv = n.adv / 2
			st[i+1].half = true
		}
	}
	return st
}

// halfKern reports whether k takes away half of g's width (the kern
// squeeze and the pair rule give, in grid points).
func halfKern(k float64, g *glyph) bool {
	h := g.adv / 2
	return k < 0 && math.Abs(-k-h) <= 0.1*h
}

// natWidth is the sum of the advances of gs.
func natWidth(gs []glyph) float64 {
	w := 0.0
	for _, g := range gs {
		w += g.adv
	}
	return w
}

// gridTc is the spacing that puts body-size glyphs on the character grid.
func (e *engine) gridTc(gs []glyph) float64 {
	if len(gs) == 0 {
		return 0
	}
	return natWidth(gs) * (e.scale - 1) / float64(len(gs))
}

func ceilLines(h, pitch float64) int { return int(math.Ceil(h/pitch - 1e-6)) }
