package layout

import (
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/model"
)

func tableElement(rows int, cellText string) model.Element {
	t := &model.Table{Columns: []model.Text{{Value: "任务"}, {Value: "完成情况"}}}
	for i := 0; i < rows; i++ {
		t.Rows = append(t.Rows, []model.Text{{Value: "第" + strings.Repeat("一", i%3+1) + "项"}, {Value: cellText}})
	}
	return model.Element{Kind: model.ElTable, Table: t}
}

func TestTableSplitRepeatsHeader(t *testing.T) {
	l := gongwen(t, nil)
	el := tableElement(40, "全年完成进出口xxxx万美元，同比增长xx.xx%，完成率xx.x%。")
	doc := Layout([]model.Element{el}, l, fakeMeasurer{}, Options{})
	if len(doc.Pages) < 2 {
		t.Fatalf("40 rows on %d page(s)", len(doc.Pages))
	}
	bottom := l.Top() + float64(l.LinesPerPage())*l.LinePitch()
	rows := 0
	for pi, p := range doc.Pages {
		var heads, artifacts int
		for _, r := range p.Runs {
			if r.Kind != KindTable {
				continue
			}
			if r.Text == "任务" || r.Text == "完成情况" {
				heads++
				if !r.Bold {
					t.Errorf("page %d: header %q not bold", pi+1, r.Text)
				}
				if r.Artifact {
					artifacts++
				}
			}
			if strings.HasPrefix(r.Text, "第") {
				rows++
			}
		}
		if heads != 2 {
			t.Errorf("page %d: header cells %d, want 2", pi+1, heads)
		}
		if pi > 0 && artifacts != 2 || pi == 0 && artifacts != 0 {
			t.Errorf("page %d: %d header cells marked as repeated", pi+1, artifacts)
		}
		for _, ru := range p.Rules {
			if ru.Y1 > bottom+1e-6 || ru.Y2 > bottom+1e-6 {
				t.Errorf("page %d: rule below the text block: %+v", pi+1, ru)
			}
		}
		if p.Lines > l.LinesPerPage() {
			t.Errorf("page %d: %d lines", pi+1, p.Lines)
		}
	}
	if rows != 40 {
		t.Errorf("rows drawn %d, want 40", rows)
	}
}

// A row taller than a page is split between lines; shorter rows move whole.
func TestTableSplitsTallRow(t *testing.T) {
	l := gongwen(t, nil)
	el := tableElement(1, strings.Repeat("很长的单元格内容，", 300))
	doc := Layout([]model.Element{el}, l, fakeMeasurer{}, Options{})
	if len(doc.Pages) < 2 {
		t.Fatalf("tall row on %d page(s)", len(doc.Pages))
	}
	var got strings.Builder
	for _, p := range doc.Pages {
		for _, r := range p.Runs {
			if !r.Artifact && r.Kind == KindTable {
				got.WriteString(r.Text)
			}
		}
	}
	want := "任务完成情况第一项" + strings.Repeat("很长的单元格内容，", 300)
	if got.String() != want {
		t.Errorf("split row text differs: %d vs %d runes", len([]rune(got.String())), len([]rune(want)))
	}
}

func TestColumnWidths(t *testing.T) {
	e := &engine{m: newCachedMeasurer(fakeMeasurer{})}
	mk := func(ss ...string) []cell {
		var cs []cell
		for _, s := range ss {
			cs = append(cs, cell{gs: e.shape([]model.Span{{Text: s, Role: model.RoleBody}}, 14, false)})
		}
		return cs
	}
	rows := [][]cell{mk("序号", "项目", "说明"), mk("1", "社会消费品零售总额", strings.Repeat("说明文字", 40))}
	w := columnWidths(rows, 442, 4)
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	if sum < 441.999 || sum > 442.001 {
		t.Errorf("widths sum %.3f", sum)
	}
	if w[0] > w[1] || w[1] > w[2] {
		t.Errorf("widths not by content: %v", w)
	}
	if w[0] < 2*14+8 {
		t.Errorf("序号 column too narrow: %.1f", w[0])
	}
}

// A row that does not fit the space left is split when table.min_split_lines
// of it fit there and go over; otherwise it moves whole, and the header
// never stands alone at the bottom of a page.
func TestTableRowSplitMinLines(t *testing.T) {
	cellText := strings.Repeat("字", 145) // 6 lines of 27 characters (the last of 10)
	for _, c := range []struct {
		before, min int
		split       bool
	}{
		{19, 2, true},  // two lines fit below the header: split 2 | 4
		{20, 2, false}, // one line would fit: header and row move together
		{20, 1, true},  // min_split_lines 1: split 1 | 5
		{18, 4, false}, // 4 fit but only 2 would go over
		{18, 3, true},  // 3 | 3
	} {
		l := gongwen(t, map[string]any{"table": map[string]any{"min_split_lines": c.min}})
		var els []model.Element
		for i := 0; i < c.before; i++ {
			tx := model.Text{Value: "字"}
			els = append(els, model.Element{Kind: model.ElParagraph, Spans: []model.Span{{Text: "字", Role: model.RoleBody, Src: &tx}}})
		}
		el := tableElement(1, cellText)
		els = append(els, el)
		doc := Layout(els, l, fakeMeasurer{}, Options{})
		if len(doc.Pages) != 2 {
			t.Fatalf("before %d, min %d: %d pages", c.before, c.min, len(doc.Pages))
		}
		onFirst := 0
		headFirst := false
		for _, r := range doc.Pages[0].Runs {
			if r.Kind == KindTable && strings.HasPrefix(r.Text, "字") {
				onFirst++
			}
			if r.Kind == KindTable && r.Text == "任务" {
				headFirst = true
			}
		}
		if split := onFirst > 0; split != c.split {
			t.Errorf("before %d, min %d: %d row lines on page 1, split %v, want %v", c.before, c.min, onFirst, split, c.split)
		}
		if c.split && (onFirst < c.min || 6-onFirst < c.min) {
			t.Errorf("before %d, min %d: split %d | %d", c.before, c.min, onFirst, 6-onFirst)
		}
		if !c.split && headFirst {
			t.Errorf("before %d, min %d: header alone at the bottom of page 1", c.before, c.min)
		}
	}
}

// Inside a split row no cell leaves one line alone on either page: a cell of
// three lines with room for two moves whole while its neighbour splits.
func TestTableCellWidow(t *testing.T) {
	l := gongwen(t, nil)
	var els []model.Element
	for i := 0; i < 19; i++ {
		tx := model.Text{Value: "字"}
		els = append(els, model.Element{Kind: model.ElParagraph, Spans: []model.Span{{Text: "字", Role: model.RoleBody, Src: &tx}}})
	}
	tb := &model.Table{Columns: []model.Text{{Value: "事项说明"}, {Value: "完成情况"}}}
	tb.Rows = [][]model.Text{{{Value: strings.Repeat("左", 30)}, {Value: strings.Repeat("右", 70)}}}
	els = append(els, model.Element{Kind: model.ElTable, Table: tb})
	doc := Layout(els, l, fakeMeasurer{}, Options{})
	count := func(p Page, r rune) (lines int) {
		for _, run := range p.Runs {
			if run.Kind == KindTable && strings.HasPrefix(run.Text, string(r)) {
				lines++
			}
		}
		return
	}
	if len(doc.Pages) != 2 {
		t.Fatalf("%d pages", len(doc.Pages))
	}
	l1, l2 := count(doc.Pages[0], '左'), count(doc.Pages[1], '左')
	r1, r2 := count(doc.Pages[0], '右'), count(doc.Pages[1], '右')
	if l1+l2 < 3 || r1+r2 < 4 {
		t.Fatalf("cells of %d and %d lines, want a longer test", l1+l2, r1+r2)
	}
	for _, n := range []int{l1, l2, r1, r2} {
		if n == 1 {
			t.Errorf("a cell line alone on a page: left %d|%d, right %d|%d", l1, l2, r1, r2)
		}
	}
	if r1 == 0 {
		t.Errorf("the row did not split: right %d|%d", r1, r2)
	}
}
