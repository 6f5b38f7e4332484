package fontset

import "testing"

// TestInk: the ink of the page number face's em dash is a thin bar at about
// a third of the em above the baseline; digits stand on the baseline; a
// space and a missing glyph have no ink.
func TestInk(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f, ok := set.Resolve(RolePageNum, '—')
	if !ok {
		t.Fatal("no face for the em dash")
	}
	top, bottom, ok := f.Ink('—')
	if !ok || top < 0.2 || top > 0.5 || top-bottom <= 0 || top-bottom > 0.15 {
		t.Errorf("em dash ink %.3f..%.3f em (ok %v), want a thin bar 0.2–0.5 em above the baseline", bottom, top, ok)
	}
	if top, bottom, ok := f.Ink('1'); !ok || bottom < -0.02 || bottom > 0.02 || top < 0.6 || top > 0.8 {
		t.Errorf("digit 1 ink %.3f..%.3f em (ok %v), want on the baseline, 0.6–0.8 em high", bottom, top, ok)
	}
	if _, _, ok := f.Ink(' '); ok {
		t.Error("a space has ink")
	}
	if _, _, ok := f.Ink(0x10FFFD); ok {
		t.Error("a missing glyph has ink")
	}
}
