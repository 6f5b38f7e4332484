package layout

// 标点挤压 (punctuation compression), after the W3C "Requirements for
// Chinese Text Layout" (clreq §3.1.6, mainland style) and GB/T 15834: a
// full-width mark is half a glyph and half white. Closing marks (，。、：；！
// and the closing brackets and quotes) carry their white on the right,
// opening brackets and quotes on the left; ？ and · are centred and never
// compressed. The engine expresses a compression as a negative kern after a
// glyph (glyph.kern), so that the exporters only see runs with their own
// character spacing.
const (
	// CompressClosing are the marks whose right half is white.
	CompressClosing = "，。、：；！）】》」』”’〕〉］｝"
	// CompressOpening are the marks whose left half is white.
	CompressOpening = "（【《「『“‘〔〈［｛"
)

// squeezeRight reports whether g is a full-width mark with white on its
// right that may be set half width.
func squeezeRight(g *glyph) bool {
	return squeezeRSet.has(g.r) && !g.missing && g.adv >= 0.9*g.size
}

// squeezeLeft reports whether g is a full-width mark with white on its left.
func squeezeLeft(g *glyph) bool {
	return squeezeLSet.has(g.r) && !g.missing && g.adv >= 0.9*g.size
}

// half is the white that compressing g removes, in grid points.
func half(g *glyph, scale float64) float64 { return g.adv * scale / 2 }

// pairKern is the kern after gs[i] that adjacent marks always get: the white
// between two marks is halved, so that ”， and 。” take 1.5 characters, ，“
// 1.5 and （“ 1.5 (clreq: consecutive punctuation marks).
func pairKern(gs []glyph, i int, scale float64) float64 {
	if i+1 >= len(gs) {
		return 0
	}
	a, b := &gs[i], &gs[i+1]
	switch {
	case squeezeRight(a) && (squeezeRight(b) || squeezeLeft(b)):
		return -half(a, scale)
	case squeezeLeft(a) && squeezeLeft(b):
		return -half(b, scale)
	}
	return 0
}

// resetKerns sets the kerns of gs[from:to] to their pair kerns (or to zero
// when compression is off).
func resetKerns(gs []glyph, from, to int, scale float64, on bool) {
	for i := from; i < to; i++ {
		gs[i].kern = 0
		if on {
			gs[i].kern = pairKern(gs, i, scale)
		}
	}
}

// squeezable is how much more the line gs[start:end] can be compressed:
// half of every mark whose white is not yet taken by a pair kern. A mark at
// the end of the line may be set half width (GB/T 15834 §5.1.10) when
// endHalf; an opening mark at the start keeps its white (the line's indent
// stays on the grid).
func squeezable(gs []glyph, start, end int, scale float64, endHalf bool) float64 {
	s := 0.0
	for i := start; i < end; i++ {
		g := &gs[i]
		if squeezeRight(g) && gs[i].kern == 0 && (endHalf || i < end-1) {
			s += half(g, scale)
		}
		if i > start && squeezeLeft(g) && gs[i-1].kern == 0 && !squeezeRight(&gs[i-1]) {
			s += half(g, scale)
		}
	}
	return s
}

// squeeze compresses the line gs[start:end] by at least need grid points,
// a mark at a time and each by its whole white half (clreq: a compressed
// mark is set half width, not some fraction of it): the mark at the line
// end first when endHalf (its half-width advance then ends at the text
// block's edge), then the other marks from the line's end backwards. What a
// last half takes beyond need is spread over the line with its slack. A
// mark is thus set either full or half width, which the PDF writer draws
// with the mark's half-width form (text extraction then measures the line
// as it prints).
func squeeze(gs []glyph, start, end int, need, scale float64, endHalf bool) {
	if need <= eps || end <= start {
		return
	}
	if g := &gs[end-1]; endHalf && squeezeRight(g) && g.kern == 0 {
		g.kern = -half(g, scale)
		need -= half(g, scale)
	}
	for i := end - 2; i >= start && need > eps; i-- {
		g := &gs[i]
		if squeezeRight(g) && g.kern == 0 {
			g.kern = -half(g, scale)
			need -= half(g, scale)
			continue
		}
		// an opening mark's white is on its left: the glyph before it
		// takes the kern
		if n := &gs[i+1]; i+1 < end && i+1 > start && squeezeLeft(n) && g.kern == 0 && !squeezeRight(g) {
			g.kern = -half(n, scale)
			need -= half(n, scale)
		}
	}
}
