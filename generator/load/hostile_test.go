package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gen/generator/model"
)

const hdr = "agency: 民政局\nyear: 2023\n"

// billionLaughs is nine levels of nine aliases each: 9⁹ values expanded.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString(hdr + "a: &a [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]\n")
	prev := "a"
	for _, c := range "bcdefghi" {
		b.WriteString(string(c) + ": &" + string(c) + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 9), ", ") + "]\n")
		prev = string(c)
	}
	return b.String()
}

// budget scales a time budget: generous enough for -race (about ten times
// slower), still far below the minutes the unguarded cases took.
func budget(d time.Duration) time.Duration { return 10 * d }

// exampleSources returns the example data files.
func exampleSources(t testing.TB) []string {
	files, _ := filepath.Glob("../../examples/2023/*.yaml")
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// TestHostile feeds pathological files to Parse: each stops early with a
// positioned message naming the limit (or loads), within a time budget.
func TestHostile(t *testing.T) {
	cases := []struct {
		name   string
		src    string
		lim    Limits
		pos    string // "line:col", "" when not checked
		want   string // part of the message; "" when the file must load
		budget time.Duration
	}{
		{"billion laughs", billionLaughs(), Limits{}, "8:", "limits.max_nodes", 2 * time.Second},
		{"self alias", hdr + "x: &a [*a, *a]\n", Limits{}, "", "", time.Second},
		{"deep dashes", hdr + "sections:\n  " + strings.Repeat("- ", 10000) + "x\n", Limits{}, "4:", "limits.max_depth", time.Second},
		{"deep flow lists", hdr + "sections: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n", Limits{}, "3:", "limits.max_depth", time.Second},
		{"deep flow maps", hdr + "x: " + strings.Repeat("{a: ", 10000) + "1" + strings.Repeat("}", 10000) + "\n", Limits{}, "3:", "limits.max_depth", time.Second},
		{"deep flow over lines", hdr + "x:\n" + strings.Repeat("  [\n", 10000), Limits{}, "", "limits.max_depth", time.Second},
		{"deep within max_depth", hdr + "sections: " + strings.Repeat("[", 150) + strings.Repeat("]", 150) + "\n", Limits{}, "", "应为", time.Second},
		{"deep configured", hdr + "sections:\n  - items:\n    - items:\n      - items:\n        - text: 末\n", Limits{MaxDepth: 4}, "", "limits.max_depth", time.Second},
		{"max bytes", hdr + "intro: " + strings.Repeat("字", 100) + "\n", Limits{MaxBytes: 100}, "", "limits.max_bytes", time.Second},
		{"max chars", hdr + "intro: " + strings.Repeat("字", 1001) + "\n", Limits{MaxChars: 1000}, "3:8", "limits.max_chars", time.Second},
		{"max paragraphs", hdr + "intro: |\n" + strings.Repeat("  段。\n\n", 11), Limits{MaxParagraphs: 10}, "24:3", "limits.max_paragraphs", time.Second},
		{"max paragraphs rows", hdr + "sections:\n  - table:\n      columns: [a]\n      rows:\n" + strings.Repeat("        - [x]\n", 11), Limits{MaxParagraphs: 10}, "17:12", "limits.max_paragraphs", time.Second},
		{"100000 paragraphs", hdr + "intro: |\n" + strings.Repeat("  第一段。\n\n", 100000), Limits{}, "", "", 10 * time.Second},
		{"50000 characters", hdr + "intro: " + strings.Repeat("a", 50000) + "\n", Limits{}, "", "", time.Second},
		{"10000 rows", hdr + "sections:\n  - table:\n      columns: [a, b]\n      rows:\n" + strings.Repeat("        - [任务, 完成]\n", 10000), Limits{}, "", "", 5 * time.Second},
		{"NUL", hdr + "title: 标\x00题\n", Limits{}, "3:9", "U+0000", time.Second},
		{"lone surrogate", hdr + "title: 标\xed\xa0\x80题\n", Limits{}, "3:9", "UTF-8", time.Second},
		{"bidi override", hdr + "title: 标\u202e题\n", Limits{}, "3:9", "U+202E", time.Second},
		{"bidi isolate", hdr + "intro: |\n  第一段\u2066题\n", Limits{}, "4:6", "U+2066", time.Second},
		{"DEL", hdr + "title: 标\x7f题\n", Limits{}, "3:9", "U+007F", time.Second},
		{"zero width and emoji load", hdr + "title: 标\u200b题😀𠀀\u200d\n", Limits{}, "", "", time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			f, ds := Parse("h.yaml", []byte(c.src), c.lim)
			el := time.Since(start)
			if el > budget(c.budget) {
				t.Errorf("took %v, budget %v", el, c.budget)
			}
			switch {
			case c.name == "self alias":
				if !ds.HasErrors() {
					t.Fatal("an alias inside its own anchor loaded")
				}
				return
			case c.want == "":
				if ds.HasErrors() || f == nil {
					t.Fatalf("does not load: %s", ds.Format("zh"))
				}
				return
			}
			if !ds.HasErrors() {
				t.Fatal("no error")
			}
			got := ds[0].Format("zh")
			if !strings.Contains(got, c.want) {
				t.Errorf("message %q, want %q", got, c.want)
			}
			if c.pos != "" && !strings.HasPrefix(got, "h.yaml:"+c.pos) {
				t.Errorf("position: %q, want h.yaml:%s", got, c.pos)
			}
		})
	}
}

// TestScanDepthAgrees checks that the pre-scan estimate does not exceed the
// depth the converter finds, on the examples and on usual YAML shapes, so
// that it never refuses a file the converter would take.
func TestScanDepthAgrees(t *testing.T) {
	srcs := []string{
		hdr + "sections:\n  - heading: 一\n    items:\n      - heading: 二\n        items:\n          - text: |\n              [[[[ {{{{ 文字\n                   - - - -\n",
		hdr + "sections:\n- heading: 一\n  items:\n  - heading: 二\n    points: [\"[[[\", '{{', 甲]\n",
		hdr + "intro: 甲[乙 # [[[[\n  丙{丁\n    戊- - -\n",
		hdr + "sections: [{heading: 一, items: [{text: '[[ '' {'}]}]\n",
	}
	srcs = append(srcs, exampleSources(t)...)
	for _, s := range srcs {
		est := 0
		for ; est < 100; est++ {
			if _, _, over := scanDepth([]byte(s), est); !over {
				break
			}
		}
		real := 1
		for ; real < 100; real++ {
			_, ds := Parse("x.yaml", []byte(s), Limits{MaxDepth: real})
			if len(ds) == 0 || ds[0].Code != "too-deep" {
				break
			}
		}
		if est > real {
			t.Errorf("estimate %d over the real depth %d for:\n%s", est, real, s[:min(len(s), 300)])
		}
	}
}

// TestLocatorMatchesLocate checks the incremental locator of paragraphs
// against model.Text.Locate.
func TestLocatorMatchesLocate(t *testing.T) {
	tx := model.Text{Value: "甲乙\n  丙丁\n\n戊", Pos: model.Pos{File: "f", Line: 3, Col: 5},
		Lines:    []model.Pos{{File: "f", Line: 3, Col: 5}, {File: "f", Line: 4, Col: 3}, {File: "f", Line: 5, Col: 3}, {File: "f", Line: 6, Col: 3}},
		LineOffs: []int{0, 7, 16, 17}}
	l := locator{t: tx}
	for off := 0; off <= len(tx.Value)+2; off++ {
		if got, want := l.at(off), tx.Locate(off); got != want {
			t.Errorf("offset %d: %v, want %v", off, got, want)
		}
	}
}
