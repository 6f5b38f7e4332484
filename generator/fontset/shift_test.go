package fontset

import (
	"bytes"
	"testing"
)

// FuzzShiftGlyph: shiftGlyph never panics on any glyph data (a user's font
// may hold anything), and moving a glyph there and back gives the glyph it
// writes for a move of zero.
func FuzzShiftGlyph(f *testing.F) {
	face := testSet(f).Face(RoleBody)
	if err := face.ready(); err != nil {
		f.Fatal(err)
	}
	gt := newGlyphTable(mustTables(f, face.Data))
	for _, r := range openMarks + "文0" {
		gi, _ := face.font.GlyphIndex(nil, r)
		f.Add(gt.glyph(int(gi)), 500)
	}
	f.Add([]byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, 3)
	f.Fuzz(func(t *testing.T, g []byte, dx int) {
		dx %= 40000
		moved, ok := shiftGlyph(g, dx)
		if !ok {
			return
		}
		back, ok := shiftGlyph(moved, -dx)
		zero, ok0 := shiftGlyph(g, 0)
		if !ok || !ok0 || !bytes.Equal(back, zero) {
			t.Fatalf("shift %d and back: %x, want %x", dx, back, zero)
		}
	})
}
