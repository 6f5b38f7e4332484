package docx

import (
	"math"
	"strings"

	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// This file turns the layout result into the body of the document. The
// DOCX stays a flow document that Word reflows, but every decision the
// layout took that DOCX can express comes from the result: the title's
// line breaks (explicit breaks), heading levels (from the font role the
// layout set the heading in), attachment, signature and date indents,
// table column widths and row heights, the red head and the 版记. Nothing
// here measures text.

// levelOf is the heading style level (1–4) of a heading set in role (bold
// or not): 一、黑体 → 1, （一）楷体 → 2, 1. 仿宋 bold → 3, （1）仿宋 → 4.
func levelOf(role model.Role, bold bool) int {
	switch {
	case role == model.RoleHeading1:
		return 1
	case role == model.RoleHeading2:
		return 2
	case bold:
		return 3
	}
	return 4
}

// paragraphs renders the elements as laid out in doc.
func paragraphs(els []model.Element, doc *layout.Document, l *tmpl.Layout, t Twips) []Para {
	var out []Para
	left := l.Left()
	for i := range els {
		e := &els[i]
		b := doc.Block(i)
		p := Para{Outline: -1, Elem: e}
		switch e.Kind {
		case model.ElTitle:
			p.Kind, p.Style = "title", StyleTitle
			// The layout broke the lines: room on both sides (the lines
			// stay centred) so that no engine wraps them again where it
			// sets them a little wider (LibreOffice spaces Chinese from
			// Latin letters and digits).
			p.Ind = &Indent{Left: -t.Char, Right: -t.Char}
			if b == nil {
				p.Runs = []Run{{}}
				break
			}
			for j, ln := range b.Lines {
				p.Runs = append(p.Runs, Run{Text: strings.TrimSpace(ln.Text), Break: j > 0})
			}
		case model.ElRecipient:
			p.Kind, p.Style = "recipient", StyleAddressee
			p.Runs = plainRuns(e.Spans)
		case model.ElHeading:
			lvl := headingLevelOf(b, e)
			p.Kind, p.Style = "heading", HeadingStyle(lvl)
			if e.Level > 0 && e.Level != lvl {
				p.Outline = e.Level - 1
			}
			p.Runs = plainRuns(e.Spans)
		case model.ElParagraph:
			p.Kind, p.Style = "paragraph", StyleBody
			p.Runs = plainRuns(e.Spans)
			if e.Level > 0 && e.Block != nil {
				p.Outline = e.Level - 1
				n := runInSpans(e)
				cs := HeadingCharStyle(headingLevelOf(b, e))
				for k := 0; k < n && k < len(p.Runs); k++ {
					p.Runs[k].Style = cs
				}
			}
		case model.ElTable:
			if len(out) > 0 && out[len(out)-1].Kind == "table" {
				out = append(out, Para{Kind: "blank", Style: StyleBody, Outline: -1})
			}
			p.Kind = "table"
			p.Table = tableView(e.Table, doc.Table(i), l, t)
		case model.ElAttachment:
			p.Kind, p.Style = "attachment", StyleAttachment
			if e.Index > 0 {
				p.Style = StyleAttachmentNext
			}
			p.Runs = plainRuns(e.Spans)
			// 附件：1.name — the first line where the layout starts it,
			// wrapped lines where the layout hangs them.
			if b != nil {
				p.Ind = &Indent{Left: tw(b.Hang)}
				if d := b.Hang - b.First; d > 0 {
					p.Ind.Hanging = tw(d)
				} else {
					p.Ind.FirstLine = tw(-d)
				}
			}
		case model.ElSignature, model.ElDate:
			p.Kind, p.Style = "signature", StyleSignature
			if e.Kind == model.ElDate {
				p.Kind, p.Style = "date", StyleDate
				if !hasKind(els, model.ElSignature) {
					p.Style = StyleSignature // the blank line before moves to the date
				}
			}
			p.Runs = plainRuns(e.Spans)
			p.Ind = &Indent{}
			if b != nil && len(b.Lines) > 0 {
				p.Ind.Left = max(0, tw(b.Lines[0].X-left))
			}
		default:
			continue
		}
		out = append(out, p)
	}
	if len(out) > 0 && out[len(out)-1].Kind == "table" {
		out = append(out, Para{Kind: "blank", Style: StyleBody, Outline: -1})
	}
	keepWithSignature(out, els, doc)
	dropSpaceAtPageTop(out, els, doc)
	return out
}

// dropSpaceAtPageTop removes the blank line (space before) of a paragraph
// that the layout set at the top of a page: the layout drops blank lines
// there, and Word, WPS and LibreOffice would otherwise keep it (LibreOffice
// always does), pushing the rest of the page down a line.
func dropSpaceAtPageTop(ps []Para, els []model.Element, doc *layout.Document) {
	for i := range ps {
		p := &ps[i]
		if p.Style != StyleAttachment && p.Style != StyleSignature || p.Elem == nil {
			continue
		}
		for k := range els {
			if &els[k] != p.Elem {
				continue
			}
			if b := doc.Block(k); b != nil && len(b.Lines) > 0 && b.Lines[0].Page > 0 && b.Lines[0].Line == 0 {
				p.Before = noSpace
			}
			break
		}
	}
}

// keepWithSignature keeps the paragraph before the signature (or the date)
// with it when the layout set that whole paragraph on the signature's page:
// the layout never lets the signature open a page alone and carries the
// last body line over with it.
func keepWithSignature(ps []Para, els []model.Element, doc *layout.Document) {
	blockOf := func(e *model.Element) *layout.Block {
		for k := range els {
			if &els[k] == e {
				return doc.Block(k)
			}
		}
		return nil
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Kind != "signature" && ps[i].Kind != "date" {
			continue
		}
		prev, sig := blockOf(ps[i-1].Elem), blockOf(ps[i].Elem)
		if prev == nil || sig == nil || len(prev.Lines) == 0 || len(sig.Lines) == 0 {
			return
		}
		page := sig.Lines[0].Page
		if prev.Lines[0].Page == page && prev.Lines[len(prev.Lines)-1].Page == page {
			ps[i-1].KeepNext = true
		}
		return
	}
}

// headingLevelOf is the style level of an element's heading: from the role
// the layout set its first glyph in, or from the model when the element
// printed nothing.
func headingLevelOf(b *layout.Block, e *model.Element) int {
	if b != nil {
		return levelOf(b.Role, b.Bold)
	}
	if len(e.Spans) > 0 {
		return levelOf(e.Spans[0].Role, e.Spans[0].Bold)
	}
	return 4
}

func hasKind(els []model.Element, k model.ElemKind) bool {
	for i := range els {
		if els[i].Kind == k {
			return true
		}
	}
	return false
}

// runInSpans counts the leading spans of a paragraph that form its run-in
// heading (number and heading text).
func runInSpans(e *model.Element) int {
	for i, s := range e.Spans {
		if s.Src == &e.Block.Heading {
			return i + 1
		}
	}
	return 0
}

func plainRuns(spans []model.Span) []Run {
	var rs []Run
	for _, s := range spans {
		if s.Text == "" {
			continue
		}
		rs = append(rs, Run{Text: clean(s.Text)})
	}
	if len(rs) == 0 {
		rs = append(rs, Run{})
	}
	return rs
}

// tableView is a table with the column widths (gridCol, tcW) and row
// heights of the layout: each row at least as high as the layout set it.
func tableView(tb *model.Table, lt *layout.Table, l *tmpl.Layout, t Twips) *TableView {
	v := &TableView{
		Caption: clean(tb.Caption.Value),
		Width:   t.TextW,
		Border:  max(2, int(math.Round(l.Table.RulePt*8))),
		Pad:     mmTw(l.Table.CellPadMM),
	}
	n := len(tb.Columns)
	for _, row := range tb.Rows {
		n = max(n, len(row))
	}
	if n == 0 {
		return v
	}
	v.Cols = gridCols(lt, n, t.TextW)
	header, heights, cant := rowHeights(lt, len(tb.Rows), l)
	if len(tb.Columns) > 0 {
		for i := 0; i < n; i++ {
			c := Cell{Width: v.Cols[i], Style: StyleTableHeader}
			if i < len(tb.Columns) {
				c.Text = clean(tb.Columns[i].Value)
			}
			v.Header = append(v.Header, c)
		}
		v.HeaderHeight = header
	}
	for r, row := range tb.Rows {
		cells := make([]Cell, n)
		for i := range cells {
			cells[i] = Cell{Width: v.Cols[i], Style: StyleTableText}
			if i < len(row) {
				cells[i].Text = clean(row[i].Value)
			}
		}
		rv := Row{Cells: cells}
		if heights != nil {
			rv.Height, rv.CantSplit = heights[r], cant[r]
		}
		v.Rows = append(v.Rows, rv)
	}
	return v
}

// gridCols converts the layout's column widths to twips that add up to
// the text width exactly (the rounding goes to the last column). Without a
// layout (a table the layout did not set) the width is shared evenly.
func gridCols(lt *layout.Table, n, total int) []int {
	out := make([]int, n)
	used := 0
	for i := range out {
		if lt != nil && len(lt.Cols) == n {
			out[i] = tw(lt.Cols[i])
		} else {
			out[i] = total / n
		}
		used += out[i]
	}
	out[n-1] += total - used
	return out
}

// rowHeights are the minimum heights (twips) of the header and of every
// one-line body row the layout set whole, and whether a row may not break across
// pages: a row the layout moved whole to a new page does not split there
// (cantSplit); every other row may split where Word finds it needs to, as
// the layout splits rows. Nil without a layout.
func rowHeights(lt *layout.Table, rows int, l *tmpl.Layout) (header int, heights []int, cant []bool) {
	if lt == nil || len(lt.Pieces) == 0 {
		return 0, nil, nil
	}
	// Word and LibreOffice add the rule to the row's height; the layout's
	// rows include it.
	h := func(pt float64) int { return int(math.Floor((pt - l.Table.RulePt) * 20)) }
	if p := lt.Pieces[0]; len(p.Rows) > 0 && len(p.RowOf) > 0 && p.RowOf[0] == -1 {
		header = h(p.Rows[0])
	}
	whole, hs := lt.Whole(rows)
	moved := lt.Moved(rows)
	heights = make([]int, rows)
	cant = make([]bool, rows)
	for r := range heights {
		if whole[r] {
			cant[r] = moved[r] && hs[r] < l.TextHeight()
			// Only a row the grid's minimum makes taller than its text gets
			// a height: LibreOffice does not split rows after ones with a
			// height, and a taller row's text gives it the layout's height.
			if hs[r] <= l.LinePitch()+0.5 {
				heights[r] = h(hs[r])
			}
		}
	}
	return header, heights, cant
}

// redHead is the red head as the layout set it, in twips from the top of
// the text block; the gaps are chosen so that the title lands on the grid
// line the layout put it on.
func redHead(h *layout.RedHead, l *tmpl.Layout, t Twips) RedHeadView {
	color := strings.ToUpper(hexColor(h.Color))
	v := RedHeadView{
		Enabled:   true,
		Text:      h.Text,
		Size:      halfPt(h.Size),
		Color:     color,
		RuleColor: color,
		Before:    tw(h.Top - l.Top()),
		Line:      tw(h.Size),
		RuleSize:  max(2, min(96, int(math.Round(h.Rule.Width*8)))),
	}
	used := v.Before + v.Line // down to the mark's bottom
	last := h.Bottom
	if h.Number.Text != "" || h.Signer.Text != "" {
		p := &Para{Kind: "docnumber", Style: StyleDocNumber, Outline: -1}
		p.Before = tw(h.LineTop - h.Bottom)
		p.Line = tw(l.Sizes.Body)
		if h.Signer.Text != "" {
			p.Tabs = []Tab{{"left", tw(h.Number.Indent)}, {"right", t.TextW - tw(h.Signer.Right)}}
			p.Runs = append(p.Runs, Run{Text: h.Number.Text, Tab: true})
			label, name, _ := strings.Cut(h.Signer.Text, "：")
			p.Runs = append(p.Runs, Run{Text: label + "：", Tab: true}, Run{Text: name, Style: HeadingCharStyle(2)})
		} else {
			p.Tabs = []Tab{{"center", t.TextW / 2}}
			p.Runs = []Run{{Text: h.Number.Text, Tab: true}}
		}
		v.Number = p
		used += p.Before + p.Line
		last = h.LineTop + l.Sizes.Body
	}
	gap := h.Rule.Y1 - h.Rule.Width/2 - last
	v.RuleSpace = max(0, min(31, int(math.Round(gap))))
	used += v.RuleSpace*20 + int(math.Round(h.Rule.Width*20))
	// The title on the layout's grid line, less a little slack: Word and
	// LibreOffice round the rule's width and space to their own units, and
	// a head a few twips taller than the layout's pushes the page's last
	// line over.
	titleTop := tw(float64(h.TitleLine) * l.LinePitch())
	v.After = max(0, titleTop-used-headSlack)
	return v
}

// headSlack (twips) is left between the red head's computed height and the
// title's grid line.
const headSlack = 30

func hexColor(c uint32) string {
	const digits = "0123456789abcdef"
	b := make([]byte, 6)
	for i := 5; i >= 0; i-- {
		b[i] = digits[c&0xf]
		c >>= 4
	}
	return string(b)
}

// colophon is the 版记 as the layout set it, pinned to the foot of its
// page: a text box anchored to the page at the grid line where the layout
// set the 版记's first line (DrawingML, wrapped top and bottom; Word, WPS
// and LibreOffice place it there however their lines break above it —
// LibreOffice 7.4 ignores the position of paragraph frames (w:framePr) and
// of floating tables (w:tblpPr)). The anchor is a paragraph one point
// high after the body, behind a page break when the layout gave the 版记 a
// page of its own. Inside the box the 抄送 paragraph hangs its wrapped
// lines after "抄送："; the imprint has the 印发机关 at a left tab and the
// 印发日期 at a right tab; the thick rules are the top and bottom borders,
// the thin one the border between the two.
func colophon(doc *layout.Document, l *tmpl.Layout, t Twips) []Para {
	c := doc.Colophon
	var out []Para
	lastPage, lastLine := lastBody(doc, l)
	if c.Page != lastPage {
		out = append(out, Para{Kind: "pagebreak", Style: StyleBody, Outline: -1})
	}
	border := func(r layout.Rule) *Border {
		return &Border{Size: max(2, min(96, int(math.Round(r.Width*8)))), Color: "000000"}
	}
	var paras []Para
	if len(c.CopyTo) > 0 {
		// The rules span the text block: the paragraph has no indents of
		// its own; its first line starts at a tab side_chars in, the
		// wrapped lines hang after "抄送：", and the lines break where the
		// layout broke them.
		p := Para{Kind: "colophon", Style: StyleColophon, Outline: -1, Top: border(c.First), Before: noSpace}
		p.Ind = &Indent{Left: tw(c.Hang), Hanging: tw(c.Hang)}
		p.Tabs = []Tab{{"left", tw(c.CopyTo[0].X - l.Left())}}
		for k, ln := range c.CopyTo {
			p.Runs = append(p.Runs, Run{Text: ln.Text, Tab: k == 0, Break: k > 0})
		}
		if !c.HasImprint {
			p.Bottom = border(c.Last)
		}
		paras = append(paras, p)
	}
	if c.HasImprint {
		p := Para{Kind: "colophon", Style: StyleColophon, Outline: -1, Bottom: border(c.Last), Before: noSpace}
		if len(c.CopyTo) > 0 {
			p.Top = border(c.Thin)
		} else {
			p.Top = border(c.First)
		}
		p.Ind = &Indent{}
		p.Tabs = []Tab{{"left", tw(c.Side)}, {"right", t.TextW - tw(c.Side)}}
		p.Runs = []Run{{Text: c.Printer.Text, Tab: true}, {Text: c.Date.Text, Tab: true}}
		paras = append(paras, p)
	}
	if len(paras) == 0 {
		return out
	}
	// The box's top is the top of the first grid line of the 版记, less the
	// first rule, which sits above that line's text; it reaches to the
	// foot of the text block and holds every rule.
	rules := 0.0
	for _, p := range paras {
		for _, b := range []*Border{p.Top, p.Bottom} {
			if b != nil {
				rules += float64(b.Size) / 8
			}
		}
	}
	top := l.Top() + float64(c.FirstLine)*l.LinePitch() - float64(paras[0].Top.Size)/8
	lines := len(c.CopyTo)
	if c.HasImprint {
		lines++
	}
	h := float64(lines)*float64(t.Line)/20 + rules + 1
	// In the flow instead (for a document template without the box): space
	// above as high as the grid lines the layout left free between the
	// body and the 版记, less the height of its rules.
	flow := make([]Para, len(paras))
	copy(flow, paras)
	free := c.FirstLine
	if c.Page == lastPage {
		free = c.FirstLine - lastLine - 1
	}
	flow[0].Before = max(1, free*t.Line-int(math.Round(rules*20)))
	out = append(out, Para{Kind: "colophonbox", Style: StyleColophon, Outline: -1, Line: 20, Before: noSpace,
		Box: &Box{X: 0, Y: emu(top), W: t.TextW * emuPerTwip, H: emu(h), ID: 1, Paras: paras, Flow: flow}})
	return out
}

// unbox sets the 版记 in the flow (Box.Flow) for a document template that
// does not define the "colophonbox" template (one written before it).
func unbox(ps []Para) []Para {
	out := ps[:0:0]
	for _, p := range ps {
		if p.Box != nil {
			out = append(out, p.Box.Flow...)
			continue
		}
		out = append(out, p)
	}
	return out
}

// emuPerTwip converts twips to DrawingML's English metric units.
const emuPerTwip = 635

// emu is a length in points as EMU.
func emu(pt float64) int { return int(math.Round(pt * 12700)) }

// lastBody is the page and the grid line of the last line of the body
// (everything but the 版记).
func lastBody(doc *layout.Document, l *tmpl.Layout) (page, line int) {
	see := func(p, ln int) {
		if p > page || p == page && ln > line {
			page, line = p, ln
		}
	}
	for _, b := range doc.Blocks {
		if b.Kind == layout.KindCopyTo || b.Kind == layout.KindImprint {
			continue
		}
		for _, ln := range b.Lines {
			see(ln.Page, ln.Line)
		}
	}
	for _, tb := range doc.Tables {
		for _, p := range tb.Pieces {
			bottom := p.Top
			for _, h := range p.Rows {
				bottom += h
			}
			see(p.Page, int(math.Ceil((bottom-l.Top())/l.LinePitch()-1e-6))-1)
		}
	}
	return page, line
}
