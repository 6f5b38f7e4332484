package layout

// line is one broken line of a paragraph: glyphs [start,end) (trailing
// spaces dropped); the next line starts at next.
type line struct {
	start, end, next int
	avail            float64 // width the line is set to
	nat              float64 // natural width (sum of advances)
	last             bool    // last line of its paragraph: not justified
}

// eps absorbs float noise when comparing widths.
const eps = 1e-6

// breakLines breaks glyphs into lines of width firstW (first line) and restW
// (the others). scale maps natural advances to grid advances (CharPitch/size
// for body text, 1 elsewhere): a line fits when its scaled width does.
// Breaks follow 避头尾 and never split a digit or Latin run; a line that
// would start with closing punctuation (or end with opening punctuation)
// gives up characters to the next line and is later spread to full width.
func breakLines(gs []glyph, rs []rune, firstW, restW, scale float64) []line {
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
			w := gs[j].adv * scale
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
			if b == start { // one unbreakable run longer than the line
				b = j
				if b == start {
					b = start + 1
				}
			}
			ln.end, ln.next = b, b
		}
		for ln.end > ln.start && rs[ln.end-1] == ' ' {
			ln.end--
		}
		for ln.next < len(gs) && rs[ln.next] == ' ' {
			ln.next++
		}
		if ln.next >= len(gs) {
			ln.last = true
		}
		for i := ln.start; i < ln.end; i++ {
			ln.nat += gs[i].adv
		}
		out = append(out, ln)
		start = ln.next
	}
	return out
}

// spacing is the character spacing (PDF Tc) of a line. A justified line
// shares its slack (negative when 16 pt glyphs are squeezed onto the
// 15.79 pt grid) among its n−1 inter-character gaps, so that its last glyph
// ends exactly at avail; a paragraph's last line keeps the grid pitch
// (scale) instead, as long as it stays inside avail.
func (ln line) spacing(scale float64, justify bool) float64 {
	n := float64(ln.end - ln.start)
	if n == 0 {
		return 0
	}
	if justify && !ln.last && n > 1 {
		return (ln.avail - ln.nat) / (n - 1)
	}
	tc := ln.nat * (scale - 1) / n
	if n > 1 && ln.nat+tc*(n-1) > ln.avail {
		tc = (ln.avail - ln.nat) / (n - 1) // a full last line must not overshoot
	}
	return tc
}
