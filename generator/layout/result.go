package layout

import (
	"math"
	"sort"
	"strings"

	"github.com/gongwen/gen/generator/model"
)

// Align is how a line sits between its indents.
type Align int

// Alignments of a block's lines.
const (
	AlignJustify Align = iota // full lines spread to the width, the last flush left
	AlignLeft
	AlignCentre
	AlignRight
)

// Block is one printed element as laid out: its lines in reading order.
// Table cells are not lines of their table's block (see Table).
type Block struct {
	Elem  int // index into the elements given to Layout
	Kind  Kind
	Role  model.Role // role of the first glyph
	Bold  bool       // the first glyph is (synthetic) bold
	Size  float64
	Level int // outline level of the heading the element carries, 0 for none
	Align Align
	// First and Hang are the indents (from the text block's left edge) the
	// layout gave the first line and the wrapped lines of a paragraph,
	// whether or not it wrapped.
	First, Hang float64
	Lines       []Line
}

// Line is one line of a block.
type Line struct {
	Page   int    // 0-based page index
	Line   int    // grid line on the page, -1 off the grid
	Text   string // the characters of the line, as printed
	X      float64
	Width  float64 // from X to the end of the last glyph's advance
	Indent float64 // X minus the left edge of the text block
	Right  float64 // right edge of the text block minus the line's ink end
	y      float64 // baseline, to join the runs of one line
}

// Table is a table as laid out.
type Table struct {
	Elem int
	// Cols are the column widths in points; they add up to the text width.
	Cols []float64
	// Lead is the distance between two text lines inside a cell
	// (sizes.table × table.line_spacing), Size the cell text size.
	Lead, Size float64
	// Pieces are the parts of the table on each page it spans; a piece
	// after the first repeats the header row.
	Pieces []TablePiece
}

// TablePiece is the part of a table on one page.
type TablePiece struct {
	Page int
	Top  float64   // y of the top rule
	Rows []float64 // heights of the row fragments, the header first
	// RowOf is the body row (0-based index into the table's rows) each
	// fragment shows, -1 for the header row.
	RowOf []int
}

// Moved tells, for each body row of t (n rows), whether the layout set it
// whole at the top of a continuation page (under the repeated header),
// rather than splitting it across the page break.
func (t *Table) Moved(n int) []bool {
	whole, _ := t.Whole(n)
	out := make([]bool, n)
	for k, p := range t.Pieces {
		if k == 0 {
			continue
		}
		for _, r := range p.RowOf {
			if r >= 0 {
				out[r] = r < n && whole[r]
				break
			}
		}
	}
	return out
}

// Whole tells, for each body row of t (n rows), whether the layout set it
// whole on one page, and its height there.
func (t *Table) Whole(n int) (whole []bool, height []float64) {
	count := make([]int, n)
	height = make([]float64, n)
	for _, p := range t.Pieces {
		for k, r := range p.RowOf {
			if r >= 0 && r < n && k < len(p.Rows) {
				count[r]++
				height[r] = p.Rows[k]
			}
		}
	}
	whole = make([]bool, n)
	for r := range whole {
		whole[r] = count[r] == 1
	}
	return whole, height
}

// RedHead is the 版头 of a red-head template as laid out (GB/T 9704 7.2):
// the 发文机关标志, the 发文字号 and 签发人 line, the red rule.
type RedHead struct {
	Text  string  // the 发文机关标志 as printed
	Size  float64 // after shrinking to fit the text block
	Color uint32
	// Top is the y of the top of the mark's glyph boxes (redhead.top_mm
	// below the text block), Bottom Top+Size.
	Top, Bottom float64
	// Number is the 发文字号 line, Signer "签发人：" and the name on the same
	// line; Text "" when not given. Number is centred without a 签发人 and
	// left (redhead.side_chars in) with one; the 签发人 ends side_chars
	// before the right edge. LineTop is the top of that line's glyph boxes.
	Number, Signer Line
	LineTop        float64
	NumberAlign    Align
	// Rule is the red rule, rule_gap_mm below the 发文字号 line (or the
	// mark); Rule.Y1 is the centre of its thickness.
	Rule Rule
	// TitleLine is the grid line the title starts on.
	TitleLine int
}

// Colophon is the 版记 as laid out, at the foot of its page.
type Colophon struct {
	Page int // 0-based page index
	// FirstLine is the grid line of its first text line; its lines run to
	// the last grid line of the page.
	FirstLine int
	Size      float64
	CopyTo    []Line // 抄送 lines, "抄送：" on the first
	// Hang is the indent of wrapped 抄送 lines (after "抄送："), from the
	// text block's left edge.
	Hang          float64
	Printer, Date Line // 印发机关 (left) and 印发日期 (right)
	HasImprint    bool
	// Rules: the thick first and last rules, the thin one between 抄送 and
	// the imprint (Thin.Width 0 when there is only one of them).
	First, Thin, Last Rule
	Side              float64 // 左右各空一字, points
}

// PageNumberGeometry is where the page numbers stand: the top of the
// number's glyph boxes, the top of its dashes' ink and its baseline, the
// insets from the text block's edges, the size and whether the first page
// has one.
type PageNumberGeometry struct {
	Top, Baseline float64 // top of the glyph boxes (as PDF readers report them), baseline
	InkTop        float64 // top of the dashes' ink: Offset below the text block
	Size          float64
	Inset         float64 // odd pages from the right edge, even from the left
	Offset        float64 // InkTop minus the bottom of the text block (page_number.offset_mm)
	FirstPage     bool
}

// Link is a clickable rectangle on a page that jumps to a place in the same
// document (a table-of-contents entry to its report). Coordinates are points
// from the paper's top-left corner.
type Link struct {
	Page       int     // 0-based index of the page the rectangle is on
	X, Y, W, H float64 // the rectangle; Y is its top
	Target     int     // 0-based index of the page to jump to
	TargetY    float64 // the y to show at the top of the window
}

// collect fills Blocks and Tables from the runs and rules, each tagged
// with its element; kinds and levels come from the elements. The runs of
// one line are consecutive, so a run either continues its block's last
// line or starts a new one.
func (e *engine) collect(elems []model.Element) {
	left, right := e.left, e.left+e.width
	blocks := make([]*Block, len(elems))
	lastPage := make([]int, len(elems))
	n := 0
	for pi := range e.doc.Pages {
		runs := e.doc.Pages[pi].Runs
		for k := range runs {
			r := &runs[k]
			if r.Elem < 0 || r.Elem >= len(elems) || r.Kind == KindPageNum {
				continue
			}
			if r.Kind == KindTable && elems[r.Elem].Kind == model.ElTable {
				continue
			}
			b := blocks[r.Elem]
			if b == nil {
				b = &Block{Elem: r.Elem, Kind: r.Kind, Role: r.Role, Bold: r.Bold, Size: r.Size, Level: elems[r.Elem].Level}
				if ind, ok := e.indents[r.Elem]; ok {
					b.First, b.Hang = ind[0], ind[1]
				}
				blocks[r.Elem] = b
				n++
			}
			if nl := len(b.Lines); nl > 0 && lastPage[r.Elem] == pi && math.Abs(b.Lines[nl-1].y-r.Y) < 0.01 {
				ln := &b.Lines[nl-1]
				ln.Text += r.Text
				ln.X = math.Min(ln.X, r.X)
				ln.Width = math.Max(ln.Width, r.InkEnd()-ln.X)
				continue
			}
			lastPage[r.Elem] = pi
			b.Lines = append(b.Lines, Line{Page: pi, Line: r.Line, Text: r.Text, X: r.X, Width: r.InkEnd() - r.X, y: r.Y})
		}
	}
	e.doc.Blocks = make([]Block, 0, n)
	for _, b := range blocks {
		if b == nil {
			continue
		}
		for k := range b.Lines {
			ln := &b.Lines[k]
			ln.Indent = ln.X - left
			ln.Right = right - (ln.X + ln.Width)
		}
		b.Align = alignOf(b, e.width)
		e.doc.Blocks = append(e.doc.Blocks, *b)
	}
	e.collectTables(elems)
}

// alignOf tells a block's alignment from its lines.
func alignOf(b *Block, width float64) Align {
	switch b.Kind {
	case KindTitle:
		return AlignCentre
	case KindSignature, KindDate:
		return AlignRight
	}
	if len(b.Lines) == 1 {
		ln := b.Lines[0]
		if ln.Indent > 1 && math.Abs(ln.Indent-ln.Right) < 1 && b.Kind == KindTable {
			return AlignCentre
		}
	}
	return AlignJustify
}

// collectTables derives every table's columns and row fragments from its
// rules: the vertical rules are the column boundaries, the horizontal ones
// the row boundaries, page by page.
func (e *engine) collectTables(elems []model.Element) {
	tables := map[int]*Table{}
	var order []int
	size := e.l.Sizes.Table
	sp := e.l.Table.LineSpacing
	if sp <= 0 {
		sp = 1.25
	}
	for pi := range e.doc.Pages {
		var hs, vs map[int][]float64
		hs, vs = map[int][]float64{}, map[int][]float64{}
		for _, r := range e.doc.Pages[pi].Rules {
			if r.Elem < 0 || r.Elem >= len(elems) || elems[r.Elem].Kind != model.ElTable {
				continue
			}
			if r.Y1 == r.Y2 {
				hs[r.Elem] = append(hs[r.Elem], r.Y1)
			} else if r.X1 == r.X2 {
				vs[r.Elem] = append(vs[r.Elem], r.X1)
			}
		}
		for el, ys := range hs {
			tb := elems[el].Table
			t := tables[el]
			if t == nil {
				t = &Table{Elem: el, Lead: size * sp, Size: size}
				tables[el] = t
				order = append(order, el)
				xs := uniq(vs[el])
				for c := 1; c < len(xs); c++ {
					t.Cols = append(t.Cols, xs[c]-xs[c-1])
				}
			}
			ys = uniq(ys)
			p := TablePiece{Page: pi, Top: ys[0]}
			for k := 1; k < len(ys); k++ {
				p.Rows = append(p.Rows, ys[k]-ys[k-1])
			}
			p.RowOf = rowsOf(tb, e.doc.Pages[pi].Runs, el, ys, lastRow(t))
			t.Pieces = append(t.Pieces, p)
		}
	}
	sort.Ints(order)
	for _, el := range order {
		e.doc.Tables = append(e.doc.Tables, *tables[el])
	}
}

// lastRow is the last body row the pieces so far show, -1 for none.
func lastRow(t *Table) int {
	last := -1
	for _, p := range t.Pieces {
		for _, r := range p.RowOf {
			last = max(last, r)
		}
	}
	return last
}

// rowsOf finds the row each fragment between the rules ys shows, from the
// source of the cell text set in it; an empty fragment follows the one
// before it (the header first on every page).
func rowsOf(tb *model.Table, runs []Run, elem int, ys []float64, prev int) []int {
	src := map[*model.Text]int{}
	if tb != nil {
		for c := range tb.Columns {
			src[&tb.Columns[c]] = -1
		}
		for r := range tb.Rows {
			for c := range tb.Rows[r] {
				src[&tb.Rows[r][c]] = r
			}
		}
	}
	out := make([]int, len(ys)-1)
	for k := range out {
		out[k] = -2
	}
	for _, r := range runs {
		if r.Elem != elem || r.Kind != KindTable || r.Src == nil {
			continue
		}
		row, ok := src[r.Src]
		if !ok {
			continue
		}
		for k := 0; k+1 < len(ys); k++ {
			if r.Y > ys[k] && r.Y < ys[k+1] {
				if out[k] == -2 {
					out[k] = row
				}
				break
			}
		}
	}
	for k := range out {
		switch {
		case out[k] != -2:
		case k == 0:
			out[k] = -1
		case out[k-1] == -1:
			out[k] = prev + 1
		default:
			out[k] = out[k-1] + 1
		}
		if out[k] >= 0 {
			prev = out[k]
		}
	}
	return out
}

func uniq(v []float64) []float64 {
	sort.Float64s(v)
	var out []float64
	for _, x := range v {
		if len(out) == 0 || x-out[len(out)-1] > 1e-6 {
			out = append(out, x)
		}
	}
	return out
}

// Block returns the block of element i, nil when it printed nothing.
func (d *Document) Block(i int) *Block {
	k := sort.Search(len(d.Blocks), func(j int) bool { return d.Blocks[j].Elem >= i })
	if k < len(d.Blocks) && d.Blocks[k].Elem == i {
		return &d.Blocks[k]
	}
	return nil
}

// Table returns the table of element i, nil when there is none.
func (d *Document) Table(i int) *Table {
	for k := range d.Tables {
		if d.Tables[k].Elem == i {
			return &d.Tables[k]
		}
	}
	return nil
}

// TitleLines is the text of each line of the title (the block of the first
// KindTitle element), nil without a title.
func (d *Document) TitleLines() []string {
	for _, b := range d.Blocks {
		if b.Kind == KindTitle {
			out := make([]string, len(b.Lines))
			for i, ln := range b.Lines {
				out[i] = strings.TrimSpace(ln.Text)
			}
			return out
		}
	}
	return nil
}
