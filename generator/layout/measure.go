package layout

import "github.com/gongwen/gen/generator/model"

// Measurer answers the font questions layout needs. Package pdf adapts a
// fontset.Set to it; tests use a fake.
type Measurer interface {
	// Glyph finds the first face in role's chain that has r and returns its
	// name and r's advance in em. ok is false when no face has r.
	Glyph(role model.Role, r rune) (face string, advance float64, ok bool)
	// Ascent is the ascent in em that a PDF reader reports for role's primary
	// face (the FontDescriptor /Ascent). A line's baseline is set Ascent×size
	// below the line's top so that the glyph boxes start at the grid line.
	Ascent(role model.Role) float64
}

// InkMeasurer is a Measurer that also knows where a glyph's ink lies, for
// the figures GB/T 9704 gives for ink rather than glyph boxes (the top of
// the page number's dashes).
type InkMeasurer interface {
	Measurer
	// Ink returns how far the ink of r (in the face Glyph finds) reaches
	// above the baseline (top) and where it ends (bottom, negative below
	// the baseline), in em; ok is false when r has no ink or no face.
	Ink(role model.Role, r rune) (top, bottom float64, ok bool)
}

// glyphKey caches Measurer answers during one layout run.
type glyphKey struct {
	role model.Role
	r    rune
}

type glyphInfo struct {
	face string
	adv  float64 // em
	ok   bool
}

type cachedMeasurer struct {
	m     Measurer
	cache map[glyphKey]glyphInfo
	asc   map[model.Role]float64
}

func newCachedMeasurer(m Measurer) *cachedMeasurer {
	return &cachedMeasurer{m: m, cache: make(map[glyphKey]glyphInfo, 1024), asc: map[model.Role]float64{}}
}

func (c *cachedMeasurer) glyph(role model.Role, r rune) glyphInfo {
	k := glyphKey{role, r}
	if g, ok := c.cache[k]; ok {
		return g
	}
	f, a, ok := c.m.Glyph(role, r)
	g := glyphInfo{face: f, adv: a, ok: ok}
	c.cache[k] = g
	return g
}

func (c *cachedMeasurer) ascent(role model.Role) float64 {
	if a, ok := c.asc[role]; ok {
		return a
	}
	a := c.m.Ascent(role)
	c.asc[role] = a
	return a
}
