package layout

// line is one broken line of a paragraph: glyphs [start,end) (trailing
// spaces dropped); the next line starts at next.
type line struct {
	start, end, next int
	avail            float64 // width the line is set to
	nat              float64 // natural width (sum of advances)
	kern             float64 // sum of the glyph kerns (标点挤压), ≤ 0
	last             bool    // last line of its paragraph: not justified
}

// eps absorbs float noise when comparing widths.
const eps = 1e-6

// breakOpts selects the refinements of breakPara.
type breakOpts struct {
	// compress turns on 标点挤压: adjacent marks share their white, and a
	// line that would lose a character to 避头尾 keeps it by compressing
	// its marks instead of being spread out.
	compress bool
	// orphans keeps a paragraph's last line from holding one character
	// (孤字): the character goes up by compression or one more comes down.
	orphans bool
	// endHalf lets a full-width mark at a line end be set half width
	// (GB/T 15834 §5.1.10): its ink stays inside the text block, and the
	// PDF draws it with its half-width form (Run.Half).
	endHalf bool
	// greedy fills each line in turn instead of choosing the breaks of the
	// whole paragraph (breakBest), which is used when orphans is set.
	greedy bool
	// strictUnits keeps the number–unit bond in breakBest too (softBreak
	// never taken).
	strictUnits bool
}

// breakLines breaks glyphs into lines with neither compression nor 孤字
// control (see breakPara).
func breakLines(gs []glyph, rs []rune, firstW, restW, scale float64) []line {
	return breakPara(gs, rs, firstW, restW, scale, breakOpts{})
}

// breakPara breaks glyphs into lines of width firstW (first line) and restW
// (the others). scale maps natural advances to grid advances (CharPitch/size
// for body text, 1 elsewhere): a line fits when its scaled width does.
// Breaks follow 避头尾 and never split a number, unit or Latin run
// (canBreakBefore). Where a break would push a character down and leave the
// line loose, compression is tried first (opt.compress) and spacing second:
// the line is later spread to full width. It sets gs[i].kern.
func breakPara(gs []glyph, rs []rune, firstW, restW, scale float64, opt breakOpts) []line {
	if opt.orphans && !opt.greedy {
		// the greedy breaks when they leave no loose line, else the
		// least-cost breaks of the whole paragraph
		g := opt
		g.greedy = true
		if out := breakPara(gs, rs, firstW, restW, scale, g); !anyLoose(gs, rs, out, scale) {
			return out
		}
		return breakBest(gs, rs, firstW, restW, scale, opt, 0)
	}
	resetKerns(gs, 0, len(gs), scale, opt.compress)
	var out []line
	start := 0
	for start < len(gs) && rs[start] == ' ' {
		start++
	}
	for start < len(gs) {
		avail := restW
		if len(out) == 0 {
			avail = firstW
		}
		x, j := 0.0, start
		for j < len(gs) {
			w := gs[j].adv*scale + gs[j].kern
			if x+w > avail+eps && rs[j] != ' ' {
				break
			}
			x += w
			j++
		}
		ln := line{start: start, avail: avail}
		if j >= len(gs) {
			ln.end, ln.next, ln.last = len(gs), len(gs), true
		} else {
			b := j
			for b > start && !canBreakBefore(rs, b) {
				b--
			}
			if b < j && opt.compress {
				if e, ok := pullIn(gs, rs, start, j, x, avail, scale, opt.endHalf); ok {
					b = e
				}
			}
			if b == start { // one unbreakable run longer than the line
				b = j
				if b == start {
					b = start + 1
				}
			}
			ln.end, ln.next = b, b
		}
		out = append(out, finish(gs, rs, ln, scale, opt))
		start = out[len(out)-1].next
	}
	if opt.orphans {
		out = fixOrphan(gs, rs, out, scale, opt)
	}
	return out
}

// pullIn looks for a break after j (the first glyph that did not fit,
// which may not start a line) such that the line start..e fits by
// compressing its marks; x is the width of start..j.
func pullIn(gs []glyph, rs []rune, start, j int, x, avail, scale float64, endHalf bool) (int, bool) {
	for e := j + 1; e <= len(gs) && e <= j+8; e++ {
		x += gs[e-1].adv*scale + gs[e-1].kern
		if e < len(gs) && !canBreakBefore(rs, e) {
			continue
		}
		need := x - avail
		if e < len(gs) && rs[e-1] == ' ' {
			return 0, false
		}
		if need <= squeezable(gs, start, e, scale, endHalf)+eps {
			return e, true
		}
		return 0, false
	}
	return 0, false
}

// finish trims a line's spaces, compresses it when it overflows and sums
// its widths.
func finish(gs []glyph, rs []rune, ln line, scale float64, opt breakOpts) line {
	for ln.end > ln.start && rs[ln.end-1] == ' ' {
		ln.end--
	}
	for ln.next < len(gs) && rs[ln.next] == ' ' {
		ln.next++
	}
	if ln.next >= len(gs) {
		ln.last = true
	}
	resetKerns(gs, ln.start, ln.end, scale, opt.compress)
	if ln.end > ln.start {
		gs[ln.end-1].kern = 0 // a line's last mark keeps its white unless squeezed below
	}
	w := 0.0
	for i := ln.start; i < ln.end; i++ {
		w += gs[i].adv*scale + gs[i].kern
	}
	if opt.compress && w > ln.avail+eps {
		squeeze(gs, ln.start, ln.end, w-ln.avail, scale, opt.endHalf)
	}
	ln.nat, ln.kern = 0, 0
	for i := ln.start; i < ln.end; i++ {
		ln.nat += gs[i].adv
		ln.kern += gs[i].kern
	}
	return ln
}

// spacing is the character spacing (PDF Tc) of a line. A justified line
// shares its slack (negative when 16 pt glyphs are squeezed onto the
// 15.79 pt grid) among its n−1 inter-character gaps, so that its last glyph
// ends exactly at avail; a paragraph's last line keeps the grid pitch
// (scale) instead, as long as it stays inside avail. Kerns (标点挤压) are
// added to the gaps they follow; a compressed mark at the line end ends at
// avail with its kern.
func (ln line) spacing(scale float64, justify bool) float64 {
	n := float64(ln.end - ln.start)
	if n == 0 {
		return 0
	}
	if justify && !ln.last && n > 1 {
		return (ln.avail - ln.nat - ln.kern) / (n - 1)
	}
	tc := ln.nat * (scale - 1) / n
	if n > 1 && ln.nat+tc*(n-1)+ln.kern > ln.avail {
		tc = (ln.avail - ln.nat - ln.kern) / (n - 1) // a full last line must not overshoot
	}
	return tc
}

// anyLoose reports whether one of lines is loose (slack of looseMixed
// characters, or loosePureCJK in an all-Chinese line) or the last is a 孤字.
func anyLoose(gs []glyph, rs []rune, lines []line, scale float64) bool {
	for k, ln := range lines {
		if ln.end <= ln.start {
			continue
		}
		if ln.last {
			if k > 0 && orphanLine(gs[ln.start:ln.end]) {
				return true
			}
			continue
		}
		cell := gs[ln.start].size * scale
		slack := (ln.avail - ln.nat*scale - ln.kern) / cell
		if slack >= looseMixed-eps {
			return true
		}
		if slack >= loosePureCJK-eps {
			pure := true
			for i := ln.start; i < ln.end && pure; i++ {
				pure = !isAlnum(rs[i])
			}
			if pure {
				return true
			}
		}
	}
	return false
}
