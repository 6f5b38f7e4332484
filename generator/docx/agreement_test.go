package docx

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/pdf"
	"github.com/gongwen/gen/internal/testkit"
)

// Agreement between the two exporters. Our PDF (package pdf, our own layout
// engine) is the reference; the DOCX is rendered by LibreOffice with the
// project's fonts under the official names (the same conversion as the
// other LibreOffice tests: one soffice run, the overflowPunct-compensated
// copy). Both PDFs are read back with pdftotext -bbox; the body lines are
// the lines inside the text block (page numbers fall outside it).
//
// The two texts are aligned character by character (white space removed;
// a Myers diff, so a difference in one place does not shift the rest). A
// line break is the offset of the first character of a body line (the
// first line of the document aside). For each example the test reports:
//
//   - ours and theirs: the number of line breaks in each PDF;
//   - same: breaks at the same aligned character in both;
//   - agreement = same / max(ours, theirs), a symmetric measure: a break
//     LibreOffice adds counts against it as much as one it misses.
//
// Acceptance (the DOCX issue): equal page counts for at least 13 of the 14
// examples, agreement ≥ 95 % over all examples and ≥ 90 % in each. The page
// counts hold with LibreOffice; the agreement does not, because LibreOffice
// deviates from Word in ways a DOCX cannot switch off (it ignores
// w:autoSpaceDE/w:autoSpaceDN and adds 20 % of the font height wherever
// Chinese meets Latin letters or digits; it does not break between a
// full-width mark such as ， or 、 and a following Latin word; it breaks
// between a Latin letter and %). Each such line shifts the rest of its
// paragraph. So with LibreOffice the test asserts regression floors
// (loAgreeMin, loAgreeMinEach) and logs the distance to the target; with
// GEN_AGREE_PDF_DIR set to a folder of PDFs printed from the same DOCX files
// by another engine (Word or WPS "save as PDF" of the files GEN_KEEP_LO=1
// keeps, named like the examples), it compares those instead and asserts
// the targets.

// agreeMinPages is how many examples must have the same page count.
const agreeMinPages = 13

// agreeMin and agreeMinEach are the targets of the issue (overall and per
// example); loAgreeMin and loAgreeMinEach the floors that LibreOffice 7.4
// keeps. They were 62 % overall and 49 % at worst while the PDF broke lines
// first-fit as LibreOffice does; since the layout compresses adjacent
// punctuation (标点挤压, which LibreOffice 7.4 does not apply from
// w:characterSpacingControl), keeps numbers with their units, and chooses a
// paragraph's breaks over the whole paragraph to avoid loose lines and 孤字,
// LibreOffice's reflow keeps 38.8 % overall and 11.6 % at worst (08): one
// different break shifts the rest of its paragraph. Page counts still agree
// for all 14 examples. Expressing the layout's compression as explicit
// character spacing (w:spacing on a run of each compressed mark) was tried
// and dropped: LibreOffice 7.4 spaces only between the characters of one
// portion, none after a one-character run, and holds negative spacing to
// about −2 pt, so the marks stayed wide while every run split off lost the
// grid's −0.25 pt (TestLibreOfficeGrid: lines of 27 characters instead of
// 28; agreement 38.4 %). Of the paragraphs whose breaks part, two in three part first on a
// line with Latin letters or digits (LibreOffice's writerfilter reads
// w:autoSpaceDE/w:autoSpaceDN nowhere, neither in pPr nor in styles or
// docDefaults, and spaces them from Chinese), most others on a line the
// layout set with compressed marks or ended before it was full (its
// choice over the whole paragraph).
const (
	agreeMin       = 0.95
	agreeMinEach   = 0.90
	loAgreeMin     = 0.38
	loAgreeMinEach = 0.11
)

// flowText is the body text of a PDF as one string of runes, with the
// offsets at which lines start and where each line came from.
type flowText struct {
	text   []rune
	starts []int    // rune offset of each body line
	where  []string // "p3 l7" for each body line
	pages  int
}

// readFlow reads the body lines of a PDF (inside the text block g).
func readFlow(t *testing.T, path string, g block) flowText {
	t.Helper()
	pages, err := testkit.Lines(path)
	if err != nil {
		t.Fatal(err)
	}
	f := flowText{pages: len(pages)}
	for pi, p := range pages {
		for li, l := range bodyLines(p, g) {
			s := []rune(strings.Join(strings.Fields(l.Text), ""))
			if len(s) == 0 {
				continue
			}
			f.starts = append(f.starts, len(f.text))
			f.where = append(f.where, fmt.Sprintf("p%d l%d", pi+1, li+1))
			f.text = append(f.text, s...)
		}
	}
	return f
}

// align returns, for every rune of a, the index of the same rune in b, or
// -1 when the shortest edit script (Myers' O(ND) diff) does not match it.
func align(a, b []rune) []int {
	n, m := len(a), len(b)
	limit := n + m
	off := limit + 1
	v := make([]int, 2*limit+3)
	// trace[d] holds v[k] for k in [-d-1, d+1] as it was before round d.
	var trace [][]int
	d := 0
search:
	for ; d <= limit; d++ {
		trace = append(trace, append([]int(nil), v[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1] // down: insertion from b
			} else {
				x = v[off+k-1] + 1 // right: deletion from a
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				break search
			}
		}
	}
	match := make([]int, n)
	for i := range match {
		match[i] = -1
	}
	x, y := n, m
	for ; d > 0; d-- {
		vp := trace[d]
		at := func(k int) int { return vp[k+d+1] }
		k := x - y
		pk := k - 1
		if k == -d || k != d && at(k-1) < at(k+1) {
			pk = k + 1
		}
		px := at(pk)
		py := px - pk
		for x > px && y > py {
			match[x-1] = y - 1
			x, y = x-1, y-1
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		match[x-1] = y - 1
		x, y = x-1, y-1
	}
	return match
}

// agreeRow is one line of the report table.
type agreeRow struct {
	name               string
	ourPages, loPages  int
	ourLines, loLines  int
	same, ours, theirs int
	unmatched          int // our characters the diff could not match
}

func (r agreeRow) agreement() float64 {
	n := max(r.ours, r.theirs)
	if n == 0 {
		return 1
	}
	return float64(r.same) / float64(n)
}

// compareFlows counts the breaks both texts share and describes the first
// few that differ.
func compareFlows(ours, theirs flowText) (row agreeRow, diffs []string) {
	match := align(ours.text, theirs.text)
	isStart := make(map[int]int, len(theirs.starts))
	for i, s := range theirs.starts {
		isStart[s] = i
	}
	row.ourLines, row.loLines = len(ours.starts), len(theirs.starts)
	row.ours, row.theirs = max(len(ours.starts)-1, 0), max(len(theirs.starts)-1, 0)
	for _, j := range match {
		if j < 0 {
			row.unmatched++
		}
	}
	for li, s := range ours.starts {
		if li == 0 {
			continue
		}
		j := match[s]
		if tl, ok := isStart[j]; ok && j >= 0 && tl > 0 {
			row.same++
			continue
		}
		if len(diffs) < 12 {
			end := len(ours.text)
			if li+1 < len(ours.starts) {
				end = ours.starts[li+1]
			}
			prev := string(ours.text[ours.starts[li-1]:s])
			other := "(unmatched)"
			if j >= 0 {
				k := sort.SearchInts(theirs.starts, j+1) - 1
				tEnd := len(theirs.text)
				if k+1 < len(theirs.starts) {
					tEnd = theirs.starts[k+1]
				}
				other = fmt.Sprintf("%s: %s", theirs.where[k], string(theirs.text[theirs.starts[k]:tEnd]))
			}
			diffs = append(diffs, fmt.Sprintf("ours %s: %s / %s\n\t\tLO %s", ours.where[li], prev, string(ours.text[s:end]), other))
		}
	}
	return row, diffs
}

// TestAgreement compares the line breaks and page counts of the DOCX (as
// LibreOffice prints it) with our PDF for every example.
func TestAgreement(t *testing.T) {
	var docs []*loDoc
	minAll, minEach := loAgreeMin, loAgreeMinEach
	if dir := os.Getenv("GEN_AGREE_PDF_DIR"); dir != "" {
		needTools(t)
		minAll, minEach = agreeMin, agreeMinEach
		for _, ex := range examples(t) {
			docs = append(docs, &loDoc{name: ex.name, report: ex.report, example: true, pdf: filepath.Join(dir, ex.name+".pdf")})
		}
	} else {
		docs = libreOffice(t)
	}
	g := geometry(t, "gongwen")
	set, err := fontset.Default()
	if err != nil {
		t.Fatal(err)
	}
	tp := load1(t, "gongwen")
	dir := filepath.Join(work(t), "ours")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var rows []agreeRow
	for _, d := range docs {
		if !d.example {
			continue
		}
		var buf bytes.Buffer
		if _, _, err := pdf.Render(d.report, tp, set, &buf); err != nil {
			t.Fatalf("%s: %v", d.name, err)
		}
		ourPDF := filepath.Join(dir, d.name+".pdf")
		if err := os.WriteFile(ourPDF, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		ours, theirs := readFlow(t, ourPDF, g), readFlow(t, d.pdf, g)
		row, diffs := compareFlows(ours, theirs)
		row.name, row.ourPages, row.loPages = d.name, ours.pages, theirs.pages
		rows = append(rows, row)
		if len(diffs) > 0 && os.Getenv("GEN_AGREE_DEBUG") != "" {
			t.Logf("%s: first breaks that differ:\n\t%s", d.name, strings.Join(diffs, "\n\t"))
		}
	}
	var tab strings.Builder
	fmt.Fprintf(&tab, "\n%-16s %9s %8s %9s %8s %7s %7s %9s\n", "example", "our pages", "LO pages", "our lines", "LO lines", "same", "breaks", "same-break")
	samePages, same, total := 0, 0, 0
	worst := 1.0
	for _, r := range rows {
		if r.ourPages == r.loPages {
			samePages++
		}
		same += r.same
		total += max(r.ours, r.theirs)
		worst = math.Min(worst, r.agreement())
		fmt.Fprintf(&tab, "%-16s %9d %8d %9d %8d %7d %7d %8.1f%%\n", r.name, r.ourPages, r.loPages, r.ourLines, r.loLines, r.same, max(r.ours, r.theirs), 100*r.agreement())
		if r.unmatched > 0 {
			t.Logf("%s: %d of our characters have no counterpart in LibreOffice's text", r.name, r.unmatched)
		}
	}
	overall := 1.0
	if total > 0 {
		overall = float64(same) / float64(total)
	}
	fmt.Fprintf(&tab, "%-16s %9s %8s %9s %8s %7d %7d %8.1f%%  (same page count: %d of %d)", "all", "", "", "", "", same, total, 100*overall, samePages, len(rows))
	t.Log(tab.String())
	if len(rows) < 14 {
		t.Errorf("%d examples compared, want 14", len(rows))
	}
	if samePages < agreeMinPages {
		t.Errorf("page counts agree for %d of %d examples, want at least %d", samePages, len(rows), agreeMinPages)
	}
	if overall < agreeMin || worst < agreeMinEach {
		t.Logf("target not met: %.1f%% overall (target %.0f%%), %.1f%% at worst (target %.0f%%)", 100*overall, 100*agreeMin, 100*worst, 100*agreeMinEach)
	}
	if overall < minAll {
		t.Errorf("overall same-break agreement %.1f%%, want ≥ %.0f%%", 100*overall, 100*minAll)
	}
	for _, r := range rows {
		if r.agreement() < minEach {
			t.Errorf("%s: same-break agreement %.1f%%, want ≥ %.0f%%", r.name, 100*r.agreement(), 100*minEach)
		}
	}
}

// TestAlign: align matches a longest common subsequence, in order.
func TestAlign(t *testing.T) {
	cases := []struct {
		a, b string
		lcs  int
	}{
		{"abcdef", "abcdef", 6}, {"abcdef", "abXdef", 5}, {"abcdef", "acdeXf", 5}, {"", "abc", 0}, {"abc", "", 0},
		{"一二三四五六", "二三四X五六七", 5}, {"aaaa", "aa", 2}, {"abcabba", "cbabac", 4},
	}
	for _, c := range cases {
		a, b := []rune(c.a), []rune(c.b)
		m := align(a, b)
		same, last := 0, -1
		for i, j := range m {
			if j < 0 {
				continue
			}
			if a[i] != b[j] || j <= last {
				t.Errorf("%q/%q: bad match %v", c.a, c.b, m)
				break
			}
			last = j
			same++
		}
		if same != c.lcs {
			t.Errorf("%q/%q: %d characters matched, want %d (%v)", c.a, c.b, same, c.lcs, m)
		}
	}
}
