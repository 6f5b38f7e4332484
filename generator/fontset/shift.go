package fontset

import "encoding/binary"

// Simple-glyph flags (OpenType glyf table).
const (
	onCurve     = 0x01
	xShort      = 0x02
	yShort      = 0x04
	repeatFlag  = 0x08
	xSameOrPos  = 0x10
	ySameOrPos  = 0x20
	overlapBits = 0x40 | 0x80 // OVERLAP_SIMPLE and the reserved bit, kept as they are
)

// shiftGlyph returns a copy of the simple glyph g with every point moved dx
// font units along x (its bounding box too), and false when g is not a
// simple glyph it can read (a composite, or data that does not add up).
// The x coordinates are deltas from the point before, the first from 0, so
// only the first changes; the flags and x array are written out anew (one
// flag per point) because the first delta's size may change.
func shiftGlyph(g []byte, dx int) ([]byte, bool) {
	be := binary.BigEndian
	if len(g) < 10 {
		return nil, false
	}
	nc := int(int16(be.Uint16(g)))
	if nc <= 0 {
		return nil, false // empty, or composite
	}
	p := 10
	if p+2*nc+2 > len(g) {
		return nil, false
	}
	npts := int(be.Uint16(g[p+2*(nc-1):])) + 1
	p += 2 * nc
	ilen := int(be.Uint16(g[p:]))
	p += 2 + ilen
	if p > len(g) {
		return nil, false
	}
	head := p // the flags start here
	flags := make([]byte, 0, npts)
	for len(flags) < npts {
		if p >= len(g) {
			return nil, false
		}
		f := g[p]
		p++
		flags = append(flags, f)
		if f&repeatFlag != 0 {
			if p >= len(g) {
				return nil, false
			}
			for n := int(g[p]); n > 0 && len(flags) < npts; n-- {
				flags = append(flags, f)
			}
			p++
		}
	}
	xs := make([]int, npts)
	for i, f := range flags {
		switch {
		case f&xShort != 0:
			if p >= len(g) {
				return nil, false
			}
			v := int(g[p])
			if f&xSameOrPos == 0 {
				v = -v
			}
			xs[i] = v
			p++
		case f&xSameOrPos == 0:
			if p+2 > len(g) {
				return nil, false
			}
			xs[i] = int(int16(be.Uint16(g[p:])))
			p += 2
		}
	}
	yStart := p
	ylen := 0
	for _, f := range flags {
		switch {
		case f&yShort != 0:
			ylen++
		case f&ySameOrPos == 0:
			ylen += 2
		}
	}
	if yStart+ylen > len(g) {
		return nil, false
	}
	xs[0] += dx
	out := make([]byte, 0, len(g)+npts+2)
	out = append(out, g[:head]...)
	xMin, xMax := int(int16(be.Uint16(g[2:])))+dx, int(int16(be.Uint16(g[6:])))+dx
	if xMin < -32768 || xMin > 32767 || xMax < -32768 || xMax > 32767 {
		return nil, false
	}
	be.PutUint16(out[2:], uint16(int16(xMin)))
	be.PutUint16(out[6:], uint16(int16(xMax)))
	var xb []byte
	for i, f := range flags {
		f &^= xShort | xSameOrPos | repeatFlag
		v := xs[i]
		switch {
		case v == 0:
			f |= xSameOrPos
		case v > 0 && v <= 255:
			f |= xShort | xSameOrPos
			xb = append(xb, byte(v))
		case v < 0 && v >= -255:
			f |= xShort
			xb = append(xb, byte(-v))
		default:
			if v < -32768 || v > 32767 {
				return nil, false
			}
			xb = be.AppendUint16(xb, uint16(int16(v)))
		}
		out = append(out, f)
	}
	out = append(out, xb...)
	out = append(out, g[yStart:yStart+ylen]...)
	return out, true
}
