package serve

import (
	"bytes"
	"embed"
	"html"
	"io/fs"
	"mime"
	"net/http"
	"sync"

	"github.com/gongwen/gen/fonts"
)

// web holds the page and the vendored libraries (web/vendor, refreshed by
// web/vendor/refresh.sh): everything the page loads comes from the binary.
//
//go:embed web
var web embed.FS

// mjsType registers the type of .mjs files on first use, not at start-up:
// mime.AddExtensionType reads the system's mime.types (16,000 allocations),
// which every gen command would otherwise pay.
var mjsType sync.Once

func assets() http.Handler {
	// pdf.js ships ES modules as .mjs; browsers insist on a script type.
	mjsType.Do(func() { _ = mime.AddExtensionType(".mjs", "text/javascript") })
	sub, _ := fs.Sub(web, "web")
	fsrv := http.FileServer(http.FS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "font/ui.ttf" {
			// FandolHei (GPL with font exception), already in the binary.
			b, err := fonts.FS.ReadFile("FandolHei-Regular.ttf")
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "font/ttf")
			w.Header().Set("Cache-Control", "max-age=86400")
			_, _ = w.Write(b)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		fsrv.ServeHTTP(w, r)
	})
}

// page is the page with the token and language filled in.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	b, err := web.ReadFile("web/index.html")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	b = bytes.ReplaceAll(b, []byte("{{TOKEN}}"), []byte(html.EscapeString(s.opt.Token)))
	b = bytes.ReplaceAll(b, []byte("{{LANG}}"), []byte(html.EscapeString(s.opt.Lang)))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b)
}
