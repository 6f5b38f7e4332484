package docx

import (
	"strings"
	"sync"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/tmpl"
)

// TitleLines breaks a title into the lines the PDF sets it in: it calls
// layout.TitleBreaks (the project's one title breaker) with the advances of
// the title font of fonts (role "title", falling back along the role's
// chain like the PDF) and the title width of layout l. The DOCX writes the
// lines with explicit line breaks, so Word, WPS and LibreOffice break the
// title where the PDF does. With fonts nil the characters are estimated
// (full-width 1 em, half-width ½ em).
func TitleLines(title string, l *tmpl.Layout, fonts *fontset.Set) []string {
	title = strings.TrimSpace(title)
	if title == "" {
		return []string{""}
	}
	return layout.TitleBreaks(title, titleMeasure(fonts), layout.TitleWidth(l))
}

// titleMeasure is the advance in em of a title character.
func titleMeasure(fonts *fontset.Set) func(rune) float64 {
	if fonts == nil {
		return runeWidth
	}
	return func(r rune) float64 {
		f, ok := fonts.Resolve(fontset.RoleTitle, r)
		if !ok || f == nil {
			return 1 // the PDF draws a 1 em box
		}
		return f.Advance(r)
	}
}

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
	for _, role := range []string{fontset.RoleTitle, fontset.RoleBody, fontset.RoleFallback} {
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
