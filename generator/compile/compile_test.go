package compile_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/gongwen/gen/generator/build"
	"github.com/gongwen/gen/generator/compile"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gongwen/gen/internal/testkit"

	"github.com/gongwen/gen/generator/docx"
	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/pdf"
	"github.com/gongwen/gen/generator/tmpl"
)

const manifest = "../../examples/2023/汇编.yaml"

// tool and run find and run a checking tool (see package testkit).
func tool(t testing.TB, name string) string { t.Helper(); return testkit.Path(t, name) }

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	return testkit.Run(t, name, args...)
}

// volume is the bound example volume, written once per mode.
type volume struct {
	book      *compile.Book
	pdf, docx string // paths
	docxBytes []byte
}

var (
	volOnce sync.Once
	vols    map[bool]*volume // by duplex
	volErr  error
	volDir  string
	envSet  *fontset.Set
	envTpl  *tmpl.Template
)

func TestMain(m *testing.M) {
	code := m.Run()
	if volDir != "" {
		os.RemoveAll(volDir)
	}
	os.Exit(code)
}

func env(t testing.TB) (*fontset.Set, *tmpl.Template) {
	t.Helper()
	if envSet == nil {
		set, err := fontset.Default()
		if err != nil {
			t.Fatal(err)
		}
		tp, err := tmpl.Load("gongwen", nil)
		if err != nil {
			t.Fatal(err)
		}
		envSet, envTpl = set, tp
	}
	return envSet, envTpl
}

// examples binds and writes the example volume, simplex and duplex.
func examples(t testing.TB) map[bool]*volume {
	t.Helper()
	set, tp := env(t)
	volOnce.Do(func() {
		volDir, volErr = os.MkdirTemp("", "gen-compile-")
		if volErr != nil {
			return
		}
		vols = map[bool]*volume{}
		for _, duplex := range []bool{false, true} {
			vol, problems, err := build.Collect([]string{manifest}, load.DefaultLimits)
			if err != nil || len(problems) > 0 {
				volErr = fmt.Errorf("collect: %v %v", err, problems)
				return
			}
			b, err := compile.Bind(vol, &tp.Layout, pdf.Measurer(set), compile.Options{Duplex: duplex})
			if err != nil {
				volErr = err
				return
			}
			v := &volume{book: b}
			name := fmt.Sprintf("volume-duplex-%v", duplex)
			v.pdf = filepath.Join(volDir, name+".pdf")
			v.docx = filepath.Join(volDir, name+".docx")
			var pb, db bytes.Buffer
			if volErr = build.WriteVolumePDF(&pb, b, set); volErr != nil {
				return
			}
			if volErr = build.WriteVolumeDOCX(&db, b, tp, docx.Options{}); volErr != nil {
				return
			}
			v.docxBytes = db.Bytes()
			if volErr = os.WriteFile(v.pdf, pb.Bytes(), 0o644); volErr != nil {
				return
			}
			if volErr = os.WriteFile(v.docx, db.Bytes(), 0o644); volErr != nil {
				return
			}
			vols[duplex] = v
		}
	})
	if volErr != nil {
		t.Fatal(volErr)
	}
	return vols
}

func mode(duplex bool) string {
	if duplex {
		return "duplex"
	}
	return "simplex"
}

// TestBindPages checks the page plan without any tool: the page count is
// cover + contents + the reports' own page counts (+ blanks), numbers run
// through the volume from 1, reports start on odd pages with --duplex, and
// the front matter and blank pages print no number.
func TestBindPages(t *testing.T) {
	set, tp := env(t)
	for duplex, v := range examples(t) {
		b := v.book
		if len(b.Parts) != 14 {
			t.Fatalf("%s: %d parts, want 14", mode(duplex), len(b.Parts))
		}
		own, blanks := 0, 0
		for _, p := range b.Parts {
			alone := layout.Layout(p.Report.Elements(), &tp.Layout, pdf.Measurer(set), layout.Options{})
			if p.Pages != len(alone.Pages) {
				t.Errorf("%s: %s has %d pages in the volume, %d alone", mode(duplex), p.Title, p.Pages, len(alone.Pages))
			}
			own += len(alone.Pages)
			if p.BlankBefore {
				blanks++
			}
			if duplex && p.FirstPage%2 != 1 {
				t.Errorf("duplex: %s starts on page %d", p.Title, p.FirstPage)
			}
			if b.Physical(p.FirstPage) != p.Index+1 {
				t.Errorf("%s: %s: printed %d ↦ physical %d, but its first page is %d", mode(duplex), p.Title, p.FirstPage, b.Physical(p.FirstPage), p.Index+1)
			}
		}
		front := b.CoverPages + b.ContentsPages
		want := front + own + blanks
		if got := len(b.Doc.Pages); got != want {
			t.Errorf("%s: %d pages, want %d = %d front + %d own + %d blank", mode(duplex), got, want, front, own, blanks)
		}
		if !duplex && blanks != 0 {
			t.Errorf("simplex: %d blank pages", blanks)
		}
		if duplex && (b.CoverPages%2 != 0 || b.ContentsPages%2 != 0) {
			t.Errorf("duplex: cover %d and contents %d pages should be even", b.CoverPages, b.ContentsPages)
		}
		for i, pg := range b.Doc.Pages {
			hasNum := false
			for _, r := range pg.Runs {
				hasNum = hasNum || r.Kind == layout.KindPageNum
			}
			if i < front {
				if hasNum {
					t.Errorf("%s: front page %d has a page number", mode(duplex), i+1)
				}
				continue
			}
			if n := i - front + 1; pg.Number != n {
				t.Errorf("%s: page %d is numbered %d, want %d", mode(duplex), i+1, pg.Number, n)
			}
			if len(pg.Runs) == 0 && hasNum {
				t.Errorf("%s: blank page %d has a number", mode(duplex), i+1)
			}
		}
		t.Logf("%s: %d pages: cover %d, contents %d, reports %d, blank %d", mode(duplex), len(b.Doc.Pages), b.CoverPages, b.ContentsPages, own, blanks)
	}
}

// tocEntry is one line of the contents as pdftotext reads it.
type tocEntry struct {
	title string
	page  int
}

var tocLine = regexp.MustCompile(`^(.+?)\s*[…·.]{2,}\s*(\d+)\s*$`)

func squash(s string) string { return strings.Join(strings.Fields(s), "") }

var pageNumRe = regexp.MustCompile(`—\s*\d+\s*—`)

// TestVolumePDFContents reads the PDF back with poppler: the contents'
// page numbers are the pages where each report's title is printed
// (printed number ↦ physical page: + cover and contents pages), blank
// pages of the duplex volume have no text and the page count is right.
func TestVolumePDFContents(t *testing.T) {
	for duplex, v := range examples(t) {
		b := v.book
		info := run(t, "pdfinfo", v.pdf)
		if !strings.Contains(info, fmt.Sprintf("Pages:           %d\n", len(b.Doc.Pages))) {
			t.Errorf("%s: pdfinfo:\n%s", mode(duplex), info)
		}
		if !strings.Contains(info, "Title:           "+b.Volume.FullTitle()) {
			t.Errorf("%s: document title missing:\n%s", mode(duplex), info)
		}
		front := b.CoverPages + b.ContentsPages
		var entries []tocEntry
		for p := b.CoverPages + 1; p <= front; p++ {
			out := run(t, "pdftotext", "-layout", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-enc", "UTF-8", v.pdf, "-")
			for _, line := range strings.Split(out, "\n") {
				if m := tocLine.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
					n, _ := strconv.Atoi(m[2])
					entries = append(entries, tocEntry{squash(m[1]), n})
				}
			}
		}
		if len(entries) != len(b.Parts) {
			t.Fatalf("%s: %d contents entries, want %d: %v", mode(duplex), len(entries), len(b.Parts), entries)
		}
		pages := strings.Split(run(t, "pdftotext", "-enc", "UTF-8", v.pdf, "-"), "\f")
		for i, e := range entries {
			want := squash(b.Parts[i].Title)
			if e.title != want {
				t.Errorf("%s: entry %d is %q, want %q", mode(duplex), i+1, e.title, want)
			}
			phys := front + e.page // 1-based
			if phys > len(pages) {
				t.Errorf("%s: %q on page %d, past the end", mode(duplex), want, e.page)
				continue
			}
			text := squash(pages[phys-1])
			if !strings.HasPrefix(text, want) {
				t.Errorf("%s: %q: the contents say page %d (PDF page %d), which starts %q", mode(duplex), want, e.page, phys, clip(text))
			}
			if !strings.Contains(text, fmt.Sprintf("—%d—", e.page)) {
				t.Errorf("%s: PDF page %d does not print — %d —", mode(duplex), phys, e.page)
			}
			if prev := squash(pages[phys-2]); strings.Contains(prev, want) && phys-1 > front {
				t.Errorf("%s: %q also on the page before its entry's page", mode(duplex), want)
			}
		}
		for i, pg := range b.Doc.Pages {
			if len(pg.Runs) == 0 && i > 0 && strings.TrimSpace(pages[i]) != "" {
				t.Errorf("%s: blank page %d has text %q", mode(duplex), i+1, clip(pages[i]))
			}
		}
		for i := 0; i < b.CoverPages; i++ {
			if strings.ContainsAny(pages[i], "—") {
				t.Errorf("%s: cover page %d has a page number: %q", mode(duplex), i+1, pages[i])
			}
		}
		t.Logf("%s: %d entries match the pages where pdftotext finds the titles", mode(duplex), len(entries))
	}
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// qpdfOutline reads the PDF's bookmark tree with qpdf --json.
func qpdfOutline(t *testing.T, path string) []outlineItem {
	out := run(t, "qpdf", "--json", "--json-key=outlines", path)
	var j struct {
		Outlines []outlineItem `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("qpdf json: %v", err)
	}
	return j.Outlines
}

type outlineItem struct {
	Title   string        `json:"title"`
	DestPg  int           `json:"destpageposfrom1"`
	Kids    []outlineItem `json:"kids"`
	Dest    any           `json:"dest"`
	RawKids []any         `json:"-"`
}

// TestVolumePDFOutline checks the bookmarks with qpdf: one per report with
// its first-level headings as children, pointing to the right pages, and
// links from the contents to every report.
func TestVolumePDFOutline(t *testing.T) {
	for duplex, v := range examples(t) {
		b := v.book
		items := qpdfOutline(t, v.pdf)
		if len(items) != len(b.Parts) {
			t.Fatalf("%s: %d top-level bookmarks, want %d", mode(duplex), len(items), len(b.Parts))
		}
		total, headings := 0, 0
		for i, it := range items {
			p := b.Parts[i]
			total++
			if it.Title != p.Title {
				t.Errorf("%s: bookmark %d is %q, want %q", mode(duplex), i+1, it.Title, p.Title)
			}
			if it.DestPg != p.Index+1 {
				t.Errorf("%s: bookmark %q goes to page %d, want %d", mode(duplex), it.Title, it.DestPg, p.Index+1)
			}
			want := 0
			for _, o := range b.Doc.Outline {
				if o.Level == 2 && o.Page >= p.Index && o.Page < p.Index+p.Pages {
					want++
				}
			}
			if len(it.Kids) != want {
				t.Errorf("%s: %q has %d child bookmarks, want %d", mode(duplex), it.Title, len(it.Kids), want)
			}
			for _, k := range it.Kids {
				total++
				headings++
				if len(k.Kids) != 0 {
					t.Errorf("%s: heading bookmark %q has children", mode(duplex), k.Title)
				}
				if k.DestPg < p.Index+1 || k.DestPg > p.Index+p.Pages {
					t.Errorf("%s: heading %q goes to page %d, outside its report (%d–%d)", mode(duplex), k.Title, k.DestPg, p.Index+1, p.Index+p.Pages)
				}
			}
		}
		if total != len(b.Doc.Outline) {
			t.Errorf("%s: %d bookmarks, the layout has %d", mode(duplex), total, len(b.Doc.Outline))
		}
		t.Logf("%s: %d bookmarks = %d reports + %d first-level headings", mode(duplex), total, len(items), headings)

		// internal links: one per entry, in order, each to its report's
		// first page
		got := pdfLinks(t, v.pdf)
		if len(got) != len(b.Parts) {
			t.Errorf("%s: %d internal links, want %d", mode(duplex), len(got), len(b.Parts))
		}
		for i := range min(len(got), len(b.Parts)) {
			if got[i] != b.Parts[i].Index+1 {
				t.Errorf("%s: link %d goes to page %d, want %d", mode(duplex), i+1, got[i], b.Parts[i].Index+1)
			}
		}
	}
}

// pdfLinks lists the target pages (1-based) of the link annotations of all
// pages, in page and annotation order, read with qpdf --json.
func pdfLinks(t *testing.T, path string) []int {
	out := run(t, "qpdf", "--json", "--json-key=pages", "--json-key=qpdf", path)
	var j struct {
		Pages []struct {
			Object string `json:"object"`
			Pos    int    `json:"pageposfrom1"`
		} `json:"pages"`
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil || len(j.QPDF) < 2 {
		t.Fatalf("qpdf json: %v", err)
	}
	var objs map[string]struct {
		Value map[string]any `json:"value"`
	}
	if err := json.Unmarshal(j.QPDF[1], &objs); err != nil {
		t.Fatalf("qpdf json objects: %v", err)
	}
	pos := map[string]int{}
	for _, p := range j.Pages {
		pos[p.Object] = p.Pos
	}
	var targets []int
	for _, p := range j.Pages {
		annots, _ := objs["obj:"+p.Object].Value["/Annots"].([]any)
		for _, a := range annots {
			ref, _ := a.(string)
			an := objs["obj:"+ref].Value
			if an["/Subtype"] != "/Link" {
				continue
			}
			dest, _ := an["/Dest"].([]any)
			if len(dest) == 0 {
				t.Errorf("link %s without /Dest", ref)
				continue
			}
			page, _ := dest[0].(string)
			targets = append(targets, pos[page])
		}
	}
	return targets
}

// TestVolumeDOCX checks the DOCX volume's structure: it passes
// docx.Verify, has a TOC field pre-filled with every title and the PDF's
// page numbers, one section per report after the cover and the contents,
// numbering restarted once, odd-page starts with --duplex.
func TestVolumeDOCX(t *testing.T) {
	for duplex, v := range examples(t) {
		b := v.book
		if err := docx.Verify(v.docxBytes); err != nil {
			t.Fatalf("%s: Verify: %v", mode(duplex), err)
		}
		doc := documentXML(t, v.docxBytes)
		if !strings.Contains(doc, `TOC \h \z \t &quot;`+docx.StyleTitleName+`,1&quot;`) {
			t.Errorf("%s: no TOC field", mode(duplex))
		}
		for i, p := range b.Parts {
			anchor := fmt.Sprintf("_TocGen%03d", i+1)
			entry := fmt.Sprintf(`PAGEREF %s \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>%d</w:t>`, anchor, p.FirstPage)
			if !strings.Contains(doc, entry) {
				t.Errorf("%s: no pre-filled entry for %s page %d", mode(duplex), p.Title, p.FirstPage)
			}
			if !strings.Contains(doc, `w:name="`+anchor+`"/>`) {
				t.Errorf("%s: no bookmark %s", mode(duplex), anchor)
			}
		}
		if n := strings.Count(doc, "<w:sectPr"); n != 2+len(b.Parts) {
			t.Errorf("%s: %d sections, want %d", mode(duplex), n, 2+len(b.Parts))
		}
		if n := strings.Count(doc, `w:start="1"`); n != 1 {
			t.Errorf("%s: page numbering restarts %d times, want once", mode(duplex), n)
		}
		odd := strings.Count(doc, `<w:type w:val="oddPage"/>`)
		if duplex && odd != 1+len(b.Parts) || !duplex && odd != 0 {
			t.Errorf("%s: %d odd-page sections", mode(duplex), odd)
		}
		if n := strings.Count(doc, `<w:outlineLvl w:val="0"/>`); n < len(b.Parts) {
			t.Errorf("%s: %d paragraphs at outline level 0, want at least %d titles", mode(duplex), n, len(b.Parts))
		}
	}
}

// TestVolumeLibreOffice converts the DOCX volumes with LibreOffice: they
// open, the contents entries and every title are in the text, and each
// title is printed on the page its pre-filled entry gives (LibreOffice's
// line breaks could differ slightly from the PDF's; they do not here).
func TestVolumeLibreOffice(t *testing.T) {
	needLO(t)
	for _, duplex := range []bool{false, true} {
		v := examples(t)[duplex]
		b := v.book
		pages := convertLO(t, v.docxBytes)
		all := squash(strings.Join(pages, ""))
		front := squash(strings.Join(pages[:min(b.CoverPages+b.ContentsPages, len(pages))], ""))
		if !strings.HasPrefix(front, squash(b.Volume.FullTitle())) {
			t.Errorf("%s: the cover does not start with the title: %q", mode(duplex), clip(front))
		}
		for _, p := range b.Parts {
			entry := squash(p.Title)
			if !strings.Contains(front, entry) {
				t.Errorf("%s: contents entry %q missing from the front pages", mode(duplex), p.Title)
			}
			if strings.Count(all, entry) < 2 {
				t.Errorf("%s: %q appears %d times, want the entry and the title", mode(duplex), p.Title, strings.Count(all, entry))
			}
		}
		// LibreOffice's PDF export leaves out the blank pages it inserts
		// for odd-page sections, so titles are found by their text and
		// their pages by the printed number.
		blanks := 0
		for _, pg := range b.Doc.Pages {
			if len(pg.Runs) == 0 && len(pg.Boxes) == 0 {
				blanks++
			}
		}
		if len(pages) != len(b.Doc.Pages)-blanks {
			t.Errorf("%s: LibreOffice made %d pages, the PDF has %d with %d inserted blanks", mode(duplex), len(pages), len(b.Doc.Pages), blanks)
		}
		same, from := 0, b.CoverPages
		for _, p := range b.Parts {
			at := -1
			for i := from; i < len(pages); i++ {
				if strings.HasPrefix(squash(pages[i]), squash(p.Title)) {
					at = i
					break
				}
			}
			if at < 0 {
				t.Errorf("%s: no page starts with %q", mode(duplex), p.Title)
				continue
			}
			from = at + 1
			if strings.Contains(squash(pages[at]), fmt.Sprintf("—%d—", p.FirstPage)) {
				same++
			} else {
				t.Errorf("%s: %q: the contents say page %d, LibreOffice prints %q", mode(duplex), p.Title, p.FirstPage, pageNumRe.FindString(pages[at]))
			}
		}
		t.Logf("%s: LibreOffice: %d pages (PDF %d); %d of %d titles on the page the contents give", mode(duplex), len(pages), len(b.Doc.Pages), same, len(b.Parts))
	}
}

func documentXML(t *testing.T, b []byte) string {
	t.Helper()
	s, err := docxPart(b, "word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// BenchmarkVolume binds the example volume and writes its PDF and DOCX.
func BenchmarkVolume(b *testing.B) {
	set, tp := env(b)
	for i := 0; i < b.N; i++ {
		vol, _, err := build.Collect([]string{manifest}, load.DefaultLimits)
		if err != nil {
			b.Fatal(err)
		}
		bk, err := compile.Bind(vol, &tp.Layout, pdf.Measurer(set), compile.Options{})
		if err != nil {
			b.Fatal(err)
		}
		var pb, db bytes.Buffer
		if err := build.WriteVolumePDF(&pb, bk, set); err != nil {
			b.Fatal(err)
		}
		if err := build.WriteVolumeDOCX(&db, bk, tp, docx.Options{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(pb.Len())/1e6, "pdfMB")
	}
}
