package serve

import (
	"io/fs"
	"net/http/httptest"
	"strings"
	"testing"
)

// .mjs files (pdf.js) are served as JavaScript, though the type is
// registered on first use rather than at start-up.
func TestMJSServedAsJavaScript(t *testing.T) {
	var mjs string
	_ = fs.WalkDir(web, "web", func(p string, d fs.DirEntry, err error) error {
		if err == nil && mjs == "" && strings.HasSuffix(p, ".mjs") {
			mjs = strings.TrimPrefix(p, "web")
		}
		return nil
	})
	if mjs == "" {
		t.Skip("no .mjs asset embedded")
	}
	h := assets()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", mjs, nil))
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("%s served as %q (status %d)", mjs, ct, rec.Code)
	}
}
