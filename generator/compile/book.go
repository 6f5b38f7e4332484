package compile

import (
	"errors"
	"runtime"
	"strings"
	"sync"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// Options tune how a volume is bound. The zero value gives the defaults.
type Options struct {
	// Duplex prepares the volume for two-sided printing: the table of
	// contents and every report start on an odd (right-hand) page, with a
	// blank page without a number inserted where needed.
	Duplex bool
	// Cover title: size in points (default 26, 一号), at most this many
	// characters a line before it wraps, balanced (default 15), line pitch
	// in points (default 40), and the grid line its top sits on (default 4,
	// counted from 0 at the top of the text block).
	CoverTitleSize  float64
	CoverTitleChars int
	CoverTitlePitch float64
	CoverTitleLine  int
	// CoverIssuerLine is the grid line of the issuing body on the cover; the
	// date takes the next one (default 16).
	CoverIssuerLine int
	// Contents is the heading of the table of contents (default 目录).
	Contents string
	// NumberChars is the width, in grid characters, kept free at the right
	// of the table of contents for the dot leaders and page numbers
	// (default 4); wrapped lines of a long title are indented by HangChars
	// (default 2).
	NumberChars int
	HangChars   int
}

func (o Options) withDefaults() Options {
	def := func(v *float64, d float64) {
		if *v <= 0 {
			*v = d
		}
	}
	defInt := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.CoverTitleSize, 26)
	def(&o.CoverTitlePitch, 40)
	defInt(&o.CoverTitleChars, 15)
	defInt(&o.CoverTitleLine, 4)
	defInt(&o.CoverIssuerLine, 16)
	defInt(&o.NumberChars, 4)
	defInt(&o.HangChars, 2)
	if o.Contents == "" {
		o.Contents = "目录"
	}
	return o
}

// Book is a laid-out volume: every page of the PDF (cover, contents,
// reports, blank pages), where each report starts, the links of the
// contents and what the DOCX needs to match the PDF.
type Book struct {
	Volume *Volume
	// Doc holds all pages; its outline has one level-1 entry per report and
	// the report's first-level headings at level 2.
	Doc *layout.Document
	// Parts are the reports in order, with their page numbers.
	Parts []Part
	// CoverPages and ContentsPages count the pages before the first report
	// (blank pages for duplex printing included).
	CoverPages, ContentsPages int
	// CoverTitle is the cover title as broken into lines.
	CoverTitle []string
	// Links make the contents entries jump to their reports (also in
	// Doc.Links).
	Links []layout.Link
	// Warnings are characters no font has (printed as boxes), with their
	// source positions.
	Warnings diag.List
	// Options are the options it was bound with (defaults filled in),
	// Pitch the grid's line pitch.
	Options Options
	Pitch   float64
}

// Part is one report of a book.
type Part struct {
	Entry
	// Title is the title as listed in the contents.
	Title string
	// FirstPage is the printed number of its first page.
	FirstPage int
	// Index is the 0-based index of its first page in Book.Doc.Pages.
	Index int
	// Pages is the number of its own pages.
	Pages int
	// BlankBefore tells that a blank page precedes it (duplex).
	BlankBefore bool
	// Doc is the report laid out on its own (its pages are in Book.Doc):
	// the DOCX takes its decisions from it.
	Doc *layout.Document
}

// Physical returns the 1-based page of the PDF that carries the printed
// page number n (n ≥ 1): reports are numbered from 1 after the front matter.
func (b *Book) Physical(n int) int { return b.CoverPages + b.ContentsPages + n }

// ErrEmpty is returned when a volume has no report.
var ErrEmpty = errors.New("汇编中没有报告（the volume has no reports）")

// Bind lays out a volume with the template layout l and the measurer m
// (the PDF's fonts): the reports one by one with page numbers
// running through the volume (the first report page is 1), then the cover
// and the contents with the real page numbers.
func Bind(vol *Volume, l *tmpl.Layout, m layout.Measurer, opt Options) (*Book, error) {
	if vol == nil || len(vol.Entries) == 0 {
		return nil, ErrEmpty
	}
	opt = opt.withDefaults()
	b := &Book{Volume: vol, Options: opt, Pitch: l.LinePitch()}
	doc := &layout.Document{Width: l.PageWidth(), Height: l.PageHeight(), BoldStroke: l.Body.SyntheticBoldPt}

	// The reports, laid out at the same time (on every core) without page
	// numbers, which depend only on where each one starts; then numbered
	// in order. Only their pages are kept.
	laid := layoutAll(vol.Entries, l, m)
	var body []layout.Page
	var outline []layout.OutlineEntry
	next := 1
	for i, e := range vol.Entries {
		p := Part{Entry: e, Title: listTitle(e.Report)}
		if opt.Duplex && next%2 == 0 {
			body = append(body, layout.Page{Number: next})
			next++
			p.BlankBefore = true
		}
		rd := laid[i]
		layout.Number(rd, l, m, next)
		p.FirstPage, p.Index, p.Pages = next, len(body), len(rd.Pages)
		outline = append(outline, layout.OutlineEntry{Level: 1, Title: p.Title, Page: p.Index, Y: l.Top()})
		for _, o := range rd.Outline {
			o.Level++
			o.Page += p.Index
			outline = append(outline, o)
		}
		b.warn(rd.Missing)
		p.Doc = rd
		body = append(body, rd.Pages...)
		next += len(rd.Pages)
		b.Parts = append(b.Parts, p)
	}

	// The front matter, laid out by package layout: the cover, then the
	// contents.
	date := ""
	if vol.Date != nil {
		date = vol.Date.Format()
	}
	cover, lines, miss := layout.Cover(l, m, layout.CoverOptions{
		TitleSize: opt.CoverTitleSize, TitleChars: opt.CoverTitleChars, TitlePitch: opt.CoverTitlePitch,
		TitleLine: opt.CoverTitleLine, IssuerLine: opt.CoverIssuerLine,
		Title: vol.FullTitle(), Issuer: vol.Issuer, Date: date,
	})
	b.warn(miss)
	b.CoverTitle = lines
	front := []layout.Page{cover}
	if opt.Duplex {
		front = append(front, layout.Page{})
	}
	b.CoverPages = len(front)
	entries := make([]layout.ContentsEntry, len(b.Parts))
	for i, p := range b.Parts {
		entries[i] = layout.ContentsEntry{Title: p.Title, Page: p.FirstPage, Target: p.Index}
	}
	toc, links, miss := layout.Contents(l, m, entries, layout.ContentsOptions{
		Heading: opt.Contents, NumberChars: opt.NumberChars, HangChars: opt.HangChars, First: len(front),
	})
	b.warn(miss)
	front = append(front, toc...)
	if opt.Duplex && len(toc)%2 == 1 {
		front = append(front, layout.Page{})
	}
	b.ContentsPages = len(front) - b.CoverPages
	for i := range b.Parts {
		b.Parts[i].Index += len(front)
	}
	for i := range outline {
		outline[i].Page += len(front)
	}
	for i := range links {
		links[i].Target += len(front)
	}
	doc.Pages = append(front, body...)
	doc.Outline = outline
	doc.Links = links
	b.Doc, b.Links = doc, links
	return b, nil
}

// warn records characters no font has as warnings.
func (b *Book) warn(ms []layout.MissingGlyph) {
	for _, mg := range ms {
		b.Warnings = append(b.Warnings, diag.Warn(mg.Pos, "missing-glyph", string(mg.Rune), mg.Rune))
	}
}

// listTitle is a report's title as the contents lists it: on one line.
func listTitle(r *model.Report) string {
	r.Resolve()
	return strings.NewReplacer("\r", "", "\n", "", "\t", " ").Replace(strings.TrimSpace(r.Title.Value))
}

// layoutAll lays out every entry's report, unnumbered (layout.Options.
// Unnumbered), on as many goroutines as there are cores; the layouts are
// independent and layout is pure. The measurer must be safe for concurrent
// use (the PDF's is).
func layoutAll(entries []Entry, l *tmpl.Layout, m layout.Measurer) []*layout.Document {
	out := make([]*layout.Document, len(entries))
	next := make(chan int)
	var wg sync.WaitGroup
	var once sync.Once
	var crash any
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(entries)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				// a panic goes to the caller's goroutine (and its recover)
				if p := recover(); p != nil {
					once.Do(func() { crash = p })
					for range next { // let the feeder finish
					}
				}
			}()
			for i := range next {
				out[i] = layout.Layout(entries[i].Report.Elements(), l, m, layout.Options{Unnumbered: true})
			}
		}()
	}
	for i := range entries {
		next <- i
	}
	close(next)
	wg.Wait()
	if crash != nil {
		panic(crash)
	}
	return out
}
