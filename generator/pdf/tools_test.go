package pdf

import (
	"fmt"
	"html"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/layout"
)

func TestExamplesFontsEmbeddedSubset(t *testing.T) {
	for _, ex := range examples(t) {
		out := run(t, "pdffonts", ex.path)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) < 3 {
			t.Errorf("%s: no fonts listed:\n%s", ex.name, out)
			continue
		}
		for _, l := range lines[2:] {
			f := strings.Fields(l)
			// name type... encoding emb sub uni object ID
			n := len(f)
			if n < 6 || f[n-5] != "yes" || f[n-4] != "yes" {
				t.Errorf("%s: font not embedded as a subset: %s", ex.name, l)
			}
			if !regexp.MustCompile(`^[A-Z]{6}\+`).MatchString(f[0]) {
				t.Errorf("%s: font name without subset tag: %s", ex.name, f[0])
			}
		}
	}
}

var pageNumRe = regexp.MustCompile(`—\s*\d+\s*—`)

// The extracted text is the report's text, in order, nothing lost or
// doubled; repeated table headers are the only addition.
func TestExamplesTextExtraction(t *testing.T) {
	for _, ex := range examples(t) {
		want := squash(ex.report.PlainText())
		if got := squash(docText(ex.doc, false)); got != want {
			t.Errorf("%s: layout text differs from PlainText: %s", ex.name, diffAt(got, want))
		}
		withHeaders := squash(docText(ex.doc, true))
		modes := [][]string{{"-raw"}, {}}
		if hasTable(ex.doc) {
			// Reading-order analysis interleaves table columns; -raw keeps
			// the drawing order, which is the report's order.
			modes = modes[:1]
		}
		for _, mode := range modes {
			out := run(t, "pdftotext", append(mode, "-enc", "UTF-8", ex.path, "-")...)
			got := squash(pageNumRe.ReplaceAllString(out, ""))
			if got != withHeaders {
				t.Errorf("%s: pdftotext %v differs: %s", ex.name, mode, diffAt(got, withHeaders))
			}
			if withHeaders == want && got != want {
				t.Errorf("%s: pdftotext %v differs from PlainText", ex.name, mode)
			}
		}
	}
}

func hasTable(doc *layout.Document) bool {
	for _, p := range doc.Pages {
		if len(p.Rules) > 0 {
			return true
		}
	}
	return false
}

func diffAt(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	lo := max(0, i-15)
	return fmt.Sprintf("at rune %d: got …%q…, want …%q…", i, string(ra[lo:min(len(ra), i+25)]), string(rb[lo:min(len(rb), i+25)]))
}

// bbox word and line as pdftotext -bbox reports them.
type word struct {
	x0, y0, x1, y1 float64
	text           string
}

type pline struct {
	x0, y0, x1, y1 float64
	text           string
}

var (
	wordRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>`)
	pageRe = regexp.MustCompile(`<page `)
)

// bboxPages runs pdftotext -bbox and groups each page's words into lines
// (same yMin within 1 pt), sorted top to bottom, words left to right.
func bboxPages(t *testing.T, path string) [][]pline {
	out := run(t, "pdftotext", "-bbox", path, "-")
	chunks := pageRe.Split(out, -1)[1:]
	pages := make([][]pline, len(chunks))
	for i, c := range chunks {
		var ws []word
		for _, m := range wordRe.FindAllStringSubmatch(c, -1) {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			ws = append(ws, word{f(m[1]), f(m[2]), f(m[3]), f(m[4]), html.UnescapeString(m[5])})
		}
		sort.SliceStable(ws, func(a, b int) bool {
			if math.Abs(ws[a].y0-ws[b].y0) > 1 {
				return ws[a].y0 < ws[b].y0
			}
			return ws[a].x0 < ws[b].x0
		})
		var ls []pline
		for _, w := range ws {
			if n := len(ls); n > 0 && math.Abs(ls[n-1].y0-w.y0) <= 1 {
				l := &ls[n-1]
				l.x0, l.x1 = math.Min(l.x0, w.x0), math.Max(l.x1, w.x1)
				l.y1 = math.Max(l.y1, w.y1)
				l.text += w.text
				continue
			}
			ls = append(ls, pline{w.x0, w.y0, w.x1, w.y1, w.text})
		}
		pages[i] = ls
	}
	return pages
}

const mm = 72 / 25.4

// geometry checks one rendered report against its layout figures.
type geometry struct {
	left, top, width, height, pitch, cpitch, pnOffset float64
	lines                                             int
}

func geometryOf(tp layoutFigures) geometry {
	return geometry{
		left: tp.Left(), top: tp.Top(), width: tp.TextWidth(), height: tp.TextHeight(),
		pitch: tp.LinePitch(), cpitch: tp.CharPitch(), lines: tp.LinesPerPage(),
	}
}

type layoutFigures interface {
	Left() float64
	Top() float64
	TextWidth() float64
	TextHeight() float64
	LinePitch() float64
	CharPitch() float64
	LinesPerPage() int
}

// lineStats is what checkGeometry measured.
type lineStats struct {
	bodyLines []int // per page
	full      int   // full lines checked
}

func checkGeometry(t *testing.T, name string, g geometry, pnOffsetMM float64, doc *layout.Document, pages [][]pline) lineStats {
	t.Helper()
	const tol = 0.3 * mm
	var st lineStats
	right := g.left + g.width
	bottom := g.top + g.height
	if len(pages) != len(doc.Pages) {
		t.Errorf("%s: %d pages in PDF, %d laid out", name, len(pages), len(doc.Pages))
	}
	for pi, ls := range pages {
		var body []pline
		var num *pline
		for i := range ls {
			if ls[i].y0 > bottom {
				num = &ls[i]
			} else {
				body = append(body, ls[i])
			}
		}
		st.bodyLines = append(st.bodyLines, len(body))
		hasTable := pi < len(doc.Pages) && len(doc.Pages[pi].Rules) > 0
		if len(body) > g.lines && !hasTable {
			t.Errorf("%s p%d: %d body lines, more than %d", name, pi+1, len(body), g.lines)
		}
		short := g.lines - 1
		if pi == len(pages)-2 && carriedToSignature(doc) {
			// the signature rule carried the last body line over so that
			// the signature does not open the last page alone: the page
			// before may end two lines short
			short = g.lines - 2
		}
		if pi > 0 && pi < len(pages)-1 && !hasTable && len(body) < short {
			t.Errorf("%s p%d: %d body lines, want %d (or one short)", name, pi+1, len(body), g.lines)
		}
		if len(body) > 0 && !hasTable && math.Abs(body[0].y0-g.top) > tol {
			t.Errorf("%s p%d: first line top at %.2f mm, want %.2f mm", name, pi+1, body[0].y0/mm, g.top/mm)
		}
		for i, l := range body {
			rs := []rune(l.text)
			if layout.IsClosing(rs[0]) || layout.IsOpening(rs[len(rs)-1]) {
				t.Errorf("%s p%d: line breaks 避头尾: %q", name, pi+1, l.text)
			}
			if l.x1 > right+tol {
				t.Errorf("%s p%d: line beyond the right edge by %.2f mm: %q", name, pi+1, (l.x1-right)/mm, l.text)
			}
			if hasTable {
				if l.y1 > bottom+tol {
					t.Errorf("%s p%d: table text below the text block: %q", name, pi+1, l.text)
				}
				continue
			}
			if i > 0 && math.Abs(l.y0-body[i-1].y0-g.pitch) > 0.05 && math.Abs(l.y0-body[i-1].y0-2*g.pitch) > 0.05 &&
				l.y1-l.y0 < 25 { // title lines (22 pt) are excepted
				t.Errorf("%s p%d: line pitch %.3f pt, want %.3f: %q", name, pi+1, l.y0-body[i-1].y0, g.pitch, l.text)
			}
			// A line followed by a continuation line (starting at the left
			// edge) is a full line: it spans the text width.
			if i+1 < len(body) && math.Abs(body[i+1].x0-g.left) < tol && math.Abs(body[i+1].y0-l.y0-g.pitch) < 0.05 {
				st.full++
				if math.Abs(l.x1-right) > tol {
					t.Errorf("%s p%d: full line ends at %.2f mm, want %.2f mm: %q", name, pi+1, l.x1/mm, right/mm, l.text)
				}
				if math.Abs(l.x0-g.left) < tol && math.Abs(l.x1-l.x0-g.width) > tol {
					t.Errorf("%s p%d: full line %.2f mm wide: %q", name, pi+1, (l.x1-l.x0)/mm, l.text)
				}
			}
		}
		if pi > 0 && pi < len(pages)-1 && !hasTable {
			minX := math.Inf(1)
			for _, l := range body {
				minX = math.Min(minX, l.x0)
			}
			if math.Abs(minX-g.left) > tol {
				t.Errorf("%s p%d: text block left at %.2f mm, want %.2f mm", name, pi+1, minX/mm, g.left/mm)
			}
		}
		if num == nil {
			t.Errorf("%s p%d: no page number", name, pi+1)
			continue
		}
		if !pageNumRe.MatchString(num.text) || !strings.Contains(num.text, fmt.Sprint(pi+1)) {
			t.Errorf("%s p%d: page number %q", name, pi+1, num.text)
		}
		// the glyph box where the layout put it, its dashes' ink
		// pnOffsetMM below the text block (TestPageNumberInk looks at the ink)
		if math.Abs(num.y0-doc.PageNumber.Top) > tol || math.Abs(doc.PageNumber.InkTop-(bottom+pnOffsetMM*mm)) > 1e-6 {
			t.Errorf("%s p%d: page number glyph top %.2f mm below the text block, layout %.2f; dash ink %.2f mm, want %.1f", name, pi+1,
				(num.y0-bottom)/mm, (doc.PageNumber.Top-bottom)/mm, (doc.PageNumber.InkTop-bottom)/mm, pnOffsetMM)
		}
		if (pi+1)%2 == 1 && math.Abs(num.x1-(right-g.cpitch)) > tol {
			t.Errorf("%s p%d: odd page number ends %.2f mm from the right edge, want one character", name, pi+1, (right-num.x1)/mm)
		}
		if (pi+1)%2 == 0 && math.Abs(num.x0-(g.left+g.cpitch)) > tol {
			t.Errorf("%s p%d: even page number starts %.2f mm from the left edge, want one character", name, pi+1, (num.x0-g.left)/mm)
		}
	}
	return st
}

// carriedToSignature reports whether the last page of doc opens with body
// text carried over to the signature (layout's signature rule).
func carriedToSignature(doc *layout.Document) bool {
	lp := doc.Pages[len(doc.Pages)-1]
	if len(lp.Runs) == 0 || lp.Runs[0].Kind != layout.KindBody {
		return false
	}
	for _, r := range lp.Runs {
		if r.Kind == layout.KindSignature || r.Kind == layout.KindDate {
			return r.Line <= 3
		}
	}
	return false
}

func TestExamplesGeometry(t *testing.T) {
	tp := gongwen(t, nil)
	g := geometryOf(&tp.Layout)
	total, pages, fullPages := 0, 0, 0
	for _, ex := range examples(t) {
		st := checkGeometry(t, ex.name, g, tp.Layout.PageNumber.OffsetMM, ex.doc, bboxPages(t, ex.path))
		t.Logf("%-16s %2d pages %4d KB  body lines per page %v  (%d full lines checked)", ex.name, len(ex.doc.Pages), (ex.size+1023)/1024, st.bodyLines, st.full)
		for i, n := range st.bodyLines {
			if i > 0 && i < len(st.bodyLines)-1 {
				pages++
				total += n
				if n == g.lines {
					fullPages++
				}
			}
		}
	}
	if pages > 0 {
		t.Logf("inner pages: %d, mean %.2f body lines, %d with all %d lines", pages, float64(total)/float64(pages), fullPages, g.lines)
	}
}

// A layout override moves the text block and changes the lines per page.
func TestLayoutOverride(t *testing.T) {
	tp := gongwen(t, map[string]any{
		"page": map[string]any{"left_mm": 27},
		"grid": map[string]any{"line_pitch_pt": 33},
	})
	if tp.Layout.LinesPerPage() != 19 {
		t.Fatalf("override: %d lines per page", tp.Layout.LinesPerPage())
	}
	set := defaultFonts(t)
	var ex *example
	for _, e := range examples(t) {
		if strings.HasPrefix(e.name, "04-") {
			ex = e
		}
	}
	if ex == nil {
		t.Skip("example 04 missing")
	}
	doc := layout.Layout(ex.report.Elements(), &tp.Layout, Measurer(set), layout.Options{})
	path := t.TempDir() + "/override.pdf"
	writeFile(t, path, doc, set)
	pages := bboxPages(t, path)
	st := checkGeometry(t, "override", geometryOf(&tp.Layout), tp.Layout.PageNumber.OffsetMM, doc, pages)
	if len(doc.Pages) <= len(ex.doc.Pages) {
		t.Errorf("33 pt lines: %d pages, default %d", len(doc.Pages), len(ex.doc.Pages))
	}
	for i, n := range st.bodyLines[1 : len(st.bodyLines)-1] {
		if n != 19 && n != 18 {
			t.Errorf("override p%d: %d lines, want 19", i+2, n)
		}
	}
	t.Logf("override: %d pages (default %d), body lines %v", len(doc.Pages), len(ex.doc.Pages), st.bodyLines)
}
