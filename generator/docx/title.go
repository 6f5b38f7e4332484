package docx

import (
	"strings"
	"sync"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// measurer is what lays a report out when the caller gave no layout:
// opt.Measurer, else the advances of the PDF's fonts (opt.Metrics or the
// layout's `pdf:` files), else estimated advances (full-width 1 em,
// half-width ½ em).
func measurer(l *tmpl.Layout, opt Options) layout.Measurer {
	if opt.Measurer != nil {
		return opt.Measurer
	}
	if set := metrics(l, opt); set != nil {
		return setMeasurer{set}
	}
	return estimate{}
}

// setMeasurer measures with a font set, as the PDF does.
type setMeasurer struct{ set *fontset.Set }

func (m setMeasurer) Glyph(role model.Role, r rune) (string, float64, bool) {
	f, ok := m.set.Resolve(string(role), r)
	if !ok || f == nil {
		return "", 0, false
	}
	return f.Name, f.Advance(r), true
}

// Ascent is the ascent the PDF's measurer gives (the face's PDF /Ascent),
// so that the page number's glyph top, set from its dashes' ink, is where
// the PDF has it.
func (m setMeasurer) Ascent(role model.Role) float64 {
	if f := m.set.Face(string(role)); f != nil {
		if v, ok := f.PDFAscent(); ok {
			return v
		}
	}
	return 0.88
}

// Ink implements layout.InkMeasurer, as the PDF's measurer does.
func (m setMeasurer) Ink(role model.Role, r rune) (float64, float64, bool) {
	f, ok := m.set.Resolve(string(role), r)
	if !ok || f == nil {
		return 0, 0, false
	}
	return f.Ink(r)
}

// estimate gives full-width characters 1 em and half-width ones ½ em.
type estimate struct{}

func (estimate) Glyph(_ model.Role, r rune) (string, float64, bool) {
	switch {
	case r < 0x20:
		return "est", 0, true
	case r <= 0x7e, r >= 0xff61 && r <= 0xff9f:
		return "est", 0.5, true
	}
	return "est", 1, true
}

func (estimate) Ascent(model.Role) float64 { return 0.88 }

// layoutFonts caches the font sets loaded for layouts' `pdf:` font files.
var layoutFonts sync.Map // spec key → *fontset.Set (nil when it failed)

// metrics is the font set whose advances break titles: opt.Metrics, else
// the fonts the layout names for the PDF (loaded once per set of files),
// else nil (estimated advances) when they cannot be loaded.
func metrics(l *tmpl.Layout, opt Options) *fontset.Set {
	if opt.Metrics != nil {
		return opt.Metrics
	}
	spec := map[string]string{}
	var key strings.Builder
	for _, role := range []string{fontset.RoleTitle, fontset.RoleBody, fontset.RolePageNum, fontset.RoleFallback} {
		if f, ok := l.Fonts[role]; ok && f.PDF != "" {
			spec[role] = f.PDF
			key.WriteString(role + "=" + f.PDF + ";")
		}
	}
	if _, ok := spec[fontset.RoleTitle]; !ok {
		return nil
	}
	if v, ok := layoutFonts.Load(key.String()); ok {
		return v.(*fontset.Set)
	}
	set, err := fontset.Load(spec)
	if err != nil {
		set = nil
	}
	layoutFonts.Store(key.String(), set)
	return set
}
