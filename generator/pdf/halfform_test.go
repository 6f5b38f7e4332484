package pdf

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/internal/testkit"
)

// A run the layout set half width is drawn with the marks' half-width
// forms from the same place, or, without forms, mark by mark from where
// each one's ink begins; other runs as they are.
func TestPieces(t *testing.T) {
	set := defaultFonts(t)
	body := set.Face("body")
	if body == nil {
		t.Skip("no body face")
	}
	form := func(r rune) string { p, _ := fontset.HalfForm(r); return string(p) }
	cases := []struct {
		name   string
		run    layout.Run
		halves bool
		want   []drawn
	}{
		{"plain run", layout.Run{X: 100, Text: "文字", CharSpacing: -0.2}, true, []drawn{{100, "文字", -0.2}}},
		{"line-end comma", layout.Run{X: 100, Text: "，", Half: true}, true, []drawn{{100, form('，'), 0}}},
		{"quote and comma", layout.Run{X: 100, Text: "”，", Half: true, CharSpacing: 0.3}, true, []drawn{{100, form('”') + form('，'), 0.3}}},
		{"opening quote", layout.Run{X: 100, Text: "“", Half: true, CharSpacing: -0.2}, true, []drawn{{100, form('“'), -0.2}}},
		{"no forms: closing", layout.Run{X: 100, Text: "”，", Half: true, CharSpacing: 0.3}, false, []drawn{{100, "”", 0}, {108.3, "，", 0}}},
		{"no forms: opening", layout.Run{X: 100, Text: "“", Half: true}, false, []drawn{{92, "“", 0}}},
	}
	for _, c := range cases {
		pf := &pdfFile{faces: map[string]*fontset.Face{body.Name: body}, halves: c.halves}
		r := c.run
		r.Face, r.Size = body.Name, 16
		got := pf.pieces(&r)
		ok := len(got) == len(c.want)
		for i := 0; ok && i < len(got); i++ {
			ok = got[i].text == c.want[i].text && abs(got[i].x-c.want[i].x) < 1e-9 && abs(got[i].tc-c.want[i].tc) < 1e-9
		}
		if !ok {
			t.Errorf("%s: pieces %+v, want %+v", c.name, got, c.want)
		}
	}
	doc := &layout.Document{Pages: []layout.Page{{Runs: []layout.Run{{Text: "造字\uF8E5"}}}}}
	if halvesAllowed(doc) {
		t.Error("a document with text in the forms' block may use them")
	}
}

var lineBox = regexp.MustCompile(`<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">`)

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// The ToUnicode map gives each glyph its character: a half-width form
// reads as its mark (unless the document may not use forms, when the code
// point is the document's own), a character above U+FFFF as a surrogate
// pair, entries in glyph order, at most 100 to a block.
func TestToUnicode(t *testing.T) {
	comma, _ := fontset.HalfForm('，')
	f := &fontset.PDFFont{GIDs: map[rune]uint16{'一': 3, comma: 2, '\U00020000': 1}}
	want := "1 beginbfchar\n<0001> <D840DC00>\n<0002> <FF0C>\n<0003> <4E00>\nendbfchar\n"
	if got := string(toUnicode(f, true)); !strings.Contains(got, "3 beginbfchar\n<0001> <D840DC00>\n<0002> <FF0C>\n<0003> <4E00>\nendbfchar\n") ||
		!strings.HasPrefix(got, "/CIDInit") || !strings.Contains(got, "<0000> <FFFF>") || !strings.HasSuffix(got, "end\nend\n") {
		t.Errorf("toUnicode:\n%s\nwant the entries\n%s", got, want)
	}
	if got := string(toUnicode(f, false)); !strings.Contains(got, fmt.Sprintf("<0002> <%04X>", comma)) {
		t.Errorf("a private-use character of the document's own was read as a mark:\n%s", got)
	}
	many := &fontset.PDFFont{GIDs: map[rune]uint16{}}
	for i := range 250 {
		many.GIDs[rune(0x4E00+i)] = uint16(i + 1)
	}
	got := string(toUnicode(many, true))
	if strings.Count(got, "100 beginbfchar") != 2 || strings.Count(got, "50 beginbfchar") != 1 || strings.Count(got, "endbfchar") != 3 {
		t.Errorf("250 entries not in blocks of 100, 100 and 50:\n%.300s", got)
	}
}

// The W array lists the widths of the glyphs that show a character, in
// runs of consecutive glyph ids.
func TestAppendWidths(t *testing.T) {
	f := &fontset.PDFFont{GIDs: map[rune]uint16{'a': 1, 'b': 2, 'c': 4, 'd': 2}, Widths: []int{1000, 500, 600, 700, 1000}}
	if got := string(appendWidths(nil, f)); got != "1[500 600]4[1000]" {
		t.Errorf("W entries %q, want %q", got, "1[500 600]4[1000]")
	}
}

// With line-end marks set half width (kinsoku.half_width_line_end), poppler
// measures every line as it prints: no line's box reaches past the text
// block's right edge, no line is cut apart at a compressed mark (as many
// lines as the layout set), and the text extracted is the report's (the
// forms read as their marks).
func TestHalfFormsInPDF(t *testing.T) {
	testkit.Path(t, "pdftotext")
	set := defaultFonts(t)
	tp := gongwen(t, map[string]any{"kinsoku": map[string]any{"half_width_line_end": true}})
	right := (tp.Layout.Page.LeftMM + tp.Layout.Page.TextWidthMM) * mm
	halved := 0
	for _, ex := range examples(t) {
		doc := layout.Layout(ex.report.Elements(), &tp.Layout, Measurer(set), layout.Options{})
		for _, p := range doc.Pages {
			for i := range p.Runs {
				if p.Runs[i].Half {
					halved++
				}
			}
		}
		path := filepath.Join(t.TempDir(), ex.name+".pdf")
		writeFile(t, path, doc, set)
		// every body line is one line for poppler, not cut at a mark
		type key struct {
			page int
			y    float64
		}
		body := map[key]bool{}
		for pi, p := range doc.Pages {
			other := map[float64]bool{}
			for _, r := range p.Runs {
				if r.Kind != layout.KindBody {
					other[r.Y] = true
				}
			}
			for _, r := range p.Runs {
				if r.Kind == layout.KindBody && !other[r.Y] {
					body[key{pi, r.Y}] = true
				}
			}
		}
		out := testkit.Run(t, "pdftotext", "-bbox-layout", path, "-")
		for pi, pg := range strings.Split(out, "<page ")[1:] {
			for k := range body {
				if k.page != pi {
					continue
				}
				n := 0
				for _, m := range lineBox.FindAllStringSubmatch(pg, -1) {
					y0, _ := strconv.ParseFloat(m[1], 64)
					y1, _ := strconv.ParseFloat(m[2], 64)
					if y0 < k.y && k.y < y1 {
						n++
					}
				}
				if n != 1 {
					t.Errorf("%s p%d: the line at y %.1f is %d lines for poppler", ex.name, pi+1, k.y, n)
				}
			}
		}
		for pi, ls := range bboxPages(t, path) {
			for _, l := range ls {
				if l.x1 > right+0.3*mm {
					t.Errorf("%s p%d: line %q ends %.2f pt past the text block", ex.name, pi+1, l.text, l.x1-right)
				}
			}
		}
		text := testkit.Run(t, "pdftotext", path, "-")
		if strings.ContainsFunc(text, fontset.IsHalfFormRange) {
			t.Errorf("%s: extracted text holds half-width form code points", ex.name)
		}
	}
	if halved < 100 {
		t.Errorf("%d runs drawn with half-width forms in the examples, want ≥ 100", halved)
	}
	t.Logf("%d runs drawn with half-width forms", halved)
}

// The marks the layout compresses (layout.CompressClosing and
// CompressOpening) are the marks fontset has half-width forms for: the two
// lists live in packages that do not import each other.
func TestHalfFormsCoverCompressedMarks(t *testing.T) {
	marks := layout.CompressClosing + layout.CompressOpening
	for _, r := range marks {
		if _, ok := fontset.HalfForm(r); !ok {
			t.Errorf("%q is compressed by the layout but has no half-width form", r)
		}
	}
	for p := rune(fontset.HalfFormBase); p <= 0xF8FF; p++ {
		if r, ok := fontset.HalfFormOf(p); ok && !strings.ContainsRune(marks, r) {
			t.Errorf("%q has a half-width form but the layout never compresses it", r)
		}
	}
}
