package layout

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gongwen/gen/internal/testkit"
)

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
		// A hang is a bug too: crash the worker so the fuzzer keeps the input.
		watchdog := time.AfterFunc(5*time.Second, func() {
			panic(fmt.Sprintf("breakLines ran over 5 s on %d bytes, widths %v/%v", len(s), first, rest))
		})
		defer watchdog.Stop()
		// the plain breaker, and the one the engine uses (标点挤压, 孤字
		// control, least-cost breaks)
		for _, opt := range []breakOpts{{}, {compress: true, orphans: true}, {compress: true, orphans: true, endHalf: true}} {
			gs := body(s)
			rs := runes(gs)
			lines := breakPara(gs, rs, first, rest, scale, opt)
			if len(lines) > len(gs)+1 {
				t.Fatalf("%+v: %d lines for %d glyphs", opt, len(lines), len(gs))
			}
			prev := 0
			for k, ln := range lines {
				if ln.start < prev || ln.end < ln.start || ln.next < ln.end || ln.next <= ln.start || ln.next > len(gs) {
					t.Fatalf("%+v: line %d: start %d end %d next %d (previous next %d, %d glyphs)", opt, k, ln.start, ln.end, ln.next, prev, len(gs))
				}
				_ = ln.spacing(scale, true)
				prev = ln.next
			}
			if len(lines) > 0 && prev != len(gs) {
				t.Fatalf("%+v: lines end at %d of %d glyphs", opt, prev, len(gs))
			}
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
		doc := Layout(testkit.Report(s).Elements(), l, fakeMeasurer{missing: "😀𠀀"}, Options{})
		if len(doc.Pages) == 0 {
			t.Fatal("no pages")
		}
	})
}
