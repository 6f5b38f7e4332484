package layout

import (
	"math"
	"slices"
	"sort"

	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// cell is one laid-out table cell: its glyphs broken into lines.
type cell struct {
	gs    []glyph
	lines []line
}

// tableGeom holds the measures of a table being set.
type tableGeom struct {
	size, lead, pad, rule float64
	asc                   float64
	xs                    []float64 // column boundaries, len(cols)+1
}

// table sets a ruled table: optional caption, header row (bold, centred),
// body rows; column widths from content; cells wrap with the line breaker.
// A table runs across pages with the header row repeated on every page; a
// row that does not fit the space left is split between lines when at least
// table.min_split_lines of it stand on each side of the break.
func (e *engine) table(el *model.Element) {
	t := el.Table
	if t == nil || len(t.Columns) == 0 {
		return
	}
	l := e.l
	g := tableGeom{size: l.Sizes.Table, pad: l.Table.CellPadMM * tmpl.PtPerMM, rule: l.Table.RulePt}
	sp := l.Table.LineSpacing
	if sp <= 0 {
		sp = 1.25
	}
	g.lead = g.size * sp
	g.asc = e.m.ascent(model.RoleBody)
	if t.Caption.Value != "" {
		cap := model.Element{Spans: []model.Span{{Text: t.Caption.Value, Role: model.RoleBody, Bold: true, Src: &t.Caption}}}
		e.centred(&cap, KindTable)
	}
	ncol := len(t.Columns)
	shapeCell := func(tx *model.Text, bold bool) cell {
		return cell{gs: trimSpaces(e.shape([]model.Span{{Text: tx.Value, Role: model.RoleBody, Src: tx}}, g.size, bold))}
	}
	header := make([]cell, ncol)
	for c := range t.Columns {
		header[c] = shapeCell(&t.Columns[c], l.Table.HeaderBold)
	}
	rows := make([][]cell, len(t.Rows))
	for r, row := range t.Rows {
		rows[r] = make([]cell, ncol)
		for c := 0; c < ncol && c < len(row); c++ {
			rows[r][c] = shapeCell(&row[c], false)
		}
	}
	widths := columnWidths(append([][]cell{header}, rows...), e.width, g.pad)
	g.xs = make([]float64, ncol+1)
	g.xs[0] = e.left
	for c, w := range widths {
		g.xs[c+1] = g.xs[c] + w
	}
	g.xs[ncol] = e.left + e.width
	breakRow := func(cs []cell) {
		for c := range cs {
			w := widths[c] - 2*g.pad
			cs[c].lines = breakPara(cs[c].gs, runes(cs[c].gs), w, w, 1, e.brk)
		}
	}
	breakRow(header)
	for _, r := range rows {
		breakRow(r)
	}
	e.setTable(&g, header, rows)
}

// rowHeight is the height of a row fragment showing k lines at most.
func (e *engine) rowHeight(g *tableGeom, k int) float64 {
	return math.Max(e.pitch, float64(k)*g.lead+2*g.pad)
}

// setTable places header and rows on pages and draws the rules.
func (e *engine) setTable(g *tableGeom, header []cell, rows [][]cell) {
	bottom := e.lineTop(e.n)
	maxLines := func(cs []cell, from []int) int {
		k := 0
		for c := range cs {
			n := len(cs[c].lines)
			if from != nil {
				n -= from[c]
			}
			k = max(k, n)
		}
		return k
	}
	hh := e.rowHeight(g, maxLines(header, nil))
	y := e.lineTop(e.cur)
	var ys []float64 // row boundaries on this page
	repeat := false
	startPage := func() {
		ys = []float64{y}
		n := len(e.page.Runs)
		e.setRow(g, header, nil, y, hh, true, -1)
		for k := n; k < len(e.page.Runs); k++ {
			e.page.Runs[k].Artifact = repeat
		}
		repeat = true
		y += hh
		ys = append(ys, y)
	}
	closePage := func() {
		e.rules(g, ys)
		e.cur = min(e.n, ceilLines(y-e.l.Top(), e.pitch))
		e.page.Lines = max(e.page.Lines, e.cur)
	}
	minSplit := e.l.Table.MinSplitLines
	if minSplit <= 0 {
		minSplit = 2
	}
	// The header must not stand alone: below it the first row fits whole,
	// or the part of it that a split may leave on this page.
	first := e.rowHeight(g, 1)
	if len(rows) > 0 {
		k := maxLines(rows[0], nil)
		if k >= 2*minSplit {
			k = minSplit
		}
		first = e.rowHeight(g, k)
	}
	if e.cur > 0 && y+hh+first > bottom+eps {
		e.newPage()
		y = e.lineTop(0)
	}
	startPage()
	fresh := e.lineTop(0) + hh // where the first row of a continuation page starts
	for _, r := range rows {
		from := make([]int, len(r))
		for {
			k := maxLines(r, from)
			h := e.rowHeight(g, k)
			if y+h <= bottom+eps {
				e.setRow(g, r, from, y, h, false, k)
				y += h
				ys = append(ys, y)
				break
			}
			// The row is split between lines, as Word does ("allow row to
			// break across pages"), when at least minSplit of its lines fit
			// here and at least minSplit go over (no cell line left alone).
			m := min(k-1, int((bottom-y-2*g.pad+eps)/g.lead))
			if k-m < minSplit {
				m = k - minSplit
			}
			onlyHeader := y <= fresh+eps
			if onlyHeader && m < 1 {
				m = 1 // nothing but the header above: set a line rather than loop
				if k <= 1 {
					e.setRow(g, r, from, y, h, false, k)
					y += h
					ys = append(ys, y)
					break
				}
			}
			if m >= minSplit || onlyHeader && m >= 1 {
				takes := splitTakes(r, from, m, minSplit, onlyHeader)
				if most := slices.Max(takes); most > 0 {
					h = e.rowHeight(g, most)
					e.setRowTakes(g, r, from, y, h, false, takes)
					for c := range from {
						from[c] += takes[c]
					}
					y += h
					ys = append(ys, y)
				}
			}
			closePage()
			e.newPage()
			y = e.lineTop(0)
			startPage()
		}
	}
	closePage()
}

// splitTakes is how many lines of each cell (from[c] onwards) a row
// fragment of m lines shows: m at most, but never a cell's last line alone
// on the next page nor its first line alone on this one: fewer than
// minSplit lines of a cell stay on neither side (widow and orphan control
// inside cells); forced (only the header above) keeps m.
func splitTakes(cs []cell, from []int, m, minSplit int, forced bool) []int {
	takes := make([]int, len(cs))
	for c := range cs {
		rem := len(cs[c].lines) - from[c]
		t := min(m, rem)
		if !forced {
			if rem > t && rem-t < minSplit {
				t = rem - minSplit // enough lines go over
			}
			if t > 0 && t < minSplit && rem > t {
				t = 0 // the cell starts on the next page
			}
		}
		takes[c] = max(t, 0)
	}
	return takes
}

// setRow draws up to k lines of each cell (from[c] onwards) in a row
// fragment at y of height h; header cells are centred.
func (e *engine) setRow(g *tableGeom, cs []cell, from []int, y, h float64, head bool, k int) {
	if k < 0 {
		k = math.MaxInt
	}
	takes := make([]int, len(cs))
	for c := range takes {
		takes[c] = k
	}
	e.setRowTakes(g, cs, from, y, h, head, takes)
}

// setRowTakes draws takes[c] lines of cell c (from[c] onwards, fewer when
// the cell has fewer) in a row fragment at y of height h.
func (e *engine) setRowTakes(g *tableGeom, cs []cell, from []int, y, h float64, head bool, takes []int) {
	for c := range cs {
		lines := cs[c].lines
		if from != nil {
			lines = lines[from[c]:]
		}
		if len(lines) > takes[c] {
			lines = lines[:takes[c]]
		}
		top := y + (h-float64(len(lines))*g.lead)/2
		for i, ln := range lines {
			base := top + float64(i)*g.lead + (g.lead-g.size)/2 + g.asc*g.size
			x := g.xs[c] + g.pad
			tc := 0.0
			if head {
				x += (g.xs[c+1] - g.xs[c] - 2*g.pad - ln.nat) / 2
			} else if !ln.last {
				tc = ln.spacing(1, true)
			}
			e.emit(cs[c].gs[ln.start:ln.end], x, base, g.size, tc, KindTable, -1)
		}
	}
}

// rules draws the horizontal rules at ys and the column rules between the
// first and last of them.
func (e *engine) rules(g *tableGeom, ys []float64) {
	if len(ys) < 2 {
		return
	}
	x0, x1 := g.xs[0], g.xs[len(g.xs)-1]
	for _, y := range ys {
		e.page.Rules = append(e.page.Rules, Rule{X1: x0, Y1: y, X2: x1, Y2: y, Width: g.rule})
	}
	for _, x := range g.xs {
		e.page.Rules = append(e.page.Rules, Rule{X1: x, Y1: ys[0], X2: x, Y2: ys[len(ys)-1], Width: g.rule})
	}
}

// centred sets a body-size element centred on grid lines (table caption).
func (e *engine) centred(el *model.Element, kind Kind) {
	gs := trimSpaces(e.shape(el.Spans, e.body, false))
	if len(gs) == 0 {
		return
	}
	lines := breakPara(gs, runes(gs), e.width, e.width, e.scale, e.brk)
	e.need(len(lines) + 1)
	for _, ln := range lines {
		i := e.take()
		part := gs[ln.start:ln.end]
		tc := e.gridTc(part)
		w := ln.nat + tc*float64(len(part)-1) + ln.kern
		e.emit(part, e.left+(e.width-w)/2, e.baseline(i, model.RoleBody, e.body), e.body, tc, kind, i)
	}
}

// columnWidths shares the table width among columns: each column gets at
// least its longest unbreakable piece and at most its longest cell; the rest
// is shared in proportion to the square root of the column's text amount,
// which keeps short-label columns readable next to long-text ones.
func columnWidths(rows [][]cell, width, pad float64) []float64 {
	ncol := len(rows[0])
	minW := make([]float64, ncol)
	maxW := make([]float64, ncol)
	area := make([]float64, ncol)
	for _, r := range rows {
		for c := range r {
			gs := r[c].gs
			rs := runes(gs)
			w, piece := 0.0, 0.0
			for i, gl := range gs {
				if canBreakBefore(rs, i) {
					piece = 0
				}
				piece += gl.adv
				w += gl.adv
				minW[c] = max(minW[c], piece)
			}
			maxW[c] = max(maxW[c], w)
			area[c] += w
		}
	}
	inner := width - float64(ncol)*2*pad
	out := make([]float64, ncol)
	sumMin := 0.0
	for c := range minW {
		sumMin += minW[c]
	}
	if sumMin >= inner {
		for c := range out {
			out[c] = inner*minW[c]/sumMin + 2*pad
		}
		return out
	}
	// Water-filling: columns whose share exceeds their longest cell are
	// capped there; the others share what is left by sqrt(area).
	fixed := make([]bool, ncol)
	for {
		left, wsum := inner, 0.0
		for c := range out {
			if fixed[c] {
				left -= out[c]
			} else {
				wsum += math.Sqrt(area[c] + 1)
			}
		}
		changed := false
		for c := range out {
			if fixed[c] {
				continue
			}
			out[c] = left * math.Sqrt(area[c]+1) / wsum
			if out[c] > maxW[c] && maxW[c] > 0 {
				out[c], fixed[c], changed = maxW[c], true, true
				break
			}
		}
		if !changed {
			break
		}
	}
	// Columns below their minimum take it from the widest ones.
	for c := range out {
		if out[c] < minW[c] {
			need := minW[c] - out[c]
			out[c] = minW[c]
			idx := make([]int, ncol)
			for i := range idx {
				idx[i] = i
			}
			sort.Slice(idx, func(a, b int) bool { return out[idx[a]]-minW[idx[a]] > out[idx[b]]-minW[idx[b]] })
			for _, d := range idx {
				take := min(need, out[d]-minW[d])
				out[d] -= take
				need -= take
				if need <= 0 {
					break
				}
			}
		}
	}
	// Hand any width left (all columns capped) to all columns evenly.
	sum := 0.0
	for _, w := range out {
		sum += w
	}
	for c := range out {
		out[c] += (inner-sum)/float64(ncol) + 2*pad
	}
	return out
}
