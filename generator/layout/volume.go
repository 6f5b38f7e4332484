package layout

import (
	"strconv"
	"strings"

	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// CoverOptions are the figures of a volume's cover: the title's size in
// points, its characters per line before it wraps (balanced, as report
// titles), its line pitch and the grid line (from 0) its top sits on; the
// grid line of the issuing body (the date takes the next one).
type CoverOptions struct {
	TitleSize  float64
	TitleChars int
	TitlePitch float64
	TitleLine  int
	IssuerLine int
	Title      string // with the count, e.g. …汇编（14篇）
	Issuer     string
	Date       string // as printed, "" for none
}

// Cover lays out a volume's cover on one page without a page number: the
// title large, centred, broken like a report title; the issuing body and
// the date lower down. It returns the page (its runs of kind KindCover),
// the title's lines and the characters no font has.
func Cover(l *tmpl.Layout, m Measurer, opt CoverOptions) (Page, []string, []MissingGlyph) {
	cl := *l
	cl.Sizes.Title = opt.TitleSize
	cl.Grid.LinePitchPt = opt.TitlePitch
	cl.Title.MaxCharsPerLine = opt.TitleChars
	cl.Title.BlankLinesAfter = 0
	cl.PageNumber.FirstPage = false
	el := model.Element{Kind: model.ElTitle, Spans: []model.Span{{Text: opt.Title, Role: model.RoleTitle}}}
	td := Layout([]model.Element{el}, &cl, m, Options{})
	var pg Page
	dy := float64(opt.TitleLine) * l.LinePitch()
	lines := td.TitleLines()
	for pi, p := range td.Pages {
		shift := dy + float64(pi)*cl.LinePitch()*float64(cl.LinesPerPage())
		for _, r := range p.Runs {
			if r.Kind != KindTitle {
				continue
			}
			r.Y += shift
			r.Line, r.Elem, r.Kind = -1, -1, KindCover
			pg.Runs = append(pg.Runs, r)
		}
		for _, b := range p.Boxes {
			b.Y += shift
			pg.Boxes = append(pg.Boxes, b)
		}
	}
	missing := td.Missing
	e := frontEngine(l, m)
	line := opt.IssuerLine
	if iss := strings.TrimSpace(opt.Issuer); iss != "" {
		e.centre(iss, model.RoleTitle, l.Sizes.Body, 0, KindCover, line)
		line++
	}
	if opt.Date != "" {
		e.centre(opt.Date, model.RoleBody, l.Sizes.Body, 0, KindCover, line)
	}
	pg.Runs = append(pg.Runs, e.page.Runs...)
	pg.Boxes = append(pg.Boxes, e.page.Boxes...)
	return pg, lines, append(missing, e.missing...)
}

// ContentsEntry is one line of a volume's table of contents: the title as
// listed and the printed number of the report's first page; Target is the
// index of that page among the volume's pages (for the link).
type ContentsEntry struct {
	Title  string
	Page   int
	Target int
}

// ContentsOptions are the figures of the table of contents: its heading
// (目录), the width kept free at the right for the dot leaders and page
// numbers and the indent of wrapped lines, both in grid characters; First
// is the index the first contents page will have in the volume.
type ContentsOptions struct {
	Heading     string
	NumberChars int
	HangChars   int
	First       int
}

// Contents lays out the table of contents: the heading centred on the
// first line (a two- or three-character heading spaced out, 目　录), a
// blank line, then one entry per report on the grid: the title in the body
// face (wrapped lines indented, 避头尾 kept), dot leaders and the page
// number flush right; an entry never splits across pages. It returns the
// pages (runs of kind KindContents), a link per entry to its report and
// the characters no font has.
func Contents(l *tmpl.Layout, m Measurer, entries []ContentsEntry, opt ContentsOptions) ([]Page, []Link, []MissingGlyph) {
	e := frontEngine(l, m)
	size := l.Sizes.Body
	hsize := l.Sizes.Title
	htc := 0.0
	if n := len([]rune(opt.Heading)); n > 1 && n <= 3 {
		htc = hsize // 目　录: one character's space between
	}
	e.centre(opt.Heading, model.RoleTitle, hsize, htc, KindContents, 0)
	line := 2
	numW := 0.0
	for _, en := range entries {
		numW = max(numW, natWidth(e.shapeText(model.RoleBody, size, strconv.Itoa(en.Page))))
	}
	gap := size / 4
	leaderEnd := e.left + e.width - numW - gap
	dots := e.shapeText(model.RoleBody, size, "…")
	col := e.width - float64(opt.NumberChars)*e.cpitch
	hang := float64(opt.HangChars) * e.cpitch
	var links []Link
	for _, en := range entries {
		gs := e.shapeText(model.RoleBody, size, en.Title)
		br := breakLines(gs, runes(gs), col, col-hang, 1)
		if line > 0 && line+len(br) > e.n {
			e.newPage()
			line = 0
		}
		end := e.left
		for k, ln := range br {
			x := e.left
			if k > 0 {
				x += hang
			}
			end = e.emit(gs[ln.start:ln.end], x, e.baseline(line+k, model.RoleBody, size), size, 0, KindContents, line+k)
		}
		last := line + len(br) - 1
		y := e.baseline(last, model.RoleBody, size)
		if len(dots) == 1 && !dots[0].missing && dots[0].adv > 0 {
			if n := int((leaderEnd - end - gap) / dots[0].adv); n > 0 {
				ds := make([]glyph, n)
				for i := range ds {
					ds[i] = dots[0]
				}
				e.emit(ds, leaderEnd-float64(n)*dots[0].adv, y, size, 0, KindContents, last)
			}
		}
		num := e.shapeText(model.RoleBody, size, strconv.Itoa(en.Page))
		e.emit(num, e.left+e.width-natWidth(num), y, size, 0, KindContents, last)
		e.page.Lines = last + 1
		links = append(links, Link{
			Page: opt.First + len(e.doc.Pages) - 1, X: e.left, Y: e.lineTop(line), W: e.width, H: float64(len(br)) * e.pitch,
			Target: en.Target, TargetY: l.Top(),
		})
		line += len(br)
	}
	return e.doc.Pages, links, e.missing
}

// frontEngine is an engine for front matter: pages on the layout's grid,
// runs belonging to no element.
func frontEngine(l *tmpl.Layout, m Measurer) *engine {
	e := gridEngine(l, newCachedMeasurer(m), &Document{Width: l.PageWidth(), Height: l.PageHeight()})
	e.newPage()
	return e
}

// shapeText shapes plain text of one role.
func (e *engine) shapeText(role model.Role, size float64, text string) []glyph {
	return e.shape([]model.Span{{Text: text, Role: role}}, size, false)
}

// centre sets text centred in the text block on grid line i, with tc
// added between characters.
func (e *engine) centre(text string, role model.Role, size, tc float64, kind Kind, i int) {
	gs := e.shapeText(role, size, text)
	w := natWidth(gs)
	if len(gs) > 1 {
		w += tc * float64(len(gs)-1)
	}
	e.emit(gs, e.left+(e.width-w)/2, e.baseline(i, role, size), size, tc, kind, i)
}
