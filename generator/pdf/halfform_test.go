package pdf

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/internal/testkit"
)

// halfRun draws a run with the half-width forms of its marks only when the
// layout compressed every one of them by about half its width.
func TestHalfRun(t *testing.T) {
	set := defaultFonts(t)
	body := set.Face("body")
	if body == nil {
		t.Skip("no body face")
	}
	pf := &pdfFile{faces: map[string]*fontset.Face{body.Name: body}, halves: true}
	comma, _ := fontset.HalfForm('，')
	quote, _ := fontset.HalfForm('”')
	cases := []struct {
		text string
		tc   float64
		want string // "" when drawn as it is
		wtc  float64
	}{
		{"，", -8, string(comma), 0},                          // a line-end comma set half width
		{"”，", -7.785, string(quote) + string(comma), 0.215}, // two marks sharing their white, on a justified line
		{"，", -6.5, string(comma), 1.5},                      // within halfSlack
		{"，", -3, "", 0},                                     // squeezed by a fraction only: drawn full width
		{"，", 0.2, "", 0},                                    // not compressed
		{"文，", -8, "", 0},                                    // not marks only
		{"？", -8, "", 0},                                     // centred: no half form
		{"“", -8, "", 0},                                     // opening: white on the left
	}
	for _, c := range cases {
		r := layout.Run{Text: c.text, Face: body.Name, Size: 16, CharSpacing: c.tc}
		got, tc, ok := pf.halfRun(&r)
		if ok != (c.want != "") || ok && (got != c.want || abs(tc-c.wtc) > 1e-9) {
			t.Errorf("halfRun(%q, Tc %v) = %q, %v, %v; want %q, %v", c.text, c.tc, got, tc, ok, c.want, c.wtc)
		}
	}
	doc := &layout.Document{Pages: []layout.Page{{Runs: []layout.Run{{Text: "造字\uF8E5"}}}}}
	if halvesAllowed(doc) {
		t.Error("a document with text in the forms' block may use them")
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// The ToUnicode map names a half-width form by its mark.
func TestUnHalf(t *testing.T) {
	in := "begincmap\n2 beginbfrange\n<0019><0019><F8E0>\n<001A><001A><F8EB>\n<001B><001B><4E00>\n<001C><001C><F8FF>\nendbfrange\n"
	want := "begincmap\n2 beginbfrange\n<0019><0019><FF0C>\n<001A><001A><201D>\n<001B><001B><4E00>\n<001C><001C><F8FF>\nendbfrange\n"
	if got := string(unHalf([]byte(in))); got != want {
		t.Errorf("unHalf:\n%s\nwant\n%s", got, want)
	}
	if got := string(unHalf([]byte("<0019><0019><F8E0>\n"))); got != "<0019><0019><F8E0>\n" {
		t.Error("unHalf rewrote a stream that is no CMap")
	}
}

// With line-end marks set half width (kinsoku.half_width_line_end), poppler
// measures every line as it prints: no line's box reaches past the text
// block's right edge, the text extracted is the report's (the forms read as
// their marks), and the half-width forms are in the fonts.
func TestHalfFormsInPDF(t *testing.T) {
	testkit.Path(t, "pdftotext")
	set := defaultFonts(t)
	tp := gongwen(t, map[string]any{"kinsoku": map[string]any{"half_width_line_end": true}})
	right := (tp.Layout.Page.LeftMM + tp.Layout.Page.TextWidthMM) * mm
	halved := 0
	for _, ex := range examples(t) {
		doc := layout.Layout(ex.report.Elements(), &tp.Layout, Measurer(set), layout.Options{})
		pf := &pdfFile{faces: map[string]*fontset.Face{}, halves: true}
		for _, f := range set.Faces() {
			pf.faces[f.Name] = f
		}
		for _, p := range doc.Pages {
			for i := range p.Runs {
				if _, _, ok := pf.halfRun(&p.Runs[i]); ok {
					halved++
				}
			}
		}
		path := filepath.Join(t.TempDir(), ex.name+".pdf")
		writeFile(t, path, doc, set)
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
