package compile

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/pdf"
	"github.com/gongwen/gen/generator/tmpl"
)

// setter sets the front matter (cover and contents) on the text block's
// grid, measuring with the same fonts as the reports.
type setter struct {
	l       *tmpl.Layout
	m       layout.Measurer
	missing diag.List
}

func newSetter(l *tmpl.Layout, m layout.Measurer) *setter { return &setter{l: l, m: m} }

// glyph is one character of front-matter text.
type glyph struct {
	r    rune
	face string
	adv  float64 // points
	ok   bool
}

// shape resolves every character of text through role's font chain.
func (s *setter) shape(role model.Role, size float64, text string) []glyph {
	gs := make([]glyph, 0, len(text))
	for _, r := range text {
		face, adv, ok := s.m.Glyph(role, r)
		g := glyph{r: r, face: face, adv: adv * size, ok: ok}
		if !ok {
			g.adv = size
			s.missing = append(s.missing, diag.Warn(model.Pos{}, "missing-glyph", string(r), r))
		}
		gs = append(gs, g)
	}
	return gs
}

// advance is the width of gs with tc added after every glyph but the last.
func advance(gs []glyph, tc float64) float64 {
	w := 0.0
	for _, g := range gs {
		w += g.adv
	}
	if len(gs) > 1 {
		w += tc * float64(len(gs)-1)
	}
	return w
}

// lineTop is the y of the top of grid line i.
func (s *setter) lineTop(i int) float64 { return s.l.Top() + float64(i)*s.l.LinePitch() }

// baseline puts text of role at size on grid line i, its glyph boxes
// starting at the line's top (as layout does).
func (s *setter) baseline(i int, role model.Role, size float64) float64 {
	return s.lineTop(i) + s.m.Ascent(role)*size
}

// put draws gs from x on baseline y, one run per face; a character no face
// has becomes a box. It returns the x after the last glyph.
func (s *setter) put(pg *layout.Page, gs []glyph, role model.Role, x, y, size, tc float64, kind layout.Kind, line int) float64 {
	for i := 0; i < len(gs); {
		g := gs[i]
		if !g.ok {
			pg.Boxes = append(pg.Boxes, layout.Box{X: x + 0.1*size, Y: y - 0.8*size, W: 0.8 * size, H: 0.9 * size, Rune: g.r})
			x += g.adv + tc
			i++
			continue
		}
		j, w := i, 0.0
		var text strings.Builder
		for j < len(gs) && gs[j].ok && gs[j].face == g.face {
			w += gs[j].adv + tc
			text.WriteRune(gs[j].r)
			j++
		}
		pg.Runs = append(pg.Runs, layout.Run{X: x, Y: y, Size: size, Role: role, Face: g.face, Text: text.String(),
			CharSpacing: tc, Width: w, Kind: kind, Line: line})
		x += w
		i = j
	}
	return x
}

// centre draws gs centred in the text block on grid line i.
func (s *setter) centre(pg *layout.Page, text string, role model.Role, size, tc float64, kind layout.Kind, i int) {
	gs := s.shape(role, size, text)
	x := s.l.Left() + (s.l.TextWidth()-advance(gs, tc))/2
	s.put(pg, gs, role, x, s.baseline(i, role, size), size, tc, kind, i)
}

// cover sets the cover: the title with the count, large, centred and
// balanced when it wraps (the layout engine's title breaking), then the
// issuing body and the date lower on the page. No page number. It returns
// the page and the title's lines.
func (s *setter) cover(vol *Volume, opt Options) (layout.Page, []string) {
	cl := *s.l
	cl.Sizes.Title = opt.CoverTitleSize
	cl.Grid.LinePitchPt = opt.CoverTitlePitch
	cl.Title.MaxCharsPerLine = opt.CoverTitleChars
	cl.Title.BlankLinesAfter = 0
	cl.PageNumber.FirstPage = false
	el := model.Element{Kind: model.ElTitle, Spans: []model.Span{{Text: vol.FullTitle(), Role: model.RoleTitle}}}
	td := layout.Layout([]model.Element{el}, &cl, s.m, layout.Options{})
	var pg layout.Page
	dy := s.lineTop(opt.CoverTitleLine) - s.l.Top()
	var lines []string
	lineOf := map[int]int{}
	for pi, p := range td.Pages {
		shift := dy + float64(pi)*cl.LinePitch()*float64(cl.LinesPerPage())
		for _, r := range p.Runs {
			if r.Kind != layout.KindTitle {
				continue
			}
			r.Y += shift
			key := pi*1000 + r.Line
			if k, ok := lineOf[key]; ok {
				lines[k] += r.Text
			} else {
				lineOf[key] = len(lines)
				lines = append(lines, r.Text)
			}
			r.Line = -1
			pg.Runs = append(pg.Runs, r)
		}
		for _, b := range p.Boxes {
			b.Y += shift
			pg.Boxes = append(pg.Boxes, b)
		}
	}
	for _, mg := range td.Missing {
		s.missing = append(s.missing, diag.Warn(mg.Pos, "missing-glyph", string(mg.Rune), mg.Rune))
	}
	size := s.l.Sizes.Body
	line := opt.CoverIssuerLine
	if iss := strings.TrimSpace(vol.Issuer); iss != "" {
		s.centre(&pg, iss, model.RoleTitle, size, 0, layout.KindSignature, line)
		line++
	}
	if vol.Date != nil {
		s.centre(&pg, vol.Date.Format(), model.RoleBody, size, 0, layout.KindDate, line)
	}
	return pg, lines
}

// contents sets the table of contents: the heading centred on the first
// line, a blank line, then one entry per report on the grid: the title in
// the body face (wrapped lines indented), dot leaders drawn as glyphs and
// the printed page number flush right. An entry never splits across pages.
// first is the index the first contents page will have; the links' targets
// are indexes among the report pages (Part.Index before the front matter
// is known).
func (s *setter) contents(parts []Part, opt Options, first int) ([]layout.Page, []pdf.Link) {
	l := s.l
	left, width, cp := l.Left(), l.TextWidth(), l.CharPitch()
	size := l.Sizes.Body
	perPage := l.LinesPerPage()
	pages := []layout.Page{{}}
	pg := &pages[0]
	hsize := l.Sizes.Title
	htc := 0.0
	if n := len([]rune(opt.Contents)); n > 1 && n <= 3 {
		htc = hsize // 目　录: one character's space between
	}
	s.centre(pg, opt.Contents, model.RoleTitle, hsize, htc, layout.KindHeading, 0)
	line := 2

	numW := 0.0
	for _, p := range parts {
		numW = max(numW, advance(s.shape(model.RoleBody, size, strconv.Itoa(p.FirstPage)), 0))
	}
	gap := size / 4
	leaderEnd := left + width - numW - gap
	dot := s.shape(model.RoleBody, size, "…")[0]
	col := width - float64(opt.NumberChars)*cp
	hang := float64(opt.HangChars) * cp
	var links []pdf.Link
	for _, p := range parts {
		gs := s.shape(model.RoleBody, size, p.Title)
		br := breakEntry(gs, col, col-hang)
		if line > 0 && line+len(br) > perPage {
			pages = append(pages, layout.Page{})
			pg = &pages[len(pages)-1]
			line = 0
		}
		end := left
		for k, ln := range br {
			x := left
			if k > 0 {
				x += hang
			}
			end = s.put(pg, gs[ln[0]:ln[1]], model.RoleBody, x, s.baseline(line+k, model.RoleBody, size), size, 0, layout.KindBody, line+k)
		}
		last := line + len(br) - 1
		y := s.baseline(last, model.RoleBody, size)
		if dot.ok && dot.adv > 0 {
			if n := int((leaderEnd - end - gap) / dot.adv); n > 0 {
				ds := make([]glyph, n)
				for i := range ds {
					ds[i] = dot
				}
				s.put(pg, ds, model.RoleBody, leaderEnd-float64(n)*dot.adv, y, size, 0, layout.KindBody, last)
			}
		}
		num := s.shape(model.RoleBody, size, strconv.Itoa(p.FirstPage))
		s.put(pg, num, model.RoleBody, left+width-advance(num, 0), y, size, 0, layout.KindBody, last)
		pg.Lines = last + 1
		links = append(links, pdf.Link{
			Page: first + len(pages) - 1, X: left, Y: s.lineTop(line), W: width, H: float64(len(br)) * l.LinePitch(),
			Target: p.Index, TargetY: l.Top(),
		})
		line += len(br)
	}
	return pages, links
}

// breakEntry breaks a contents title into lines no wider than firstW (the
// first) and restW (the others), greedily, keeping 避头尾 (no closing
// punctuation at a line start, no opening one at a line end) and runs of
// digits and Latin letters whole. It returns [start,end) glyph ranges.
func breakEntry(gs []glyph, firstW, restW float64) [][2]int {
	var out [][2]int
	start := 0
	for start < len(gs) {
		avail := firstW
		if len(out) > 0 {
			avail = restW
		}
		w, end := 0.0, start
		for end < len(gs) && (end == start || w+gs[end].adv <= avail+1e-6) {
			w += gs[end].adv
			end++
		}
		if end < len(gs) {
			b := end
			for b > start+1 && !canBreak(gs, b) {
				b--
			}
			if b > start+1 {
				end = b
			}
		}
		out = append(out, [2]int{start, end})
		start = end
	}
	return out
}

// canBreak reports whether a line may break before gs[i].
func canBreak(gs []glyph, i int) bool {
	a, b := gs[i-1].r, gs[i].r
	if layout.IsClosing(b) || layout.IsOpening(a) {
		return false
	}
	word := func(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
	return !(word(a) && word(b))
}
