package layout

import (
	"math"
	"strings"

	"github.com/gongwen/gen/generator/model"
)

// titleBreakAfter lists endings after which a title may wrap at a word
// boundary (an agency name, a year, a document word, a conjunction).
var titleBreakAfter = []string{
	"局", "委", "办", "院", "馆", "厅", "部", "中心", "街道", "办事处", "政府", "委员会", "公司",
	"年", "工作总结", "总结", "计划", "打算", "谋划", "及", "和", "与", "暨", "关于",
}

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
	maxW := e.width
	if c := e.l.Title.MaxCharsPerLine; c > 0 && float64(c)*size < maxW {
		maxW = float64(c) * size
	}
	for _, b := range titleLines(gs, maxW, size) {
		i := e.take()
		part := gs[b[0]:b[1]]
		w := natWidth(part)
		x := e.left + (e.width-w)/2
		e.emit(part, x, e.baseline(i, model.RoleTitle, size), size, 0, KindTitle, i)
	}
	e.blank(e.l.Title.BlankLinesAfter)
}

// titleLines splits a title into balanced lines no wider than maxW: the
// fewest lines that fit, breaks at word boundaries where possible, never a
// line of one character, lines of nearly equal length with the upper line
// the longer (an inverted trapezoid) or the middle one (a diamond). It
// returns [start,end) glyph ranges.
func titleLines(gs []glyph, maxW, size float64) [][2]int {
	total := natWidth(gs)
	if total <= maxW+eps {
		return [][2]int{{0, len(gs)}}
	}
	rs := runes(gs)
	// prefix widths
	pre := make([]float64, len(gs)+1)
	for i, g := range gs {
		pre[i+1] = pre[i] + g.adv
	}
	text := string(rs)
	byteAt := make([]int, len(rs)+1)
	for i, b := 0, 0; i < len(rs); i++ {
		byteAt[i] = b
		b += len(string(rs[i]))
		byteAt[i+1] = b
	}
	penalty := make([]float64, len(gs)+1) // cost of breaking before glyph i, Inf if forbidden
	for i := 1; i < len(gs); i++ {
		switch {
		case !canBreakBefore(rs, i):
			penalty[i] = math.Inf(1)
		case goodTitleBreak(text, byteAt[i]):
			penalty[i] = 0
		default:
			penalty[i] = 3 // em: a break inside a word costs as much as 3 em of imbalance
		}
	}
	minLines := int(math.Ceil(total/maxW - eps))
	best, bestCost := [][2]int(nil), math.Inf(1)
	for n := minLines; n <= minLines+1 && n <= len(gs)/2; n++ {
		avg := total / float64(n)
		// dp over break positions
		type st struct {
			cost float64
			prev int
		}
		dp := make([][]st, n+1)
		for k := range dp {
			dp[k] = make([]st, len(gs)+1)
			for i := range dp[k] {
				dp[k][i] = st{math.Inf(1), -1}
			}
		}
		dp[0][0] = st{0, -1}
		for k := 1; k <= n; k++ {
			for i := 2; i <= len(gs); i++ {
				if i < len(gs) && k == n || i == len(gs) && k < n {
					continue
				}
				pen := 0.0
				if i < len(gs) {
					pen = penalty[i]
					if math.IsInf(pen, 1) {
						continue
					}
				}
				for j := 0; j <= i-2; j++ {
					if math.IsInf(dp[k-1][j].cost, 1) {
						continue
					}
					w := pre[i] - pre[j]
					if w > maxW+eps {
						continue
					}
					c := dp[k-1][j].cost + pen + math.Abs(w-avg)/size
					if k > 1 {
						// the line above should not be shorter (except above a diamond's middle)
						pw := pre[j] - pre[dp[k-1][j].prev]
						if pw < w-eps && !(n == 3 && k == 2) {
							c += 0.25
						}
					}
					if c < dp[k][i].cost {
						dp[k][i] = st{c, j}
					}
				}
			}
		}
		if c := dp[n][len(gs)].cost + float64(n-minLines)*4; c < bestCost {
			bestCost = c
			br := make([][2]int, n)
			i := len(gs)
			for k := n; k >= 1; k-- {
				j := dp[k][i].prev
				br[k-1] = [2]int{j, i}
				i = j
			}
			best = br
		}
	}
	if best == nil { // no admissible split: fall back to greedy lines
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
