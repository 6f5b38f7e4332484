package layout

import "math"

// Costs of the paragraph breaker (breakBest), in units of one badly loose
// line.
const (
	costLoose    = 10.0 // a line visibly loose: ≥ 1.5 characters of slack, or ≥ 0.75 in pure Chinese
	costOrphan   = 50.0 // a last line of one character (孤字)
	costSqueeze  = 0.3  // per character of compression (標点挤压 is preferred to spacing)
	costForced   = 1e4  // a line that cannot fit (one unbreakable run wider than the line)
	costSlackSq  = 0.1  // per squared character of slack
	looseMixed   = 1.5  // slack, in characters, that makes a line with digits or Latin loose
	loosePureCJK = 0.75 // slack that makes an all-Chinese line loose
)

// breakBest breaks a paragraph at the set of breaks that costs least over
// the whole paragraph (in the manner of Knuth and Plass, for a fixed-pitch
// script): every line is either set on the grid with some slack spread out,
// or compressed by its marks (标点挤压) to keep a character that 避头尾 or
// the number rules would push down. Loose lines and a last line of one
// character cost most, so the breaker moves characters between lines to
// avoid them where the text allows. It sets gs[i].kern.
func breakBest(gs []glyph, rs []rune, firstW, restW, scale float64, opt breakOpts) []line {
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
	best := make([]float64, n+1)
	nxt := make([]int, n+1)
	for i := range best {
		best[i] = math.Inf(1)
	}
	best[n] = 0
	brk := make([]bool, n+1) // canBreakBefore, once per position
	for i := range brk {
		brk[i] = canBreakBefore(rs, i)
	}
	skip := func(e int) int {
		for e < n && rs[e] == ' ' {
			e++
		}
		return e
	}
	for s := n - 1; s >= start0; s-- {
		if s != start0 && (rs[s] == ' ' || !brk[s]) {
			continue
		}
		avail := restW
		if s == start0 {
			avail = firstW
		}
		w, tail := 0.0, 0.0 // width of s..e-1 with pair kerns; trailing spaces
		capClose, capOpen := 0.0, 0.0
		lastContent := -1
		lastCap := 0.0 // closing capacity of the last content glyph
		alnum := false
		forced, forcedE := math.Inf(1), -1
		for e := s + 1; e <= n; e++ {
			i := e - 1
			g := &gs[i]
			gw := g.adv*scale + g.kern
			if rs[i] == ' ' {
				tail += gw
				w += gw
			} else {
				w += gw
				tail = 0
				lastContent = i
				lastCap = 0
				if opt.compress {
					if squeezeRight(g) && g.kern == 0 {
						lastCap = half(g, scale)
						capClose += lastCap
					}
					if i > s && squeezeLeft(g) && gs[i-1].kern == 0 && !squeezeRight(&gs[i-1]) {
						capOpen += half(g, scale)
					}
				}
				if isAlnum(rs[i]) {
					alnum = true
				}
			}
			if lastContent < 0 {
				continue
			}
			wEnd := w - tail - gs[lastContent].kern
			capEnd := capClose + capOpen
			if !opt.endHalf {
				capEnd -= lastCap
			}
			if wEnd-capEnd > avail+2*cell && e > s+1 {
				break
			}
			if e < n && !brk[e] {
				continue
			}
			ns := skip(e)
			if math.IsInf(best[ns], 1) {
				continue
			}
			var c float64
			slack := avail - wEnd
			switch {
			case ns >= n:
				if s != start0 && orphanLine(gs[s:e]) {
					c = costOrphan
				}
				if slack < -eps {
					if !opt.compress || -slack > capEnd+eps {
						c = costForced
					} else {
						c += costSqueeze * -slack / cell
					}
				}
			case slack >= -eps:
				sc := slack / cell
				c = costSlackSq * sc * sc
				if sc >= looseMixed-eps || sc >= loosePureCJK-eps && !alnum {
					c += costLoose
				}
			case opt.compress && -slack <= capEnd+eps:
				c = costSqueeze * -slack / cell
			default:
				// overflows: only as a last resort (an unbreakable run)
				if e-s >= 1 && forcedE < 0 {
					forced, forcedE = costForced+best[ns], e
				}
				continue
			}
			if t := c + best[ns]; t < best[s] {
				best[s], nxt[s] = t, e
			}
		}
		if math.IsInf(best[s], 1) && forcedE > 0 {
			best[s], nxt[s] = forced, forcedE
		}
		if math.IsInf(best[s], 1) {
			// no break at all from s: cut at the last glyph that fits
			x, j := 0.0, s
			for j < n && (j == s || x+gs[j].adv*scale <= avail+eps) {
				x += gs[j].adv * scale
				j++
			}
			if ns := skip(j); !math.IsInf(best[ns], 1) {
				best[s], nxt[s] = costForced+best[ns], j
			}
		}
	}
	var out []line
	for s := start0; s < n; {
		e := nxt[s]
		if e <= s {
			// unreachable state: fall back to the greedy breaker
			return breakPara(gs, rs, firstW, restW, scale, breakOpts{compress: opt.compress, orphans: opt.orphans, endHalf: opt.endHalf, greedy: true})
		}
		avail := restW
		if s == start0 {
			avail = firstW
		}
		out = append(out, finish(gs, rs, line{start: s, end: e, next: e, avail: avail}, scale, opt))
		s = out[len(out)-1].next
	}
	return out
}
