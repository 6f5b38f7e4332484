package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gongwen/gen/fonts"
	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/docx"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/lint"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/pdf"
	"github.com/gongwen/gen/internal/stamp"
)

// diagJSON is one message of the loader, validator or lint, as the API
// returns it. Text is the line `gen check` prints.
type diagJSON struct {
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Code     string `json:"code"`
	Severity string `json:"severity"` // "error" or "warning"
	Message  string `json:"message"`
	Text     string `json:"text"`
	// Path is the form field ("root.sections.0.heading") when the YAML was
	// written from the form.
	Path string `json:"path,omitempty"`
}

func (s *Server) diags(ds diag.List, w *written) []diagJSON {
	out := []diagJSON{}
	for _, d := range ds {
		j := diagJSON{Line: d.Pos.Line, Col: d.Pos.Col, Code: d.Code, Severity: "error",
			Message: d.Text(s.opt.Lang), Text: d.Format(s.opt.Lang)}
		if d.Severity == diag.Warning {
			j.Severity = "warning"
		}
		if w != nil {
			j.Path = w.pathAt(d.Pos.Line)
		}
		out = append(out, j)
	}
	return out
}

// check loads a data file with the CLI's loader and limits and lints its
// reports: the messages of `gen check`.
func (s *Server) check(name string, src []byte) (*model.File, diag.List) {
	f, ds := load.Parse(name, src, s.opt.Limits)
	if ds.HasErrors() || f == nil {
		return nil, ds
	}
	for _, r := range f.Reports {
		ds = append(ds, lint.Report(r).Diags...)
	}
	ds.Sort()
	return f, ds
}

// env is the template and fonts for a template name, loaded once.
func (s *Server) env(template string) (*Env, *apiError) {
	s.mu.Lock()
	e, ok := s.envs[template]
	s.mu.Unlock()
	if ok {
		return e, nil
	}
	e, err := s.opt.Env(template)
	if err != nil {
		return nil, s.errorf(http.StatusBadRequest, "bad-template", "模板 %s 无法使用：%v", "template %s cannot be used: %v", template, err)
	}
	s.mu.Lock()
	s.envs[template] = e
	s.mu.Unlock()
	return e, nil
}

var errTimeout = errors.New("render time limit")

// limited runs fn with the render time limit, at most a few at a time. A
// render that overruns is answered with an error at once; it keeps its slot
// until it ends, so overruns cannot pile up. A panic in fn is an error.
func (s *Server) limited(ctx context.Context, fn func() error) error {
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	done := make(chan error, 1)
	go func() {
		defer func() { <-s.slots }()
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("内部错误（internal error）: %v", p)
			}
		}()
		done <- fn()
	}()
	t := time.NewTimer(s.opt.RenderTimeout)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
		return errTimeout
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Server) renderErr(err error) *apiError {
	if errors.Is(err, errTimeout) {
		return s.errorf(http.StatusServiceUnavailable, "render-timeout",
			"排版超过时限 %v，已放弃：报告太长或太复杂", "rendering took longer than %v and was abandoned: the report is too long or complex", s.opt.RenderTimeout)
	}
	if errors.Is(err, context.Canceled) {
		return s.errorf(499, "cancelled", "请求已取消", "request cancelled")
	}
	return s.errorf(http.StatusInternalServerError, "render", "生成失败：%v", "rendering failed: %v", err)
}

// rendered is one exported document.
type rendered struct {
	Data  []byte
	Pages int
	Warn  diag.List
}

// render exports one report as "pdf" or "docx" with the named template,
// through the same exporters as the CLI.
func (s *Server) render(ctx context.Context, r *model.Report, format, template string) (*rendered, *apiError) {
	e, ae := s.env(template)
	if ae != nil {
		return nil, ae
	}
	out := &rendered{}
	err := s.limited(ctx, func() error {
		var buf bytes.Buffer
		switch format {
		case "pdf":
			doc, warn, err := pdf.Render(r, e.Template, e.Fonts, &buf)
			if err != nil {
				return err
			}
			out.Pages, out.Warn = len(doc.Pages), warn
		case "docx":
			err := docx.Write(&buf, r, e.Template, docx.Options{EmbedFonts: s.opt.EmbedFonts, Fonts: fonts.FS, Created: stamp.Now(), Metrics: e.Fonts})
			if err != nil {
				return err
			}
		}
		out.Data = buf.Bytes()
		return nil
	})
	if err != nil {
		return nil, s.renderErr(err)
	}
	return out, nil
}

// renderPages lays a report out and writes a PDF of only the given pages
// (1-based; all when empty): the preview redraws the pages in view first,
// and a PDF of two pages is written and drawn far faster than one of
// fourteen. Total is the report's page count.
//
// lines, when given, are the YAML lines of the field being edited: the
// first page that prints text from them is added to the pages and returned
// as focus, so the preview can show where the clerk is typing.
func (s *Server) renderPages(ctx context.Context, r *model.Report, template string, pages []int, lines [2]int) (*rendered, int, []int, int, *apiError) {
	e, ae := s.env(template)
	if ae != nil {
		return nil, 0, nil, 0, ae
	}
	// The render may outlive a timeout: it writes only its own result,
	// which is read once it has finished.
	type result struct {
		out          rendered
		total, focus int
		shown        []int
	}
	res := &result{}
	err := s.limited(ctx, func() error {
		doc := layout.Layout(r.Elements(), &e.Template.Layout, pdf.Measurer(e.Fonts), layout.Options{})
		want := append([]int(nil), pages...)
		if lines[0] > 0 {
			res.focus = pageOf(doc, lines)
			if res.focus > 0 && len(want) > 0 {
				want = append(want, res.focus)
			}
		}
		for _, m := range doc.Missing {
			res.out.Warn = append(res.out.Warn, diag.Warn(m.Pos, "missing-glyph", string(m.Rune), m.Rune))
		}
		res.total = len(doc.Pages)
		sub := *doc
		if len(want) > 0 {
			sub.Pages, sub.Outline = nil, nil
			seen := map[int]bool{}
			for _, p := range want {
				if p >= 1 && p <= res.total && !seen[p] {
					seen[p] = true
					sub.Pages = append(sub.Pages, doc.Pages[p-1])
					res.shown = append(res.shown, p)
				}
			}
		}
		if len(res.shown) == 0 {
			sub = *doc
			for p := 1; p <= res.total; p++ {
				res.shown = append(res.shown, p)
			}
		}
		var buf bytes.Buffer
		if err := pdf.Write(&buf, &sub, e.Fonts, pdf.Info{Title: r.Title.Value, Author: r.Issuer.Value}); err != nil {
			return err
		}
		res.out.Data, res.out.Pages = buf.Bytes(), res.total
		return nil
	})
	if err != nil {
		return nil, 0, nil, 0, s.renderErr(err)
	}
	return &res.out, res.total, res.shown, res.focus, nil
}

// pageOf is the first page (1-based) with text from the YAML lines
// [from, to]. A line of text that starts with a generated number ("18.")
// names no source, so for a field without such a run it is the page of the
// text that follows the field (or, at the end, of the text before it).
func pageOf(doc *layout.Document, lines [2]int) int {
	before, after := 0, 0
	for i, pg := range doc.Pages {
		for _, r := range pg.Runs {
			if r.Src == nil {
				continue
			}
			l := r.Src.Locate(r.Off).Line
			switch {
			case l >= lines[0] && l <= lines[1]:
				return i + 1
			case l < lines[0]:
				before = i + 1
			case after == 0:
				after = i + 1
			}
		}
	}
	if after > 0 {
		return after
	}
	return before
}

// pages lays a report out (no PDF written) to count its pages, within the
// render time limit (0 when it cannot).
func (s *Server) pages(r *model.Report) int {
	e, ae := s.env("")
	if ae != nil {
		return 0
	}
	n := new(int)
	if err := s.limited(context.Background(), func() error {
		doc := layout.Layout(r.Elements(), &e.Template.Layout, pdf.Measurer(e.Fonts), layout.Options{})
		*n = len(doc.Pages)
		return nil
	}); err != nil {
		return 0 // n may still be written by the overrunning layout
	}
	return *n
}
