package layout

import "unicode"

// orphanLine reports whether gs holds one character and nothing else but
// punctuation (孤字: "基", "村。").
func orphanLine(gs []glyph) bool {
	n := 0
	for i := range gs {
		r := gs[i].r
		if r == ' ' || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			continue
		}
		n++
		if n > 1 {
			return false
		}
	}
	return n == 1
}

// fixOrphan keeps a paragraph's last line from holding a single character:
// first by taking it up into the line above with 标点挤压 (when compress),
// otherwise by bringing one more character down, breaking the line above
// earlier where 避头尾 and the number rules allow.
func fixOrphan(gs []glyph, rs []rune, out []line, scale float64, opt breakOpts) []line {
	n := len(out)
	if n < 2 || !orphanLine(gs[out[n-1].start:out[n-1].end]) {
		return out
	}
	p, l := out[n-2], out[n-1]
	if opt.compress {
		resetKerns(gs, p.start, len(gs), scale, true)
		w := 0.0
		for i := p.start; i < len(gs); i++ {
			w += gs[i].adv*scale + gs[i].kern
		}
		if w-p.avail <= squeezable(gs, p.start, len(gs), scale, opt.endHalf)+eps {
			up := finish(gs, rs, line{start: p.start, end: len(gs), next: len(gs), avail: p.avail, last: true}, scale, opt)
			return append(out[:n-2], up)
		}
	}
	for b := p.end - 1; b > p.start+1; b-- {
		if !canBreakBefore(rs, b) || rs[b-1] == ' ' {
			continue
		}
		down := line{start: b, end: len(gs), next: len(gs), avail: l.avail, last: true}
		w := 0.0
		for i := b; i < len(gs); i++ {
			w += gs[i].adv * scale
		}
		if w > l.avail+eps {
			break
		}
		if orphanLine(gs[b:]) {
			continue
		}
		out[n-2] = finish(gs, rs, line{start: p.start, end: b, next: b, avail: p.avail}, scale, opt)
		out[n-1] = finish(gs, rs, down, scale, opt)
		return out
	}
	return restore(gs, rs, out, scale, opt)
}

// restore sets the kerns of the last two lines back after a failed attempt.
func restore(gs []glyph, rs []rune, out []line, scale float64, opt breakOpts) []line {
	n := len(out)
	for k := n - 2; k < n; k++ {
		out[k] = finish(gs, rs, out[k], scale, opt)
	}
	return out
}
