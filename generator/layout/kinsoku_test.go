package layout

import (
	"strings"
	"testing"
)

// Numbers and units stay whole and no line starts with - / + % ‰ ℃: every
// pattern is pushed against the end of a line at each offset, and no break
// may fall inside it.
func TestNumbersStayWhole(t *testing.T) {
	patterns := []string{
		"xx%-xx%", "12%-15%", "1-11月", "x/月", "30元/吨", "网+", "建+信", "上-线", "3·5", "-12.5%", "+3.2%",
		"5‰", "37.5℃", "2023年", "10.5万元", "xx个", "5~10", "12:30", "1,000", "PPP", "x.x%",
	}
	cjk := func(n int) string { return strings.Repeat("字", n) }
	for _, p := range patterns {
		for pre := 20; pre <= 28; pre++ {
			text := cjk(pre) + p + cjk(6)
			got, _, _ := lineTexts(text, testW, testW)
			if len(got) < 2 {
				continue
			}
			a, b := got[0], got[1]
			joined := a + b
			i := strings.Index(joined, p)
			cut := len(a)
			if i >= 0 && cut > i && cut < i+len(p) {
				t.Errorf("%q at %d split: %q | %q", p, pre, a, b)
			}
			if r := []rune(b)[0]; strings.ContainsRune("-/+%‰℃", r) {
				t.Errorf("%q at %d: line starts with %q: %q", p, pre, r, b)
			}
		}
	}
}

// Every pair of compressible marks is set at 1.5 characters (the white
// between them halved); a ？ or · next to a mark is left full width.
func TestCompressPairs(t *testing.T) {
	scale := testW / 28 / 16
	cell := testW / 28
	marks := []rune(CompressClosing + CompressOpening + "？·")
	for _, a := range marks {
		for _, b := range marks {
			gs := body("字" + string(a) + string(b) + "字")
			rs := runes(gs)
			resetKerns(gs, 0, len(gs), scale, true)
			w := gs[1].adv*scale + gs[1].kern + gs[2].adv*scale + gs[2].kern
			ra := strings.ContainsRune(CompressClosing, a)
			la := strings.ContainsRune(CompressOpening, a)
			lb := strings.ContainsRune(CompressOpening, b)
			rb := strings.ContainsRune(CompressClosing, b)
			want := 2 * cell
			if ra && (rb || lb) || la && lb {
				want = 1.5 * cell
			}
			if d := w - want; d > 1e-6 || d < -1e-6 {
				t.Errorf("%c%c: %.2f pt, want %.2f (%s)", a, b, w, want, string(rs))
			}
		}
	}
}

// A line that would lose a character to 避头尾 keeps it by compression: the
// line-end mark at half width and another mark of the line by half.
func TestCompressLineEnd(t *testing.T) {
	cjk := func(n int) string { return strings.Repeat("字", n) }
	cases := []struct {
		name, text string
		want       []string
		on, end    bool
	}{
		{"push back without compression", cjk(12) + "，" + cjk(15) + "，" + cjk(4), []string{cjk(12) + "，" + cjk(14), "字，" + cjk(4)}, false, false},
		{"line-end mark half width", cjk(12) + "，" + cjk(15) + "，" + cjk(4), []string{cjk(12) + "，" + cjk(15) + "，", cjk(4)}, true, true},
		{"one mark is not enough", cjk(12) + "，" + cjk(15) + "，" + cjk(4), []string{cjk(12) + "，" + cjk(14), "字，" + cjk(4)}, true, false},
		{"two marks give one character", cjk(8) + "，" + cjk(8) + "、" + cjk(10) + "，" + cjk(4), []string{cjk(8) + "，" + cjk(8) + "、" + cjk(10) + "，", cjk(4)}, true, false},
		{"nothing to compress: push back", cjk(28) + "，" + cjk(4), []string{cjk(27), "字，" + cjk(4)}, true, true},
		{"pair then end mark", cjk(27) + "”。" + cjk(3), []string{cjk(27) + "”。", cjk(3)}, true, true},
	}
	scale := testW / 28 / 16
	for _, c := range cases {
		gs := body(c.text)
		lines := breakPara(gs, runes(gs), testW, testW, scale, breakOpts{compress: c.on, endHalf: c.end})
		var got []string
		for _, ln := range lines {
			got = append(got, string(runes(gs[ln.start:ln.end])))
			if !ln.last {
				w := ln.nat + ln.spacing(scale, true)*float64(ln.end-ln.start-1) + ln.kern
				if d := w - testW; d > 1e-6 || d < -1e-6 {
					t.Errorf("%s: line %q is %.3f pt, want %.3f", c.name, got[len(got)-1], w, testW)
				}
			}
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// A paragraph never ends with a line of one character (孤字).
func TestNoOrphan(t *testing.T) {
	cjk := func(n int) string { return strings.Repeat("字", n) }
	scale := testW / 28 / 16
	cases := []struct {
		name, text string
		on         bool
		want       []string
	}{
		{"one more comes down", cjk(28) + "村。", false, []string{cjk(27), "字村。"}},
		{"taken up by compression", cjk(10) + "，" + cjk(5) + "，" + cjk(5) + "，" + cjk(4) + "，村。", true, []string{cjk(10) + "，" + cjk(5) + "，" + cjk(5) + "，" + cjk(4) + "，村。"}},
		{"latin run comes down whole", cjk(26) + "ABC" + "字", false, []string{cjk(26), "ABC字"}},
	}
	for _, c := range cases {
		gs := body(c.text)
		lines := breakPara(gs, runes(gs), testW, testW, scale, breakOpts{compress: c.on, orphans: true})
		var got []string
		for _, ln := range lines {
			got = append(got, string(runes(gs[ln.start:ln.end])))
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// kinsoku.compress switches 标点挤压 off: no mark is then set narrower than
// the grid; on, example 12 has compressed marks (runs set half width).
func TestCompressSwitch(t *testing.T) {
	r := loadExamples(t)["12-公安局.yaml#0"]
	if r == nil {
		t.Skip("example 12 missing")
	}
	for _, on := range []bool{true, false} {
		l := gongwen(t, map[string]any{"kinsoku": map[string]any{"compress": on}})
		doc := Layout(r.Elements(), l, fakeMeasurer{}, Options{})
		n := 0
		for _, p := range doc.Pages {
			for _, run := range p.Runs {
				if run.Half {
					n++
				}
			}
		}
		if on && n == 0 || !on && n > 0 {
			t.Errorf("compress %v: %d compressed runs", on, n)
		}
	}
}

// The bond of a number and its unit yields only to a visibly loose line: a
// break between them (never inside the unit, never where another rule
// forbids it) is taken where keeping them together would leave the line
// ≥ 1.5 characters loose, and not where the cost is one character.
func TestUnitYieldsToLooseLine(t *testing.T) {
	cjk := func(n int) string { return strings.Repeat("字", n) }
	scale := testW / 28 / 16
	cases := []struct {
		name, text string
		want       []string
	}{
		{"three characters loose: the unit goes down", cjk(25) + "123456亿元，" + cjk(10),
			[]string{cjk(25) + "123456", "亿元，" + cjk(10)}},
		{"one character loose: the bond holds", cjk(27) + "12亿元" + cjk(10),
			[]string{cjk(27), "12亿元" + cjk(10)}},
		{"a slash unit stays whole", cjk(25) + "123456元/月，" + cjk(10),
			[]string{cjk(25) + "123456", "元/月，" + cjk(10)}},
	}
	for _, c := range cases {
		gs := body(c.text)
		lines := breakPara(gs, runes(gs), testW, testW, scale, breakOpts{compress: true, orphans: true})
		var got []string
		for _, ln := range lines {
			got = append(got, string(runes(gs[ln.start:ln.end])))
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
	// kinsoku.strict_units: the bond holds, the line stays loose
	gs := body(cases[0].text)
	lines := breakPara(gs, runes(gs), testW, testW, scale, breakOpts{compress: true, orphans: true, strictUnits: true})
	if first := string(runes(gs[lines[0].start:lines[0].end])); first != cjk(25) {
		t.Errorf("strict units: first line %q, want %q", first, cjk(25))
	}
	for _, c := range []struct {
		text string
		at   int
		soft bool
	}{
		{"30万元", 2, true},  // 30 / 万元
		{"30万元", 3, false}, // never inside the unit
		{"1-11月", 4, true}, // 1-11 / 月
		{"x/月", 2, false},  // the slash keeps its unit (a hard rule)
		{"字字", 1, false},   // no bond at all
		{"2023年", 4, true}, // 2023 / 年
		{"3个", 1, true},
	} {
		if got := softBreak([]rune(c.text), c.at); got != c.soft {
			t.Errorf("softBreak(%q, %d) = %v, want %v", c.text, c.at, got, c.soft)
		}
		if canBreakBefore([]rune(c.text), c.at) && c.soft {
			t.Errorf("canBreakBefore(%q, %d): the bond must hold outside breakBest", c.text, c.at)
		}
	}
}
