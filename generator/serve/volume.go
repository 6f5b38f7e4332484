package serve

// The one file that uses the volume API (generator/compile), as
// `gen --compile DIR` does in cmd/gen/compile.go.

import (
	"bytes"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gongwen/gen/fonts"
	"github.com/gongwen/gen/generator/build"
	"github.com/gongwen/gen/generator/compile"
	"github.com/gongwen/gen/generator/docx"
	"github.com/gongwen/gen/generator/pdf"
	"github.com/gongwen/gen/internal/stamp"
	"github.com/gongwen/gen/templates"
)

// problemJSON is a file left out of (or stopping) a volume.
type problemJSON struct {
	Name        string     `json:"name"`
	Diagnostics []diagJSON `json:"diagnostics"`
}

// templates are the names the page offers for the volume.
func (s *Server) templates() []string {
	if len(s.opt.Templates) > 0 {
		return s.opt.Templates
	}
	return templates.Names
}

// compileHandler binds the folder into one volume: the folder's one
// compilation manifest if it has exactly one, else every report in it.
// Files that do not load stop the volume (422 with their messages) unless
// keep_going=1. Every file of the volume must lie in the folder.
func (s *Server) compileHandler(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "pdf"
	}
	if format != "pdf" && format != "docx" {
		s.fail(w, r, s.errorf(http.StatusBadRequest, "bad-format", "format 只能是 pdf 或 docx，不认识 %q", "format must be pdf or docx, not %q", format))
		return
	}
	template := q.Get("template")
	if template != "" {
		known := false
		for _, n := range s.templates() {
			known = known || n == template
		}
		if !known {
			s.fail(w, r, s.errorf(http.StatusBadRequest, "bad-template", "没有模板 %q，可用的有 %s", "no template %q; there are %s", template, strings.Join(s.templates(), ", ")))
			return
		}
	}
	e, ae := s.env(template)
	if ae != nil {
		s.fail(w, r, ae)
		return
	}
	// The data files as listed (gen.yaml is not one), or the one manifest.
	var inputs, manifests []string
	list, _ := s.entries()
	for _, e := range list {
		inputs = append(inputs, filepath.Join(s.opt.Dir, e.Name))
		if e.Kind == "manifest" {
			manifests = append(manifests, filepath.Join(s.opt.Dir, e.Name))
		}
	}
	if len(manifests) == 1 {
		inputs = manifests
	}
	if len(inputs) == 0 {
		s.fail(w, r, s.errorf(http.StatusUnprocessableEntity, "volume-empty", "文件夹中没有可以汇编的报告", "the folder has no reports to bind"))
		return
	}
	vol, problems, err := build.Collect(inputs, s.opt.Limits)
	if err != nil {
		s.fail(w, r, s.errorf(http.StatusUnprocessableEntity, "volume", "无法汇编：%v", "cannot bind the volume: %v", err))
		return
	}
	paths := make([]string, 0, len(vol.Entries)+len(problems))
	for _, en := range vol.Entries {
		paths = append(paths, en.Path)
	}
	for _, p := range problems {
		paths = append(paths, p.Path)
	}
	for _, p := range paths {
		if !s.inside(p) {
			s.fail(w, r, s.errorf(http.StatusForbidden, "outside", "拒绝汇编：清单收录了本文件夹以外的文件", "refused: the manifest includes files outside the served folder"))
			return
		}
	}
	if len(problems) > 0 && q.Get("keep_going") != "1" {
		ae := s.errorf(http.StatusUnprocessableEntity, "volume-problems",
			"汇编未生成：%d 个文件有错误，请先改正（或略过这些文件）", "volume not made: %d files have errors; fix them first (or leave them out)", len(problems))
		for _, p := range problems {
			rel, _ := filepath.Rel(s.opt.Dir, p.Path)
			ae.Problems = append(ae.Problems, problemJSON{Name: rel, Diagnostics: s.diags(p.Diags, nil)})
		}
		s.fail(w, r, ae)
		return
	}
	if len(vol.Entries) == 0 {
		s.fail(w, r, s.errorf(http.StatusUnprocessableEntity, "volume-empty", "文件夹中没有可以汇编的报告", "the folder has no reports to bind"))
		return
	}
	out := &rendered{}
	var summary string
	err = s.limited(r.Context(), func() error {
		book, err := compile.Bind(vol, &e.Template.Layout, pdf.Measurer(e.Fonts), compile.Options{Duplex: q.Get("duplex") == "1"})
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if format == "pdf" {
			err = build.WriteVolumePDF(&buf, book, e.Fonts)
		} else {
			err = build.WriteVolumeDOCX(&buf, book, e.Template, docx.Options{EmbedFonts: s.opt.EmbedFonts, Fonts: fonts.FS, Created: stamp.Now(), Metrics: e.Fonts})
		}
		out.Data, out.Pages, out.Warn = buf.Bytes(), len(book.Doc.Pages), book.Warnings
		summary = book.Summary(s.opt.Lang)
		return err
	})
	if err != nil {
		s.fail(w, r, s.renderErr(err))
		return
	}
	h := w.Header()
	h.Set("X-Gen-Summary", url.QueryEscape(summary))
	h.Set("X-Gen-Title", url.QueryEscape(vol.FullTitle()))
	h.Set("X-Gen-Reports", strconv.Itoa(len(vol.Entries)))
	h.Set("X-Gen-Left-Out", strconv.Itoa(len(problems)))
	s.sendFile(w, build.SafeName(vol.FullTitle())+"."+format, out)
}

// inside tells whether path, links resolved, lies in the served folder.
func (s *Server) inside(path string) bool {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false
	}
	dir, err := filepath.EvalSymlinks(s.opt.Dir)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(dir, real)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
