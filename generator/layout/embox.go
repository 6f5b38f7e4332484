package layout

import "github.com/gongwen/gen/generator/model"

// EmBoxer is a Measurer that also knows the design em box of a role's face:
// how far it reaches above and below the baseline, in em. Layout places
// text whose visible edges the standard measures by it (the 发文机关标志's
// top edge, GB/T 9704 7.2.2), rather than by the PDF ascent, which for some
// faces reaches far above the characters. A Measurer that is no EmBoxer
// gets the CJK convention, 0.88 above and 0.12 below.
type EmBoxer interface {
	EmBox(role model.Role) (ascent, descent float64)
}

// emBox is the em box of role's face (EmBoxer), or 0.88/0.12.
func (c *cachedMeasurer) emBox(role model.Role) (ascent, descent float64) {
	if b, ok := c.m.(EmBoxer); ok {
		return b.EmBox(role)
	}
	return 0.88, 0.12
}
