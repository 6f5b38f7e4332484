package layout

import (
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// fakeMeasurer: ASCII half width, everything else 1 em, runes in missing
// have no face.
type fakeMeasurer struct{ missing string }

func (f fakeMeasurer) Glyph(role model.Role, r rune) (string, float64, bool) {
	if strings.ContainsRune(f.missing, r) {
		return "", 0, false
	}
	if r < 0x80 {
		return "Fake-" + string(role), 0.5, true
	}
	return "Fake-" + string(role), 1, true
}

func (f fakeMeasurer) Ascent(model.Role) float64 { return 0.88 }

func gongwen(t testing.TB, over map[string]any) *tmpl.Layout {
	t.Helper()
	tp, err := tmpl.Load("gongwen", over)
	if err != nil {
		t.Fatal(err)
	}
	return &tp.Layout
}

func body(s string) []glyph {
	e := &engine{m: newCachedMeasurer(fakeMeasurer{})}
	return e.shape([]model.Span{{Text: s, Role: model.RoleBody}}, 16, false)
}

// lineTexts returns the text of each line broken at width w (grid scale).
func lineTexts(s string, first, rest float64) ([]string, []line, []glyph) {
	gs := body(s)
	lines := breakLines(gs, runes(gs), first, rest, 442.2047/28/16)
	var out []string
	for _, ln := range lines {
		out = append(out, string(runes(gs[ln.start:ln.end])))
	}
	return out, lines, gs
}
