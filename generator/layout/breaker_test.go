package layout

import (
	"math"
	"strings"
	"testing"
)

const testW = 156 * 72 / 25.4 // text width in pt

func TestBreakKinsoku(t *testing.T) {
	cjk := func(n int) string { return strings.Repeat("字", n) }
	cases := []struct {
		name string
		text string
		want []string // expected lines (prefix check for the last)
	}{
		{"fits", cjk(28), []string{cjk(28)}},
		{"wrap", cjk(30), []string{cjk(28), cjk(2)}},
		{"closing not at line start", cjk(28) + "，" + cjk(3), []string{cjk(27), "字，" + cjk(3)}},
		{"two closings", cjk(27) + "”。" + cjk(3), []string{cjk(26), "字”。" + cjk(3)}},
		{"opening not at line end", cjk(27) + "“" + cjk(3), []string{cjk(27), "“" + cjk(3)}},
		{"digits unbroken", cjk(27) + "2023年", []string{cjk(27), "2023年"}},
		{"number keeps its unit", cjk(26) + "2023年", []string{cjk(26), "2023年"}},
		{"decimal percent", cjk(26) + "10.5%" + cjk(2), []string{cjk(26), "10.5%" + cjk(2)}},
		{"latin run", cjk(27) + "PPP项目", []string{cjk(27), "PPP项目"}},
		{"placeholder x.x", cjk(27) + "x.x万吨", []string{cjk(27), "x.x万吨"}},
		{"placeholder xx%", cjk(27) + "xx%以上", []string{cjk(27), "xx%以上"}},
		{"dash pair", cjk(27) + "——" + cjk(2), []string{cjk(26), "字——" + cjk(2)}},
	}
	for _, c := range cases {
		got, _, _ := lineTexts(c.text, testW, testW)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestBreakIndent(t *testing.T) {
	pitch := testW / 28
	got, _, _ := lineTexts(strings.Repeat("字", 60), testW-2*pitch, testW)
	if len(got) != 3 || len([]rune(got[0])) != 26 || len([]rune(got[1])) != 28 || len([]rune(got[2])) != 6 {
		t.Fatalf("indent: lines %d, %v", len(got), got)
	}
}

// Every line but the last is justified to exactly the text width; CJK lines
// sit on the character pitch.
func TestJustification(t *testing.T) {
	scale := testW / 28 / 16
	texts := []string{
		strings.Repeat("字", 28) + "，" + strings.Repeat("字", 40),
		"2023年，在区委区政府的坚强领导下，区环卫局全面贯彻党的二十大精神，坚决遵循城市精细化治理理念，围绕全国文明城市创建工作，细化举措、狠抓落实，共计xxxxx元，PPP项目10.5%，各项工作取得阶段性成效。",
	}
	for _, s := range texts {
		_, lines, gs := lineTexts(s, testW, testW)
		for k, ln := range lines {
			tc := ln.spacing(scale, true)
			w := ln.nat + tc*float64(ln.end-ln.start-1)
			if !ln.last && math.Abs(w-testW) > 1e-6 {
				t.Errorf("line %d width %.4f, want %.4f", k, w, testW)
			}
			if ln.last && w > testW+1e-6 {
				t.Errorf("last line %d too wide: %.3f", k, w)
			}
			first, last := gs[ln.start].r, gs[ln.end-1].r
			if IsClosing(first) || IsOpening(last) {
				t.Errorf("line %d breaks 避头尾: %q … %q", k, first, last)
			}
		}
	}
	// An all-CJK full line: characters on the 15.79 pt pitch (27 gaps
	// share 28 × 0.21 pt, so the pitch is within 0.01 pt of the grid's).
	_, lines, _ := lineTexts(strings.Repeat("字", 40), testW, testW)
	tc := lines[0].spacing(scale, true)
	if d := math.Abs(16 + tc - testW/28); d > 0.01 {
		t.Errorf("CJK pitch %.4f, want %.4f", 16+tc, testW/28)
	}
	// The last line keeps the grid pitch too.
	if tc := lines[1].spacing(scale, true); math.Abs(16+tc-testW/28) > 1e-9 {
		t.Errorf("last line pitch %.4f", 16+tc)
	}
}

func TestCanBreakBefore(t *testing.T) {
	cases := []struct {
		s    string
		i    int
		want bool
	}{
		{"字字", 1, true}, {"字，", 1, false}, {"（字", 1, false}, {"20", 1, false},
		{"0年", 1, false}, {"年2", 1, true}, {"x年", 1, false}, {"字年", 1, true}, {"5.5", 1, false}, {"5.5", 2, false},
		{"。5", 1, true}, {"x-x", 2, false}, {"a b", 2, true}, {"a b", 1, false},
		{"字“", 1, true}, {"”字", 1, true}, {"……", 1, false},
		{"为-5", 2, false}, {"为-5", 1, false}, {"￥3", 1, false},
	}
	for _, c := range cases {
		if got := canBreakBefore([]rune(c.s), c.i); got != c.want {
			t.Errorf("canBreakBefore(%q, %d) = %v", c.s, c.i, got)
		}
	}
}
