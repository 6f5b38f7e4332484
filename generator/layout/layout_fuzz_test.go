package layout

import (
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/gongwen/gen/generator/model"
)

// loaderText keeps what the loader lets through: valid UTF-8 without
// control characters (tab and newline aside) or bidirectional controls.
func loaderText(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		if (unicode.IsControl(r) && r != '\t' && r != '\n') || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
}

// fuzzReport builds a small report whose every text comes from s: the
// lines of s become the title, paragraphs, a heading, points and table
// cells.
func fuzzReport(s string) *model.Report {
	parts := strings.Split(loaderText(s), "\n")
	for len(parts) < 6 {
		parts = append(parts, "字")
	}
	txt := func(i int) model.Text {
		return model.Text{Value: strings.TrimSpace(parts[i%len(parts)]), Pos: model.Pos{File: "f.yaml", Line: i + 1, Col: 1}}
	}
	r := &model.Report{Agency: model.Text{Value: "民政局"}, Year: 2023, Title: txt(0), Recipient: txt(1), Signature: txt(2)}
	if r.Title.Value == "" {
		r.Title.Value = "标题"
	}
	if t := []rune(r.Title.Value); len(t) > 200 { // the schema's maxLength
		r.Title.Value = string(t[:200])
	}
	for i := range parts {
		if txt(i).Value != "" {
			r.Intro = append(r.Intro, txt(i))
		}
	}
	b := &model.Block{Heading: txt(3), Text: []model.Text{txt(4)}, Lead: txt(5), Points: []model.Text{txt(1), txt(2)},
		Table: &model.Table{Columns: []model.Text{txt(0), txt(1)}, Rows: [][]model.Text{{txt(2), txt(3)}, {txt(4), txt(5)}}}}
	if b.Heading.Value == "" {
		b.Heading.Value = "一"
	}
	r.Sections = []*model.Block{b, {Heading: model.Text{Value: "二"}, Items: []*model.Block{{Heading: txt(1), Text: []model.Text{txt(0)}}}}}
	r.Date = &model.Date{}
	r.Resolve()
	return r
}

// fuzzSeeds returns the paragraphs of the examples, joined by newlines in
// groups, as seeds.
func fuzzSeeds(f *testing.F) []string {
	var out []string
	for _, r := range loadExamples(f) {
		var b strings.Builder
		for _, e := range r.Elements() {
			b.WriteString(e.Text())
			b.WriteString("\n")
		}
		out = append(out, b.String())
	}
	return out
}

// FuzzBreakLines breaks fuzzed text at fuzzed widths: the lines must cover
// the glyphs in order, each line must advance, and a line wider than its
// width must be a single unbreakable run.
func FuzzBreakLines(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s, testW, testW)
	}
	f.Add(strings.Repeat("a", 5000), testW, testW)
	f.Add("字，。“”（）——……", 16.0, 0.0)
	scale := testW / 28 / 16
	f.Fuzz(func(t *testing.T, s string, first, rest float64) {
		if !utf8.ValidString(s) || math.IsNaN(first) || math.IsNaN(rest) {
			return
		}
		gs := body(s)
		rs := runes(gs)
		lines := breakLines(gs, rs, first, rest, scale)
		if len(lines) > len(gs)+1 {
			t.Fatalf("%d lines for %d glyphs", len(lines), len(gs))
		}
		prev := 0
		for k, ln := range lines {
			if ln.start < prev || ln.end < ln.start || ln.next < ln.end || ln.next <= ln.start || ln.next > len(gs) {
				t.Fatalf("line %d: start %d end %d next %d (previous next %d, %d glyphs)", k, ln.start, ln.end, ln.next, prev, len(gs))
			}
			_ = ln.spacing(scale, true)
			prev = ln.next
		}
		if len(lines) > 0 && prev != len(gs) {
			t.Fatalf("lines end at %d of %d glyphs", prev, len(gs))
		}
	})
}

// FuzzLayout lays out a small report made from fuzzed text with the fake
// measurer (some characters without a glyph): no panic, and every page has
// its number.
func FuzzLayout(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Add(strings.Repeat("字", 3000) + "\n" + strings.Repeat("a", 3000))
	f.Add("😀𠀀\u200b\u200d\n\t\n（一）\n—— ……")
	l := gongwen(f, nil)
	f.Fuzz(func(t *testing.T, s string) {
		doc := Layout(fuzzReport(s).Elements(), l, fakeMeasurer{missing: "😀𠀀"}, Options{})
		if len(doc.Pages) == 0 {
			t.Fatal("no pages")
		}
	})
}
