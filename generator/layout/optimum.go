package layout

import (
	"math"
	"sort"
)

// Costs of the paragraph breaker (breakBest), in units of one badly loose
// line.
const (
	costLoose    = 10.0 // a line with about one character of slack in pure Chinese (≥ 0.75)
	costWide     = 40.0 // a line visibly loose: ≥ 1.5 characters of slack, spread out
	costOrphan   = 50.0 // a last line of one character (孤字)
	costSqueeze  = 0.3  // per character of compression (标点挤压 is preferred to spacing)
	costForced   = 1e4  // a line that cannot fit (one unbreakable run wider than the line)
	costUnit     = 30.0 // a break between a number and its unit (softBreak): less than a visibly loose line
	costSlackSq  = 0.1  // per squared character of slack
	looseMixed   = 1.5  // slack, in characters, that makes a line with digits or Latin loose
	loosePureCJK = 0.75 // slack that makes an all-Chinese line loose
	slackWindow  = 2.0  // characters of slack a line is first tried with
)

// breakBest breaks a paragraph at the set of breaks that costs least over
// the whole paragraph (in the manner of Knuth and Plass, for a fixed-pitch
// script): every line is either set on the grid with some slack spread out,
// or compressed by its marks (标点挤压) to keep a character that 避头尾 or
// the number rules would push down. Loose lines and a last line of one
// character cost most, so the breaker moves characters between lines to
// avoid them where the text allows. With want > 0 it returns exactly want
// lines (nil when the text cannot make them). It sets gs[i].kern.
func breakBest(gs []glyph, rs []rune, firstW, restW, scale float64, opt breakOpts, want int) []line {
	resetKerns(gs, 0, len(gs), scale, opt.compress)
	n := len(gs)
	start0 := 0
	for start0 < n && rs[start0] == ' ' {
		start0++
	}
	if start0 >= n {
		return nil
	}
	cell := gs[start0].size * scale
	if cell <= 0 {
		cell = 1
	}
	// prefix sums: width with pair kerns, closing and opening capacity,
	// alphanumerics; brk[i]: a line may break before i
	w := make([]float64, n+1)
	capC := make([]float64, n+1)
	capO := make([]float64, n+1)
	num := make([]int32, n+1)
	brk := make([]bool, n+1)
	soft := make([]bool, n+1) // breaks the unit bond alone forbids
	for i := range gs {
		g := &gs[i]
		w[i+1] = w[i] + g.adv*scale + g.kern
		capC[i+1], capO[i+1], num[i+1] = capC[i], capO[i], num[i]
		if opt.compress {
			if squeezeRight(g) && g.kern == 0 {
				capC[i+1] += half(g, scale)
			}
			if i > 0 && squeezeLeft(g) && gs[i-1].kern == 0 && !squeezeRight(&gs[i-1]) {
				capO[i+1] += half(g, scale)
			}
		}
		if isAlnum(rs[i]) {
			num[i+1]++
		}
		brk[i] = canBreakBefore(rs, i)
		if !brk[i] && !opt.strictUnits && softBreak(rs, i) {
			brk[i], soft[i] = true, true
		}
	}
	brk[n] = true
	skip := func(e int) int {
		for e < n && rs[e] == ' ' {
			e++
		}
		return e
	}
	// dist[k][i]: least cost of the lines before i, k lines so far when
	// want > 0 (exactly want lines), else one layer
	layers := 1
	if want > 0 {
		layers = want + 1
	}
	dist := make([][]float64, layers)
	prev := make([][]int, layers)
	for k := range dist {
		dist[k] = make([]float64, n+1)
		prev[k] = make([]int, n+1)
		for i := range dist[k] {
			dist[k][i] = math.Inf(1)
		}
	}
	dist[0][start0] = 0
	// cost of the line s..e (e a break), or ok=false when it cannot be set
	lineCost := func(s, e int, avail float64) (float64, bool) {
		end := e
		for end > s && rs[end-1] == ' ' {
			end--
		}
		if end == s {
			return 0, false
		}
		width := w[end] - w[s] - gs[end-1].kern
		cp := capC[end-1] - capC[s] + capO[end] - capO[min(s+1, end)]
		if opt.endHalf {
			cp = capC[end] - capC[s] + capO[end] - capO[min(s+1, end)]
		}
		slack := avail - width
		last := skip(e) >= n
		c := 0.0
		switch {
		case slack >= -eps && last:
		case slack >= -eps:
			sc := slack / cell
			c = costSlackSq * sc * sc
			switch {
			case sc >= looseMixed-eps:
				c += costWide
			case sc >= loosePureCJK-eps && num[end] == num[s]:
				c += costLoose
			}
		case opt.compress && -slack <= cp+eps:
			c = costSqueeze * -slack / cell
		default:
			return 0, false
		}
		if last && s != start0 && orphanLine(gs[s:end]) {
			c += costOrphan
		}
		if soft[e] {
			c += costUnit
		}
		return c, true
	}
	for k := 0; k < layers; k++ {
		to := min(k+1, layers-1)
		if want == 0 {
			to = 0
		}
		for s := start0; s < n; s++ {
			if math.IsInf(dist[k][s], 1) || want > 0 && k == want {
				continue
			}
			avail := restW
			if s == start0 {
				avail = firstW
			}
			// candidates: breaks whose line has at most slackWindow of slack
			// and fits, compressed if need be
			lo := sort.SearchFloat64s(w[s:], w[s]+avail-slackWindow*cell) + s
			lo = max(lo, s+1)
			found := false
			relax := func(e int) {
				c, ok := lineCost(s, e, avail)
				if !ok {
					return
				}
				found = true
				ns := skip(e)
				if d := dist[k][s] + c; d < dist[to][ns] {
					dist[to][ns], prev[to][ns] = d, s
				}
			}
			if lo > n {
				relax(n) // the rest is the last line, which may be short
			}
			for e := lo; e <= n; e++ {
				if w[e]-w[s]-(capC[e]-capC[s]+capO[e]-capO[min(s+1, e)]) > avail+cell {
					break
				}
				if brk[e] {
					relax(e)
				}
			}
			// and the longest line below the window (an unbreakable run ahead)
			for e := min(lo, n+1) - 1; e > s; e-- {
				if brk[e] {
					relax(e)
					break
				}
			}
			if found {
				continue
			}
			if !found {
				x, j := 0.0, s
				for j < n && (j == s || x+gs[j].adv*scale <= avail+eps) {
					x += gs[j].adv * scale
					j++
				}
				ns := skip(j)
				if d := dist[k][s] + costForced; d < dist[to][ns] {
					dist[to][ns], prev[to][ns] = d, s
				}
			}
		}
	}
	var ends []int
	k := layers - 1
	if math.IsInf(dist[k][n], 1) {
		return nil // no set of exactly want lines
	}
	for e := n; e > start0; {
		ends = append(ends, e)
		e = prev[k][e]
		if want > 0 {
			k--
		}
	}
	out := make([]line, 0, len(ends))
	s := start0
	for k := len(ends) - 1; k >= 0; k-- {
		e := ends[k]
		avail := restW
		if s == start0 {
			avail = firstW
		}
		// e is the next line's start: the line ends before its spaces
		end := e
		for end > s && rs[end-1] == ' ' {
			end--
		}
		out = append(out, finish(gs, rs, line{start: s, end: end, next: e, avail: avail}, scale, opt))
		s = e
	}
	return out
}
