package pdf

import (
	"bytes"
	"testing"

	"github.com/gongwen/gen/internal/testkit"
)

// FuzzRender renders a report made from fuzzed text, seeded with the
// paragraphs of the examples: no panic, a complete PDF, and a missing-glyph
// warning has a position.
func FuzzRender(f *testing.F) {
	for _, seed := range testkit.Seeds(f, "../..") {
		f.Add(seed)
	}
	set := defaultFonts(f)
	tp := gongwen(f, nil)
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		_, warns, err := Render(testkit.Report(s), tp, set, &buf)
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(buf.Bytes()), []byte("%%EOF")) {
			t.Fatal("incomplete PDF")
		}
		for _, w := range warns {
			if w.Pos.File != "f.yaml" || w.Pos.Line < 1 {
				t.Fatalf("warning without position: %s", w.Format("en"))
			}
		}
	})
}
