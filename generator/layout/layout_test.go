package layout

import (
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
)

func loadExamples(t testing.TB) map[string]*model.Report {
	t.Helper()
	files, _ := filepath.Glob("../../examples/2023/[0-9]*.yaml")
	if len(files) == 0 {
		t.Skip("no examples")
	}
	out := map[string]*model.Report{}
	for _, f := range files {
		file, diags := load.ReadFile(f)
		if file == nil || len(file.Reports) == 0 {
			t.Fatalf("%s: %v", f, diags)
		}
		for i, r := range file.Reports {
			out[fmt.Sprintf("%s#%d", filepath.Base(f), i)] = r
		}
	}
	return out
}

// lineEnd is where the last run of a line ends: the advance of its last
// glyph (for a mark set half width at the line end, its half box).
func lineEnd(r Run) float64 { return r.InkEnd() }

// lineRuns groups a page's grid-line runs by line.
func lineRuns(p Page) map[int][]Run {
	m := map[int][]Run{}
	for _, r := range p.Runs {
		if r.Line >= 0 {
			m[r.Line] = append(m[r.Line], r)
		}
	}
	return m
}

func TestLayoutExamples(t *testing.T) {
	l := gongwen(t, nil)
	for name, r := range loadExamples(t) {
		doc := Layout(r.Elements(), l, fakeMeasurer{}, Options{})
		if len(doc.Pages) == 0 {
			t.Fatalf("%s: no pages", name)
		}
		var text strings.Builder
		for pi, p := range doc.Pages {
			if p.Lines > 22 {
				t.Errorf("%s p%d: %d lines", name, pi+1, p.Lines)
			}
			if p.Number != pi+1 {
				t.Errorf("%s: page %d numbered %d", name, pi+1, p.Number)
			}
			for _, run := range p.Runs {
				if !run.Artifact {
					text.WriteString(run.Text)
				}
			}
			for ln, runs := range lineRuns(p) {
				if ln >= 22 {
					t.Errorf("%s p%d: line %d beyond the grid", name, pi+1, ln)
				}
				first, last := runs[0], runs[len(runs)-1]
				fr := []rune(first.Text)
				lr := []rune(last.Text)
				if IsClosing(fr[0]) || IsOpening(lr[len(lr)-1]) {
					t.Errorf("%s p%d l%d: 避头尾 violated: %q…%q", name, pi+1, ln, first.Text, last.Text)
				}
				if lineEnd(last) > l.Left()+l.TextWidth()+1e-6 && last.Kind != KindTable {
					t.Errorf("%s p%d l%d: line overflows: %.3f", name, pi+1, ln, lineEnd(last)-l.Left())
				}
			}
		}
		want := strings.Join(strings.Fields(r.PlainText()), "")
		got := strings.Join(strings.Fields(text.String()), "")
		if got != want {
			t.Errorf("%s: laid-out text differs from PlainText at %s", name, firstDiff(got, want))
		}
		level1 := 0
		for _, el := range r.Elements() {
			if el.Level == 1 {
				level1++
			}
		}
		if len(doc.Outline) != level1 {
			t.Errorf("%s: %d outline entries, want %d", name, len(doc.Outline), level1)
		}
	}
}

// Full paragraph lines (not a paragraph's last) end exactly at the right edge.
func TestLayoutJustified(t *testing.T) {
	l := gongwen(t, nil)
	para := strings.Repeat("我们坚持以人民为中心，推进2023年度各项工作，完成率达到10.5%。", 12)
	tx := model.Text{Value: para}
	els := []model.Element{{Kind: model.ElParagraph, Indent: true, Spans: []model.Span{{Text: para, Role: model.RoleBody, Src: &tx}}}}
	doc := Layout(els, l, fakeMeasurer{}, Options{})
	lines := lineRuns(doc.Pages[0])
	for i := 0; i < len(lines)-1; i++ {
		runs := lines[i]
		if d := lineEnd(runs[len(runs)-1]) - (l.Left() + l.TextWidth()); math.Abs(d) > 1e-6 {
			t.Errorf("line %d ends %.4f pt off the right edge", i, d)
		}
		wantX := l.Left()
		if i == 0 {
			wantX += 2 * l.CharPitch()
		}
		if math.Abs(runs[0].X-wantX) > 1e-9 {
			t.Errorf("line %d starts at %.3f, want %.3f", i, runs[0].X, wantX)
		}
	}
	// Baselines follow the line pitch.
	for i := 1; i < len(lines); i++ {
		if d := lines[i][0].Y - lines[i-1][0].Y; math.Abs(d-l.LinePitch()) > 1e-9 {
			t.Errorf("line %d pitch %.3f", i, d)
		}
	}
}

func TestHeadingKeptWithNext(t *testing.T) {
	l := gongwen(t, nil)
	var els []model.Element
	for i := 0; i < 21; i++ { // 21 one-line paragraphs fill lines 0–20
		els = append(els, model.Element{Kind: model.ElParagraph, Indent: true, Spans: []model.Span{{Text: "短段落。", Role: model.RoleBody}}})
	}
	els = append(els,
		model.Element{Kind: model.ElHeading, Indent: true, Level: 1, Spans: []model.Span{{Text: "二、下一步工作", Role: model.RoleHeading1}}},
		model.Element{Kind: model.ElParagraph, Indent: true, Spans: []model.Span{{Text: "正文。", Role: model.RoleBody}}})
	doc := Layout(els, l, fakeMeasurer{}, Options{})
	if len(doc.Pages) != 2 {
		t.Fatalf("pages %d", len(doc.Pages))
	}
	if doc.Pages[0].Lines != 21 {
		t.Errorf("page 1 lines %d, want 21 (one short)", doc.Pages[0].Lines)
	}
	if r := doc.Pages[1].Runs[0]; r.Kind != KindHeading || r.Line != 0 {
		t.Errorf("heading not moved on: %+v", r)
	}
	if o := doc.Outline; len(o) != 1 || o[0].Page != 1 || o[0].Title != "二、下一步工作" {
		t.Errorf("outline %+v", o)
	}
}

// Two headings in a row (三、… then （一）…) stay together with the first
// line after them: with room for only two lines left, both go to the next
// page instead of leaving the first alone at the bottom.
func TestHeadingChainKeptWithNext(t *testing.T) {
	l := gongwen(t, nil)
	var els []model.Element
	for i := 0; i < 20; i++ { // lines 0–19: two lines left
		els = append(els, model.Element{Kind: model.ElParagraph, Indent: true, Spans: []model.Span{{Text: "短段落。", Role: model.RoleBody}}})
	}
	els = append(els,
		model.Element{Kind: model.ElHeading, Indent: true, Level: 1, Spans: []model.Span{{Text: "三、2024年工作计划", Role: model.RoleHeading1}}},
		model.Element{Kind: model.ElHeading, Indent: true, Level: 2, Spans: []model.Span{{Text: "（一）进一步构建工作格局", Role: model.RoleHeading2}}},
		model.Element{Kind: model.ElParagraph, Indent: true, Spans: []model.Span{{Text: "正文。", Role: model.RoleBody}}})
	doc := Layout(els, l, fakeMeasurer{}, Options{})
	if len(doc.Pages) != 2 {
		t.Fatalf("pages %d", len(doc.Pages))
	}
	if doc.Pages[0].Lines != 20 {
		t.Errorf("page 1 lines %d, want 20", doc.Pages[0].Lines)
	}
	if r := doc.Pages[1].Runs[0]; r.Kind != KindHeading || r.Line != 0 || r.Text != "三、2024年工作计划" {
		t.Errorf("page 2 starts with %+v, want the first heading", r)
	}
}

func TestPageNumbers(t *testing.T) {
	l := gongwen(t, nil)
	var els []model.Element
	for i := 0; i < 50; i++ {
		els = append(els, model.Element{Kind: model.ElParagraph, Indent: true, Spans: []model.Span{{Text: "段落。", Role: model.RoleBody}}})
	}
	doc := Layout(els, l, fakeMeasurer{}, Options{FirstPage: 7})
	if len(doc.Pages) != 3 {
		t.Fatalf("pages %d", len(doc.Pages))
	}
	top := l.Top() + l.TextHeight() + l.PageNumber.OffsetMM*72/25.4
	for i, p := range doc.Pages {
		var pn *Run
		for k := range p.Runs {
			if p.Runs[k].Kind == KindPageNum {
				pn = &p.Runs[k]
			}
		}
		if pn == nil {
			t.Fatalf("page %d has no number", i)
		}
		if want := fmt.Sprintf("— %d —", 7+i); pn.Text != want {
			t.Errorf("page %d: %q, want %q", i, pn.Text, want)
		}
		if math.Abs(pn.Y-0.88*pn.Size-top) > 1e-9 {
			t.Errorf("page %d: number top %.2f, want %.2f", i, pn.Y-0.88*pn.Size, top)
		}
		odd := (7+i)%2 == 1
		if odd && math.Abs(pn.End()-(l.Left()+l.TextWidth()-l.CharPitch())) > 1e-9 {
			t.Errorf("odd page %d: number ends at %.2f", 7+i, pn.End())
		}
		if !odd && math.Abs(pn.X-(l.Left()+l.CharPitch())) > 1e-9 {
			t.Errorf("even page %d: number starts at %.2f", 7+i, pn.X)
		}
	}
}

// TestInvisibleDropped: zero-width and other invisible format characters
// print as nothing, without a box or a warning.
func TestInvisibleDropped(t *testing.T) {
	l := gongwen(t, nil)
	tx := model.Text{Value: "张\u200b同\u200d志\ufeff\u00ad", Pos: model.Pos{File: "a.yaml", Line: 3, Col: 7}}
	els := []model.Element{{Kind: model.ElParagraph, Indent: true, Spans: []model.Span{{Text: tx.Value, Role: model.RoleBody, Src: &tx}}}}
	doc := Layout(els, l, fakeMeasurer{missing: "\u200b\u200d\ufeff\u00ad"}, Options{})
	if len(doc.Missing) != 0 || len(doc.Pages[0].Boxes) != 0 {
		t.Fatalf("invisible characters reported or boxed: %+v", doc.Missing)
	}
	var text string
	for _, r := range doc.Pages[0].Runs {
		if r.Kind == KindBody {
			text += r.Text
		}
	}
	if text != "张同志" {
		t.Errorf("text %q, want 张同志", text)
	}
}

func TestMissingGlyph(t *testing.T) {
	l := gongwen(t, nil)
	tx := model.Text{Value: "张堃同志", Pos: model.Pos{File: "a.yaml", Line: 3, Col: 7}}
	els := []model.Element{{Kind: model.ElParagraph, Indent: true, Spans: []model.Span{{Text: tx.Value, Role: model.RoleBody, Src: &tx}}}}
	doc := Layout(els, l, fakeMeasurer{missing: "堃"}, Options{})
	if len(doc.Missing) != 1 {
		t.Fatalf("missing %+v", doc.Missing)
	}
	m := doc.Missing[0]
	if m.Rune != '堃' || m.Pos.Line != 3 || m.Pos.Col != 8 || m.Page != 0 {
		t.Errorf("missing record %+v", m)
	}
	p := doc.Pages[0]
	if len(p.Boxes) != 1 {
		t.Fatalf("boxes %+v", p.Boxes)
	}
	var runs []Run
	for _, r := range p.Runs {
		if r.Kind == KindBody {
			runs = append(runs, r)
		}
	}
	if len(runs) != 2 || runs[0].Text != "张" || runs[1].Text != "同志" {
		t.Fatalf("runs around the box: %+v", runs)
	}
	// The box takes one em plus spacing between the two runs.
	if gap := runs[1].X - runs[0].End(); math.Abs(gap-(16+runs[0].CharSpacing)) > 1e-9 {
		t.Errorf("box advance %.3f", gap)
	}
}

// firstDiff shows where two strings part.
func firstDiff(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	lo := max(0, i-20)
	return fmt.Sprintf("rune %d:\n got …%q\nwant …%q", i, string(ra[lo:min(len(ra), i+40)]), string(rb[lo:min(len(rb), i+40)]))
}

// inkMeasurer is fakeMeasurer with ink figures: an em dash's ink spans
// 0.30–0.36 em above the baseline, digits 0–0.7 em.
type inkMeasurer struct{ fakeMeasurer }

func (inkMeasurer) Ink(_ model.Role, r rune) (float64, float64, bool) {
	switch {
	case r == '—':
		return 0.36, 0.30, true
	case r >= '0' && r <= '9':
		return 0.7, 0, true
	}
	return 0, 0, false
}

// TestPageNumberInk: with ink figures the top of the dashes' ink, not of
// the glyph boxes, stands page_number.offset_mm below the text block (GB/T
// 9704 7.5); the digits, taller than the dashes, do not count.
func TestPageNumberInk(t *testing.T) {
	l := gongwen(t, nil)
	els := []model.Element{{Kind: model.ElParagraph, Indent: true, Spans: []model.Span{{Text: "段落。", Role: model.RoleBody}}}}
	doc := Layout(els, l, inkMeasurer{}, Options{})
	bottom := l.Top() + l.TextHeight()
	g := doc.PageNumber
	if want := bottom + l.PageNumber.OffsetMM*72/25.4; math.Abs(g.InkTop-want) > 1e-9 {
		t.Errorf("ink top %.3f, want %.3f", g.InkTop, want)
	}
	if want := g.InkTop + 0.36*g.Size; math.Abs(g.Baseline-want) > 1e-9 {
		t.Errorf("baseline %.3f, want %.3f (dash ink 0.36 em above it)", g.Baseline, want)
	}
	if want := g.Baseline - 0.88*g.Size; math.Abs(g.Top-want) > 1e-9 {
		t.Errorf("glyph box top %.3f, want %.3f", g.Top, want)
	}
	var pn *Run
	for k, r := range doc.Pages[0].Runs {
		if r.Kind == KindPageNum {
			pn = &doc.Pages[0].Runs[k]
		}
	}
	if pn == nil || math.Abs(pn.Y-g.Baseline) > 1e-9 {
		t.Fatalf("page number run %+v, baseline %.3f", pn, g.Baseline)
	}
	// no ink figures: the glyph boxes' top stands there
	if d := Layout(els, l, fakeMeasurer{}, Options{}).PageNumber; math.Abs(d.Top-g.InkTop) > 1e-9 {
		t.Errorf("without ink: glyph box top %.3f, want %.3f", d.Top, g.InkTop)
	}
}

// Number after an unnumbered layout gives the document Layout gives with
// that first page, for every example and for odd and even first pages.
func TestNumberLater(t *testing.T) {
	l := gongwen(t, nil)
	for name, r := range loadExamples(t) {
		els := r.Elements()
		for _, first := range []int{1, 8, 113} {
			want := Layout(els, l, fakeMeasurer{}, Options{FirstPage: first})
			got := Layout(els, l, fakeMeasurer{}, Options{Unnumbered: true})
			for _, p := range got.Pages {
				for _, run := range p.Runs {
					if run.Kind == KindPageNum {
						t.Fatalf("%s: an unnumbered layout has page numbers", name)
					}
				}
			}
			Number(got, l, fakeMeasurer{}, first)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s from %d: Number differs from Layout with FirstPage", name, first)
			}
		}
	}
}
