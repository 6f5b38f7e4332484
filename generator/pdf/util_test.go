package pdf

import (
	"os"
	"testing"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
)

func writeFile(t testing.TB, path string, doc *layout.Document, set *fontset.Set) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := Write(f, doc, set, Info{Title: "test"}); err != nil {
		t.Fatal(err)
	}
}

func writeBytes(path string, b []byte) error { return os.WriteFile(path, b, 0o644) }
