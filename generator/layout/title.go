package layout

import (
	"math"
	"strings"

	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// titleBreakAfter lists endings after which a title may wrap at a word
// boundary (an agency name, a year, a document word, a conjunction).
var titleBreakAfter = []string{
	"局", "委", "办", "院", "馆", "厅", "部", "中心", "街道", "办事处", "政府", "委员会", "公司",
	"年", "工作总结", "总结", "计划", "打算", "谋划", "及", "和", "与", "暨", "关于",
}

// titleNoLineStart are the function words a title line never starts with.
const titleNoLineStart = "和及与的并暨"

// titleMinLine is the fewest characters of a wrapped title line (no
// orphan of one or two characters).
const titleMinLine = 4

// titleBreakBefore lists beginnings before which a title may wrap.
var titleBreakBefore = []string{"的报告", "的通知", "的意见", "工作总结", "工作计划", "工作打算", "工作谋划", "关于"}

// title sets the title centred on grid lines, balanced when it wraps, then
// the blank lines that follow it.
func (e *engine) title(el *model.Element) {
	size := e.l.Sizes.Title
	gs := trimSpaces(e.shape(el.Spans, size, false))
	if len(gs) == 0 {
		return
	}
	// Break in em with the measurer's own figures, exactly as TitleBreaks
	// does for the DOCX, so that both exporters make the same choice.
	em := make([]float64, len(gs))
	for i, g := range gs {
		em[i] = 1 // a missing glyph's box
		if !g.missing {
			em[i] = e.m.glyph(g.role, g.r).adv
		}
	}
	for _, b := range titleBreaks(runes(gs), em, TitleWidth(e.l), 1) {
		i := e.take()
		part := gs[b[0]:b[1]]
		w := natWidth(part)
		x := e.left + (e.width-w)/2
		e.emit(part, x, e.baseline(i, model.RoleTitle, size), size, 0, KindTitle, i)
	}
	e.blank(e.l.Title.BlankLinesAfter)
}

// TitleWidth is the width, in em of the title size, that a title line may
// take under layout l: the text block, or Title.MaxCharsPerLine characters
// when that is narrower. Both exporters break titles with it.
func TitleWidth(l *tmpl.Layout) float64 {
	maxW := l.TextWidth() / l.Sizes.Title
	if c := float64(l.Title.MaxCharsPerLine); c > 0 && c < maxW {
		maxW = c
	}
	return maxW
}

// TitleBreaks splits a title into balanced lines no wider than maxWidth:
// the fewest lines that fit, breaks at word boundaries where possible (after
// an agency name, a year, a document word or a conjunction; before 的报告,
// 关于 …), never before a function word (和 及 与 的 并 暨) nor after 的, so
// that a conjunction always ends its line; never inside a digit or Latin
// run nor against 避头尾, never a line of fewer than four characters; lines of nearly equal length with the upper line
// the longer (an inverted trapezoid) or the middle one (a diamond). measure
// gives a character's advance in em of the title size and maxWidth is in em
// too. The lines are substrings of text that join back to it (spaces at a
// wrap aside). It is the
// one title breaker of the project: the PDF sets the lines it returns and
// the DOCX writes them with explicit line breaks, so both break a title at
// the same characters.
func TitleBreaks(text string, measure func(rune) float64, maxWidth float64) []string {
	rs := []rune(text)
	if len(rs) == 0 {
		return nil
	}
	adv := make([]float64, len(rs))
	for i, r := range rs {
		adv[i] = measure(r)
	}
	var out []string
	for _, b := range titleBreaks(rs, adv, maxWidth, 1) {
		out = append(out, string(rs[b[0]:b[1]]))
	}
	return out
}

// titleLines is TitleBreaks over shaped glyphs (advances in points at
// size); it returns [start,end) glyph ranges.
func titleLines(gs []glyph, maxW, size float64) [][2]int {
	adv := make([]float64, len(gs))
	for i, g := range gs {
		adv[i] = g.adv
	}
	return titleBreaks(runes(gs), adv, maxW, size)
}

// titleBreaks does the work of TitleBreaks: rs with advances adv, lines no
// wider than maxW; unit is one em in the unit of adv and maxW (costs are
// counted in em). It returns [start,end) rune ranges.
func titleBreaks(rs []rune, adv []float64, maxW, unit float64) [][2]int {
	n := len(rs)
	// prefix widths
	pre := make([]float64, n+1)
	for i, a := range adv {
		pre[i+1] = pre[i] + a
	}
	total := pre[n]
	if total <= maxW+eps {
		return [][2]int{{0, n}}
	}
	text := string(rs)
	byteAt := make([]int, n+1)
	for i, b := 0, 0; i < n; i++ {
		byteAt[i] = b
		b += len(string(rs[i]))
		byteAt[i+1] = b
	}
	penalty := make([]float64, n+1) // cost of breaking before rune i, Inf if forbidden
	for i := 1; i < n; i++ {
		switch {
		case !canBreakBefore(rs, i):
			penalty[i] = math.Inf(1)
		case strings.ContainsRune(titleNoLineStart, rs[i]) || rs[i-1] == '的':
			// a conjunction ends its line ("…工作总结和 / 2024年…"); 的 stays
			// with the word after it
			penalty[i] = math.Inf(1)
		case goodTitleBreak(text, byteAt[i]):
			penalty[i] = 0
		default:
			penalty[i] = 3 // em: a break inside a word costs as much as 3 em of imbalance
		}
	}
	minLines := int(math.Ceil(total/maxW - eps))
	best, bestCost := [][2]int(nil), math.Inf(1)
	for lines := minLines; lines <= minLines+1 && lines <= n/titleMinLine; lines++ {
		avg := total / float64(lines)
		// dp over break positions
		type st struct {
			cost float64
			prev int
		}
		dp := make([][]st, lines+1)
		for k := range dp {
			dp[k] = make([]st, n+1)
			for i := range dp[k] {
				dp[k][i] = st{math.Inf(1), -1}
			}
		}
		dp[0][0] = st{0, -1}
		for k := 1; k <= lines; k++ {
			for i := 2; i <= n; i++ {
				if i < n && k == lines || i == n && k < lines {
					continue
				}
				pen := 0.0
				if i < n {
					pen = penalty[i]
					if math.IsInf(pen, 1) {
						continue
					}
				}
				for j := 0; j <= i-titleMinLine; j++ {
					if math.IsInf(dp[k-1][j].cost, 1) {
						continue
					}
					w := pre[i] - pre[j]
					if w > maxW+eps {
						continue
					}
					c := dp[k-1][j].cost + pen + math.Abs(w-avg)/unit
					if k > 1 {
						// the line above should not be shorter (except above a diamond's middle)
						pw := pre[j] - pre[dp[k-1][j].prev]
						if pw < w-eps && !(lines == 3 && k == 2) {
							c += 0.25
						}
					}
					if c < dp[k][i].cost {
						dp[k][i] = st{c, j}
					}
				}
			}
		}
		if c := dp[lines][n].cost + float64(lines-minLines)*4; c < bestCost {
			bestCost = c
			br := make([][2]int, lines)
			i := n
			for k := lines; k >= 1; k-- {
				j := dp[k][i].prev
				br[k-1] = [2]int{j, i}
				i = j
			}
			best = br
		}
	}
	if best == nil { // no admissible split: fall back to greedy lines
		gs := make([]glyph, n)
		for i := range gs {
			gs[i] = glyph{r: rs[i], adv: adv[i]}
		}
		for _, ln := range breakLines(gs, rs, maxW, maxW, 1) {
			best = append(best, [2]int{ln.start, ln.end})
		}
	}
	return best
}

// goodTitleBreak reports whether a break at byte offset b of text falls on a
// word boundary.
func goodTitleBreak(text string, b int) bool {
	before, after := text[:b], text[b:]
	for _, w := range titleBreakAfter {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	for _, w := range titleBreakBefore {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}
