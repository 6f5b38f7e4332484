package compile_test

import (
	"fmt"
	"github.com/gongwen/gen/generator/compile"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/pdf"
)

// synthetic is a volume of n one-page reports; every third has a title
// long enough to wrap in the contents.
func synthetic(n int) *compile.Volume {
	vol := &compile.Volume{Title: "测试汇编", Issuer: "xx市人民政府办公室"}
	for i := 0; i < n; i++ {
		title := fmt.Sprintf("第%d局2023年工作总结", i+1)
		if i%3 == 2 {
			title = fmt.Sprintf("第%d局关于2023年度全面深化改革推进高质量发展各项工作情况的总结和2024年工作打算", i+1)
		}
		vol.Entries = append(vol.Entries, compile.Entry{Path: "x.yaml", Report: &model.Report{
			Agency: model.Text{Value: fmt.Sprintf("第%d局", i+1)}, Year: 2023,
			Title: model.Text{Value: title}, Intro: []model.Text{{Value: "正文。"}},
		}})
	}
	return vol
}

// TestBindContents checks the contents on volumes of many reports: as many
// pages as needed, no entry split across pages, wrapped entries indented,
// every entry ending with leaders and its page number on the right, links
// to the reports, numbering through the volume.
func TestBindContents(t *testing.T) {
	set, tp := env(t)
	l := &tp.Layout
	cases := []struct {
		n        int
		duplex   bool
		contents int // pages of contents (with the duplex blank)
	}{
		{1, false, 1},
		{12, false, 1},
		{30, false, 2}, // 20 one-line + 10 two-line entries: 20 + 20 lines
		{30, true, 2},
		{45, false, 3}, // 60 lines: 20 + 22 + 18
		{45, true, 4},  // and a blank page to start the reports on a right page
		{60, false, 4},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%d-%s", c.n, mode(c.duplex))
		t.Run(name, func(t *testing.T) {
			b, err := compile.Bind(synthetic(c.n), l, pdf.Measurer(set), compile.Options{Duplex: c.duplex})
			if err != nil {
				t.Fatal(err)
			}
			if b.ContentsPages != c.contents {
				t.Errorf("%d contents pages, want %d", b.ContentsPages, c.contents)
			}
			if len(b.Links) != c.n {
				t.Fatalf("%d links, want %d", len(b.Links), c.n)
			}
			bottom := l.Top() + l.TextHeight() + 0.5
			right := l.Left() + l.TextWidth()
			for i, ln := range b.Links {
				p := b.Parts[i]
				if ln.Y+ln.H > bottom {
					t.Errorf("entry %d runs past the text block (%.1f > %.1f)", i+1, ln.Y+ln.H, bottom)
				}
				if ln.Target != p.Index || ln.Page < b.CoverPages || ln.Page >= b.CoverPages+b.ContentsPages {
					t.Errorf("link %d: page %d → %d, want a contents page → %d", i+1, ln.Page, ln.Target, p.Index)
				}
				want := i + 1
				if c.duplex {
					want = 2*i + 1
				}
				if p.FirstPage != want {
					t.Errorf("report %d starts on page %d, want %d", i+1, p.FirstPage, want)
				}
				// The entry's runs: the title (wrapped lines indented), then
				// leaders and the number flush right on the last line.
				var runs []layout.Run
				for _, r := range b.Doc.Pages[ln.Page].Runs {
					if r.Y > ln.Y && r.Y < ln.Y+ln.H {
						runs = append(runs, r)
					}
				}
				if len(runs) < 3 {
					t.Errorf("entry %d has %d runs", i+1, len(runs))
					continue
				}
				var text strings.Builder
				lines := map[int]float64{}
				for _, r := range runs[:len(runs)-2] {
					text.WriteString(r.Text)
					if x, ok := lines[r.Line]; !ok || r.X < x {
						lines[r.Line] = r.X
					}
				}
				if got := text.String(); got != p.Title {
					t.Errorf("entry %d reads %q, want %q", i+1, got, p.Title)
				}
				if len(lines) > 1 {
					first := runs[0].Line
					for line, x := range lines {
						if line != first && x < l.Left()+1.5*l.CharPitch() {
							t.Errorf("entry %d: wrapped line at x %.1f, not indented", i+1, x)
						}
					}
				}
				leader, num := runs[len(runs)-2], runs[len(runs)-1]
				if strings.Trim(leader.Text, "…") != "" || leader.Text == "" {
					t.Errorf("entry %d: leaders %q", i+1, leader.Text)
				}
				if num.Text != fmt.Sprint(p.FirstPage) || num.End() < right-0.01 || num.End() > right+0.01 {
					t.Errorf("entry %d: number %q ends at %.2f, want %d at %.2f", i+1, num.Text, num.End(), p.FirstPage, right)
				}
				if leader.End() > num.X {
					t.Errorf("entry %d: leaders overlap the number", i+1)
				}
			}
		})
	}
}

func TestBindEmpty(t *testing.T) {
	set, tp := env(t)
	if _, err := compile.Bind(&compile.Volume{Title: "空"}, &tp.Layout, pdf.Measurer(set), compile.Options{}); err != compile.ErrEmpty {
		t.Errorf("empty volume: %v", err)
	}
}
