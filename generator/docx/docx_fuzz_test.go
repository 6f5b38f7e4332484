package docx

import (
	"archive/zip"
	"bytes"
	"testing"
	"time"

	"github.com/gongwen/gen/internal/testkit"

	"github.com/gongwen/gen/generator/tmpl"
)

// FuzzWrite writes a DOCX of a report made from fuzzed text, seeded with
// the paragraphs of the examples: no panic, and the result is a zip that
// passes Verify (well-formed XML, relationships, styles).
func FuzzWrite(f *testing.F) {
	for _, seed := range testkit.Seeds(f, "../..") {
		f.Add(seed)
	}
	tp, err := tmpl.Load("gongwen", nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		if err := Write(&buf, testkit.Report(s), tp, Options{Created: time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatalf("write: %v", err)
		}
		if _, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len())); err != nil {
			t.Fatalf("not a zip: %v", err)
		}
		if err := Verify(buf.Bytes()); err != nil {
			t.Fatalf("verify: %v", err)
		}
	})
}
