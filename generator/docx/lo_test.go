package docx

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/pdf"
	"github.com/gongwen/gen/internal/testkit"

	"github.com/gongwen/gen/fonts"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// LibreOffice evidence. The documents are rendered once, converted in one
// soffice run (a second run for embedded fonts, which needs a different
// font setup), and the tests below read the PDFs. The project's fonts are
// visible to LibreOffice under the official names through a generated
// fontconfig file (testkit.ProjectAliases). The tests skip when soffice or
// poppler is missing, and fail instead when GEN_REQUIRE_TOOLS=1 (CI).

var workDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if workDir != "" && os.Getenv("GEN_KEEP_LO") != "" {
		fmt.Fprintln(os.Stderr, "LibreOffice files kept in", workDir)
	} else if workDir != "" {
		os.RemoveAll(workDir)
	}
	os.Exit(code)
}

func needTools(t *testing.T) {
	t.Helper()
	_, _, err := testkit.Tools()
	if err == nil {
		_, err = exec.LookPath("pdftoppm")
	}
	if err == nil {
		if _, e := fonts.FS.Open("FandolFang-Regular.ttf"); e != nil {
			err = fmt.Errorf("project fonts not built: %v", e)
		}
	}
	if err != nil {
		testkit.Missing(t, fmt.Sprintf("LibreOffice evidence skipped: %v", err))
	}
}

// loDoc is one converted document.
type loDoc struct {
	name     string
	docx     string
	pdf      string
	report   *model.Report
	template string
	opt      Options
	example  bool // one of the examples, with the gongwen template
	asIs     bool // converted as written, without testkit.CompensateOverflowPunct
}

type loRun struct {
	docs []*loDoc
	err  error
}

var (
	loOnce, embedOnce sync.Once
	loResult          loRun
	embedResult       loRun
)

func work(t *testing.T) string {
	if workDir == "" {
		d, err := os.MkdirTemp("", "gen-docx-lo-")
		if err != nil {
			t.Fatal(err)
		}
		workDir = d
	}
	return workDir
}

// convert renders docs and converts them in one soffice run.
func convert(t *testing.T, sub string, docs []*loDoc, systemOnly bool) loRun {
	dir := filepath.Join(work(t), sub)
	for _, d := range []string{"in", "out"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return loRun{err: err}
		}
	}
	var files []string
	for _, d := range docs {
		tp, err := tmpl.Load(d.template, nil)
		if err != nil {
			return loRun{err: err}
		}
		b, err := Render(d.report, tp, d.opt)
		if err != nil {
			return loRun{err: fmt.Errorf("%s: %w", d.name, err)}
		}
		if !d.asIs {
			if b, err = testkit.CompensateOverflowPunct(b); err != nil {
				return loRun{err: err}
			}
		}
		d.docx = filepath.Join(dir, "in", d.name+".docx")
		d.pdf = filepath.Join(dir, "out", d.name+".pdf")
		if err := os.WriteFile(d.docx, b, 0o644); err != nil {
			return loRun{err: err}
		}
		files = append(files, d.docx)
	}
	var conf string
	var err error
	if systemOnly {
		conf, err = testkit.WriteFontConfig(dir, nil, nil, true)
	} else {
		conf, err = testkit.WriteFontConfig(dir, []string{"../../fonts"}, testkit.ProjectAliases, true)
	}
	if err != nil {
		return loRun{err: err}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	start := time.Now()
	if err := testkit.Convert(ctx, files, filepath.Join(dir, "out"), dir, conf); err != nil {
		return loRun{err: err}
	}
	t.Logf("soffice converted %d documents in %v", len(files), time.Since(start).Round(time.Millisecond))
	return loRun{docs: docs}
}

// libreOffice converts every example with both templates (and once more
// as written, without compensation), the sample report and the sample with
// 发文字号, 签发人 and 版记 with both templates.
func libreOffice(t *testing.T) []*loDoc {
	needTools(t)
	loOnce.Do(func() {
		var docs []*loDoc
		exs := examples(t)
		if only := os.Getenv("GEN_LO_ONLY"); only != "" {
			// while iterating: a few examples (name prefixes, comma
			// separated), plain template only; the tests that want all
			// 14 then fail
			for _, ex := range exs {
				for _, p := range strings.Split(only, ",") {
					if p != "" && strings.HasPrefix(ex.name, p) {
						docs = append(docs, &loDoc{name: ex.name, report: ex.report, template: "gongwen", example: true})
						break
					}
				}
			}
			loResult = convert(t, "plain", docs, false)
			return
		}
		for _, ex := range exs {
			docs = append(docs, &loDoc{name: ex.name, report: ex.report, template: "gongwen", example: true})
		}
		for _, ex := range exs {
			docs = append(docs, &loDoc{name: ex.name + "-asis", report: ex.report, template: "gongwen", asIs: true})
		}
		for _, ex := range exs {
			docs = append(docs, &loDoc{name: ex.name + "-redhead", report: ex.report, template: "gongwen-redhead"})
		}
		docs = append(docs,
			&loDoc{name: "sample", report: SampleReport(), template: "gongwen"},
			&loDoc{name: "sample-redhead", report: SampleReport(), template: "gongwen-redhead"},
			&loDoc{name: "full", report: fullReport(), template: "gongwen"},
			&loDoc{name: "full-redhead", report: fullReport(), template: "gongwen-redhead"},
			&loDoc{name: "11-colophon-redhead", report: withColophon(exs, "11"), template: "gongwen-redhead"},
		)
		loResult = convert(t, "plain", docs, false)
	})
	if loResult.err != nil {
		t.Fatal(loResult.err)
	}
	return loResult.docs
}

// Geometry of the text block in points (GB/T 9704 defaults).
type block struct{ top, bottom, left, right, pitch, char float64 }

func geometry(t *testing.T, name string) block {
	l := load1(t, name).Layout
	return block{
		top: l.Top(), bottom: l.Top() + l.TextHeight(), left: l.Left(), right: l.Left() + l.TextWidth(),
		pitch: float64(twips(&l).Line) / 20, char: l.CharPitch(),
	}
}

// layoutOf is the report of d laid out as our PDF is.
func layoutOf(t *testing.T, d *loDoc) *layout.Document {
	t.Helper()
	set, err := fontset.Default()
	if err != nil {
		t.Fatal(err)
	}
	l := load1(t, d.template).Layout
	return layout.Layout(d.report.Elements(), &l, pdf.Measurer(set), layout.Options{})
}

func lines(t *testing.T, d *loDoc) []testkit.Page {
	t.Helper()
	pages, err := testkit.Lines(d.pdf)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// TestLibreOfficeText: the text LibreOffice prints inside the text block
// is the report's text (PlainText), nothing lost, nothing added (a table
// header repeated on a new page aside).
func TestLibreOfficeText(t *testing.T) {
	for _, d := range libreOffice(t) {
		if d.asIs {
			continue
		}
		t.Run(d.name, func(t *testing.T) {
			g := geometry(t, d.template)
			got := testkit.Text(lines(t, d), g.top, g.bottom)
			want := squash(d.report.PlainText())
			if h := layoutOf(t, d).RedHead; h != nil {
				want = squash(h.Text+h.Number.Text+h.Signer.Text) + want
			}
			got = dropRepeatedHeaders(got, want, d.report)
			if got != want {
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				t.Errorf("text differs at byte %d:\n got …%s\nwant …%s", i, clip(got[i:]), clip(want[i:]))
			}
		})
	}
}

// TestLibreOfficeAsIs converts the documents exactly as written. They
// convert, and the text is the report's except for closing marks that
// LibreOffice hangs into the margin (it reads w:overflowPunct inverted) and
// then leaves out of the PDF; the count is logged.
func TestLibreOfficeAsIs(t *testing.T) {
	lost := 0
	for _, d := range libreOffice(t) {
		if !d.asIs {
			continue
		}
		g := geometry(t, d.template)
		got := []rune(dropRepeatedHeaders(testkit.Text(lines(t, d), g.top, g.bottom), squash(d.report.PlainText()), d.report))
		want := []rune(squash(d.report.PlainText()))
		i := 0
		for _, r := range want {
			if i < len(got) && got[i] == r {
				i++
			} else if isPunct(r) || strings.ContainsRune("，。；：", r) {
				lost++
			} else {
				t.Errorf("%s: text differs near %q", d.name, string(got[max(0, i-10):min(len(got), i+10)]))
				break
			}
		}
		if i != len(got) {
			t.Errorf("%s: extra text %q", d.name, clip(string(got[i:])))
		}
	}
	t.Logf("closing marks missing from LibreOffice's PDF of the uncompensated documents: %d", lost)
}

// dropRepeatedHeaders removes a table's header row text where the PDF
// repeats it at the top of a new page.
func dropRepeatedHeaders(got, want string, r *model.Report) string {
	var heads []string
	for _, e := range r.Elements() {
		if e.Kind == model.ElTable {
			var h strings.Builder
			for _, c := range e.Table.Columns {
				h.WriteString(squash(c.Value))
			}
			if h.Len() > 0 {
				heads = append(heads, h.String())
			}
		}
	}
	for guard := 0; guard < 100 && got != want; guard++ {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		changed := false
		for _, h := range heads {
			// the mismatch may start inside the header (common prefix)
			for j := i; j >= 0 && j > i-len(h); j-- {
				if strings.HasPrefix(got[j:], h) && !strings.HasPrefix(want[j:], h) {
					got = got[:j] + got[j+len(h):]
					changed = true
					break
				}
			}
			if changed {
				break
			}
		}
		if !changed {
			break
		}
	}
	return got
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:60])
	}
	return s
}

// TestLibreOfficeGrid: on every full page 22 body lines at the grid pitch,
// and every full line of pure Chinese text holds 28 characters (26 on a
// paragraph's first line, after the two-character indent).
func TestLibreOfficeGrid(t *testing.T) {
	docs := libreOffice(t)
	g := geometry(t, "gongwen")
	var fullPages, tablePages, keepPages, fullLines, firstLines, hanging, kinsoku, unsplit int
	perPage := map[int]int{}
	perLine := map[int]int{}
	for _, d := range docs {
		if !d.example {
			continue
		}
		headings := standaloneHeadings(d.report)
		t.Run(d.name, func(t *testing.T) {
			pages := lines(t, d)
			for pi, p := range pages {
				body := bodyLines(p, g)
				small := false
				for _, l := range body {
					if l.YMax-l.YMin < 19.3 {
						small = true // table text (四号)
					}
				}
				// Lines sit on the grid: baselines a whole number of pitches apart.
				for i := 1; i < len(body); i++ {
					if small || !bodySize(body[i]) || !bodySize(body[i-1]) {
						continue
					}
					dy := body[i].YMax - body[i-1].YMax
					if k := math.Round(dy / g.pitch); k < 1 || math.Abs(dy-k*g.pitch) > 0.25 {
						t.Errorf("page %d: line %d is %.2f pt below the previous, not on the %.2f pt grid", pi+1, i+1, dy, g.pitch)
					}
				}
				if len(body) > 0 && body[len(body)-1].YMax > g.bottom+1 {
					t.Errorf("page %d: last line ends %.1f pt below the text block", pi+1, body[len(body)-1].YMax-g.bottom)
				}
				// Characters per line.
				for li, l := range body {
					if !bodySize(l) || l.XMax < g.right-3 || !pureCJK(l.Text) {
						continue
					}
					n := len([]rune(l.Text))
					want := 0
					switch {
					case math.Abs(l.XMin-g.left) < 3:
						want = 28
						fullLines++
					case math.Abs(l.XMin-g.left-2*16) < 3:
						want = 26
						firstLines++
					default:
						continue
					}
					if l.XMax > g.right+4 && isPunct(lastRune(l.Text)) {
						// LibreOffice hangs the closing mark into the margin (it
						// reads w:overflowPunct inverted); the line still holds
						// its 28 grid characters.
						hanging++
						n--
					}
					perLine[n]++
					if n == want {
						continue
					}
					// 避头尾: a character moves to the next line (and the rest is
					// spread) when the next line would start with a closing mark
					// or this one end with an opening mark; a number or Latin
					// word is not split.
					var following []rune
					if li+1 < len(body) {
						following = []rune(body[li+1].Text)
					} else if pi+1 < len(pages) {
						if nb := bodyLines(pages[pi+1], g); len(nb) > 0 {
							following = []rune(nb[0].Text)
						}
					}
					var next rune
					if len(following) > 0 {
						next = following[0]
					}
					moved := want - n // characters carried to the next line
					kin, latin := strings.ContainsRune(noLineEnd, next), false
					for k := 0; k <= moved && k < len(following); k++ {
						kin = kin || strings.ContainsRune(noLineStart, following[k])
						latin = latin || following[k] < 0x80
					}
					switch {
					case moved > 0 && moved <= 2 && kin && !latin:
						kinsoku++
					case moved > 0 && moved <= 8 && latin:
						unsplit++ // a number or Latin word (maybe after a mark) is not split
					default:
						t.Errorf("page %d: %d characters, want %d: %s / %s", pi+1, n, want, l.Text, string(following))
					}
				}
				if pi == 0 || pi == len(pages)-1 {
					continue
				}
				if small {
					tablePages++
					continue
				}
				perPage[len(body)]++
				switch {
				case len(body) == 22:
					fullPages++
				case len(body) == 21 && pi+1 < len(pages) && startsHeading(bodyLines(pages[pi+1], g), headings):
					keepPages++ // a heading kept with its text moved to the next page
				default:
					t.Errorf("page %d: %d body lines, want 22", pi+1, len(body))
				}
			}
		})
	}
	t.Logf("full pages: %d with 22 lines, %d with 21 (heading kept with next), %d with tables skipped; lines per page %v", fullPages, keepPages, tablePages, perPage)
	t.Logf("full lines of pure Chinese: %d (%d first lines, after the indent); characters per line %v; %d shortened by 避头尾, %d before an unsplit number; %d with a hanging closing mark", fullLines+firstLines, firstLines, perLine, kinsoku, unsplit, hanging)
	if fullPages < 20 || fullLines < 200 {
		t.Errorf("too little evidence: %d full pages, %d full lines", fullPages, fullLines)
	}
}

// bodySize reports whether a line is set in 三号 (its font box ≈ 20.8 pt).
func bodySize(l testkit.Line) bool { return math.Abs(l.YMax-l.YMin-20.8) < 1.5 }

func bodyLines(p testkit.Page, g block) []testkit.Line {
	var out []testkit.Line
	for _, l := range p.Lines {
		if l.YMin >= g.top-3 && l.YMax <= g.bottom+3 {
			out = append(out, l)
		}
	}
	return out
}

func standaloneHeadings(r *model.Report) []string {
	var hs []string
	for _, e := range r.Elements() {
		if e.Kind == model.ElHeading {
			hs = append(hs, squash(e.Text()))
		}
	}
	return hs
}

func startsHeading(body []testkit.Line, headings []string) bool {
	if len(body) == 0 {
		return false
	}
	for _, h := range headings {
		if strings.HasPrefix(h, body[0].Text) || strings.HasPrefix(body[0].Text, h) {
			return true
		}
	}
	return false
}

func pureCJK(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && !isPunct(r) {
			return false
		}
	}
	return s != ""
}

func isPunct(r rune) bool {
	return r >= 0x3000 && r <= 0x303f || r >= 0xff01 && r <= 0xff0f || r >= 0xff1a && r <= 0xff20 ||
		r >= 0xff3b && r <= 0xff40 || r >= 0xff5b && r <= 0xff65 || strings.ContainsRune("“”‘’…—·", r)
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

// TestLibreOfficePageNumber: "— N —" with the top of the dashes 7 mm below
// the text block, odd pages one character in from the right edge, even
// pages one character in from the left.
func TestLibreOfficePageNumber(t *testing.T) {
	docs := libreOffice(t)
	set, err := fontset.Default()
	if err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	pages := 0
	for _, d := range docs {
		if d.asIs {
			continue
		}
		t.Run(d.name, func(t *testing.T) {
			l := load1(t, d.template).Layout
			g := geometry(t, d.template)
			doc := layout.Layout(d.report.Elements(), &l, pdf.Measurer(set), layout.Options{})
			want := doc.PageNumber.Top - g.bottom
			for i, p := range lines(t, d) {
				var foot []testkit.Line
				for _, ln := range p.Lines {
					if ln.YMin > g.bottom+1 {
						foot = append(foot, ln)
					}
				}
				if len(foot) != 1 || foot[0].Text != fmt.Sprintf("—%d—", i+1) {
					t.Errorf("page %d footer %+v, want —%d—", i+1, foot, i+1)
					continue
				}
				ln := foot[0]
				off := ln.YMin - g.bottom
				pages++
				worst = max(worst, math.Abs(off-want)/tmpl.PtPerMM)
				if math.Abs(off-want) > 1*tmpl.PtPerMM {
					t.Errorf("page %d: number top %.2f mm below the text block, layout %.2f ± 1", i+1, off/tmpl.PtPerMM, want/tmpl.PtPerMM)
				}
				// Odd pages end, even pages start, inset from the text
				// block's edge as the layout has them.
				if (i+1)%2 == 1 && math.Abs(ln.XMax-(g.right-doc.PageNumber.Inset)) > 1.5 {
					t.Errorf("page %d: number ends at %.1f, layout %.1f", i+1, ln.XMax, g.right-doc.PageNumber.Inset)
				}
				if (i+1)%2 == 0 && math.Abs(ln.XMin-(g.left+doc.PageNumber.Inset)) > 1.5 {
					t.Errorf("page %d: number starts at %.1f, layout %.1f", i+1, ln.XMin, g.left+doc.PageNumber.Inset)
				}
			}
		})
	}
	t.Logf("%d pages: page number top within %.2f mm of the layout's (%.1f mm below the text block)", pages, worst, 7.0)
}

// TestLibreOfficeLikeLayout: LibreOffice prints every example (both
// templates) on as many pages as our PDF, and sets the title in the
// layout's lines.
func TestLibreOfficeLikeLayout(t *testing.T) {
	docs := libreOffice(t)
	set, err := fontset.Default()
	if err != nil {
		t.Fatal(err)
	}
	same, total := 0, 0
	for _, d := range docs {
		if d.asIs {
			continue
		}
		t.Run(d.name, func(t *testing.T) {
			l := load1(t, d.template).Layout
			doc := layout.Layout(d.report.Elements(), &l, pdf.Measurer(set), layout.Options{})
			if os.Getenv("GEN_KEEP_LO") != "" { // our PDF next to LibreOffice's, to compare
				var buf bytes.Buffer
				if err := pdf.Write(&buf, doc, set, pdf.Info{}); err == nil {
					_ = os.WriteFile(strings.TrimSuffix(d.pdf, ".pdf")+".ours.pdf", buf.Bytes(), 0o644)
				}
			}
			ps := lines(t, d)
			total++
			if len(ps) != len(doc.Pages) {
				t.Errorf("LibreOffice %d pages, our PDF %d", len(ps), len(doc.Pages))
			} else {
				same++
			}
			want := doc.TitleLines()
			var tb *layout.Block
			for i := range doc.Blocks {
				if doc.Blocks[i].Kind == layout.KindTitle {
					tb = &doc.Blocks[i]
					break
				}
			}
			if tb == nil || len(ps) == 0 {
				t.Fatal("no title")
			}
			// LibreOffice's lines whose middle falls on each grid line of
			// the title, joined left to right.
			got := make([]string, len(tb.Lines))
			for _, ln := range ps[0].Lines {
				mid := (ln.YMin + ln.YMax) / 2
				for k, tl := range tb.Lines {
					top := l.Top() + float64(tl.Line)*l.LinePitch()
					if mid >= top && mid < top+l.LinePitch() {
						got[k] += squash(ln.Text)
					}
				}
			}
			for i := range want {
				want[i] = squash(want[i])
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("title lines %q, layout %q", got, want)
			}
		})
	}
	t.Logf("page counts equal to our PDF: %d of %d documents", same, total)
}

// TestLibreOfficeRedHead: the 发文机关标志 sits where the layout put it
// (redhead.top_mm below the top of the text block, ± 1.5 mm), and the red
// rule across the text block within 1 mm of the layout's, in every
// document made with the red-head template.
func TestLibreOfficeRedHead(t *testing.T) {
	docs := libreOffice(t)
	l := load1(t, "gongwen-redhead").Layout
	g := geometry(t, "gongwen-redhead")
	for _, d := range docs {
		if d.template != "gongwen-redhead" {
			continue
		}
		t.Run(d.name, func(t *testing.T) {
			h := layoutOf(t, d).RedHead
			if h == nil {
				t.Fatal("no red head in the layout")
			}
			mark, ok, err := testkit.Ink(d.pdf, 1, testkit.Box{X0: g.left - 5, Y0: g.top, X1: g.right + 5, Y1: h.Top + h.Size}, 300)
			if err != nil || !ok {
				t.Fatalf("no ink under the top of the text block (%v)", err)
			}
			top := (mark.Y0 - g.top) / tmpl.PtPerMM
			t.Logf("mark top %.1f mm below the text block top", top)
			if math.Abs(top-l.RedHead.TopMM) > 1.5 {
				t.Errorf("mark top %.1f mm below the text block top, want %.0f ± 1.5", top, l.RedHead.TopMM)
			}
			want := h.Rule.Y1 - h.Rule.Width/2
			y0, _, ok := testkit.Rows(testkit.RenderPage(t, d.pdf, 1, 150), 150, g.left, g.right, want-4*tmpl.PtPerMM, want+4*tmpl.PtPerMM, 0.95, 1, testkit.Red)
			if !ok {
				t.Fatal("no red rule across the text block")
			}
			if math.Abs(y0-want) > 1*tmpl.PtPerMM {
				t.Errorf("red rule top %.2f mm below the text block top, layout %.2f ± 1", (y0-g.top)/tmpl.PtPerMM, (want-g.top)/tmpl.PtPerMM)
			}
			text, err := exec.Command("pdftotext", "-f", "1", "-l", "1", d.pdf, "-").Output()
			if err != nil || !strings.Contains(squash(string(text)), squash(h.Text)) {
				t.Errorf("no 发文机关标志 %q in the text: %v", h.Text, err)
			}
			if h.Number.Text != "" && !strings.Contains(squash(string(text)), squash(h.Number.Text)) {
				t.Errorf("no 发文字号 %q in the text", h.Number.Text)
			}
		})
	}
}

// TestLibreOfficeEmbedFonts: with no Chinese font installed and no alias,
// LibreOffice opens the document with embedded fonts, converts it, and
// sets the text in the embedded faces.
func TestLibreOfficeEmbedFonts(t *testing.T) {
	needTools(t)
	embedOnce.Do(func() {
		exs := examples(t)
		embedResult = convert(t, "embed", []*loDoc{
			{name: "embed-" + exs[1].name, report: exs[1].report, template: "gongwen", opt: Options{EmbedFonts: true, Fonts: fonts.FS}},
			{name: "embed-sample", report: SampleReport(), template: "gongwen-redhead", opt: Options{EmbedFonts: true, Fonts: fonts.FS}},
		}, true)
	})
	if embedResult.err != nil {
		t.Fatal(embedResult.err)
	}
	for _, d := range embedResult.docs {
		t.Run(d.name, func(t *testing.T) {
			st, _ := os.Stat(d.docx)
			out, err := exec.Command("pdffonts", d.pdf).Output()
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d bytes; fonts in the PDF:\n%s", st.Size(), out)
			for _, want := range []string{"FandolFang", "FandolHei", "NotoSerifCJKsc-Bold", "NotoSerifCJKsc-Regular"} {
				if !strings.Contains(string(out), want) {
					t.Errorf("PDF does not use the embedded %s", want)
				}
			}
			g := geometry(t, d.template)
			got := testkit.Text(lines(t, d), g.top, g.bottom)
			if want := squash(d.report.PlainText()); !strings.HasSuffix(got, want) {
				t.Errorf("text differs from the report's:\n got %s\nwant %s", clip(got), clip(want))
			}
		})
	}
}
