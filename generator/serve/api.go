package serve

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gongwen/gen/generator/build"
	"github.com/gongwen/gen/generator/model"
)

// Handler is the page and the API behind the guard (see guard).
//
//	GET  /                       the page
//	GET  /api/info               folder, templates, what the page may offer
//	GET  /api/schema             the form's schema (from schema/report.schema.json)
//	GET  /api/reports            the data files of the folder
//	GET  /api/reports/{name}     one file: its YAML, the form's data, messages
//	PUT  /api/reports/{name}     save (YAML body, or JSON {"data": …} from the form)
//	POST /api/new                a starter file, as `gen init` writes it
//	POST /api/check              YAML (or JSON {"data": …}) → messages
//	POST /api/preview            JSON {"data": …} → YAML, messages, pages, PDF
//	POST /api/render?format=pdf|docx   YAML (or JSON) → the file
//	POST /api/compile?format=pdf|docx&template=NAME&duplex=1   the volume of the folder
//	POST /api/import?name=FILE   a .docx/.txt/.md → a new data file (when gen import is built)
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.page)
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", assets()))
	mux.HandleFunc("GET /api/info", s.info)
	mux.HandleFunc("GET /api/schema", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(s.form)
	})
	mux.HandleFunc("GET /api/reports", s.list)
	mux.HandleFunc("GET /api/reports/{name}", s.get)
	mux.HandleFunc("PUT /api/reports/{name}", s.put)
	mux.HandleFunc("POST /api/new", s.newReport)
	mux.HandleFunc("POST /api/check", s.checkHandler)
	mux.HandleFunc("POST /api/preview", s.preview)
	mux.HandleFunc("POST /api/render", s.renderHandler)
	mux.HandleFunc("POST /api/compile", s.compileHandler)
	mux.HandleFunc("POST /api/import", s.importHandler)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, s.errorf(http.StatusNotFound, "not-found", "没有这个接口：%s %s", "no such endpoint: %s %s", r.Method, r.URL.Path))
	})
	return s.guard(mux)
}

func (s *Server) info(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"dir":       s.opt.Dir,
		"templates": s.templates(),
		"lang":      s.opt.Lang,
		"import":    s.opt.Import != nil,
		"comments":  "kept",
		"max_bytes": s.opt.Limits.MaxBytes,
	})
}

// body reads a request body within the limit.
func (s *Server) body(r *http.Request) ([]byte, *apiError) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return nil, s.tooLarge(mb.Limit + 1)
		}
		return nil, s.errorf(http.StatusBadRequest, "read-body", "无法读取请求：%v", "cannot read the request: %v", err)
	}
	return b, nil
}

// formBody is the JSON the page sends: the form's data, and the file name
// messages should name.
type formBody struct {
	Name  string `json:"name"`
	Data  any    `json:"data"`
	Pages []int  `json:"pages,omitempty"` // preview: only these pages
	Focus string `json:"focus,omitempty"` // preview: the field being edited
}

// input is a request's data file: a YAML body, or JSON {"data": …} written
// as YAML like the form saves it (w then maps lines to form fields).
func (s *Server) input(r *http.Request) (src []byte, w *written, name string, ae *apiError) {
	src, w, name, _, ae = s.inputPages(r, "")
	return
}

// inputPages is input that also returns the pages a preview asks for;
// file, when given, is the name the data is written as (a save).
func (s *Server) inputPages(r *http.Request, file string) (src []byte, w *written, name string, pages []int, ae *apiError) {
	src, w, name, pages, _, ae = s.inputForm(r, file)
	return
}

// inputForm is inputPages that also returns the field being edited.
func (s *Server) inputForm(r *http.Request, file string) (src []byte, w *written, name string, pages []int, focus string, ae *apiError) {
	b, ae := s.body(r)
	if ae != nil {
		return nil, nil, "", nil, "", ae
	}
	name = r.URL.Query().Get("name")
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var fb formBody
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if err := dec.Decode(&fb); err != nil {
			return nil, nil, "", nil, "", s.errorf(http.StatusBadRequest, "bad-json", "请求不是有效的 JSON：%v", "the request is not valid JSON: %v", err)
		}
		if file != "" {
			fb.Name = file
		}
		w, err := s.formYAML(fb.Name, fb.Data)
		if err != nil {
			return nil, nil, "", nil, "", s.errorf(http.StatusBadRequest, "bad-json", "表单数据有误：%v", "bad form data: %v", err)
		}
		if fb.Name != "" {
			name = fb.Name
		}
		src = w.YAML
		if name == "" {
			name = "data.yaml"
		}
		return src, w, name, fb.Pages, fb.Focus, nil
	}
	if name == "" {
		name = "data.yaml"
	}
	return b, nil, name, nil, "", nil
}

// formYAML writes the form's data as the YAML the file name would be saved
// as: with the comments of the file on disk (its top block and the comments
// at fields that still exist) put back, so that line numbers in messages
// are those of the saved file.
func (s *Server) formYAML(name string, data any) (*written, error) {
	var old []byte
	if name != "" && s.checkName(name) == nil {
		old, _, _ = s.readFile(name)
	}
	var cm *comments
	if old != nil {
		cm = readComments(old)
	}
	w, err := s.schema.writeYAMLComments(data, cm)
	if err != nil || old == nil {
		return w, err
	}
	h := header(old)
	if len(h) == 0 {
		return w, nil
	}
	out := shift(w, bytes.Count(h, []byte("\n")))
	out.YAML = append(h, w.YAML...)
	return out, nil
}

func (s *Server) checkHandler(w http.ResponseWriter, r *http.Request) {
	src, wr, name, ae := s.input(r)
	if ae != nil {
		s.fail(w, r, ae)
		return
	}
	f, ds := s.check(name, src)
	nerr, nwarn := ds.Count()
	out := map[string]any{"ok": nerr == 0, "errors": nerr, "warnings": nwarn, "diagnostics": s.diags(ds, wr)}
	if f != nil {
		var reps []map[string]any
		for _, rp := range f.Reports {
			reps = append(reps, map[string]any{"agency": rp.Agency.Value, "year": rp.Year, "title": rp.Title.Value, "pages": s.pages(rp)})
		}
		out["reports"] = reps
		out["manifest"] = f.Compilation != nil
	}
	if wr != nil {
		out["yaml"] = string(src)
	}
	writeJSON(w, http.StatusOK, out)
}

// one loads the single report of a request's data file (or the one of
// ?agency=); loader errors answer 422 with the diagnostics.
func (s *Server) one(r *http.Request, name string, src []byte, wr *written) (*model.Report, []diagJSON, *apiError) {
	f, ds := s.check(name, src)
	if f == nil {
		e := s.errorf(http.StatusUnprocessableEntity, "invalid", "数据有 %d 处错误，未生成", "the data has %d errors; nothing generated", len(ds))
		e.Diagnostics = s.diags(ds, wr)
		return nil, nil, e
	}
	reps := f.Reports
	if a := r.URL.Query().Get("agency"); a != "" {
		reps = nil
		for _, rp := range f.Reports {
			if rp.Agency.Value == a {
				reps = append(reps, rp)
			}
		}
	}
	switch {
	case f.Compilation != nil:
		return nil, nil, s.errorf(http.StatusUnprocessableEntity, "manifest", "这是汇编清单，不是报告；请用 /api/compile", "this is a compilation manifest, not a report; use /api/compile")
	case len(reps) == 0:
		return nil, nil, s.errorf(http.StatusUnprocessableEntity, "no-report", "没有找到这个机关的报告", "no report of that agency")
	case len(reps) > 1:
		return nil, nil, s.errorf(http.StatusUnprocessableEntity, "several-reports", "文件中有 %d 篇报告，请用 ?agency= 选一篇", "the file holds %d reports; pick one with ?agency=", len(reps))
	}
	return reps[0], s.diags(ds, wr), nil
}

func (s *Server) renderHandler(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "pdf"
	}
	if format != "pdf" && format != "docx" {
		s.fail(w, r, s.errorf(http.StatusBadRequest, "bad-format", "format 只能是 pdf 或 docx，不认识 %q", "format must be pdf or docx, not %q", format))
		return
	}
	src, wr, name, ae := s.input(r)
	if ae != nil {
		s.fail(w, r, ae)
		return
	}
	rep, _, ae := s.one(r, name, src, wr)
	if ae != nil {
		s.fail(w, r, ae)
		return
	}
	out, ae := s.render(r.Context(), rep, format, r.URL.Query().Get("template"))
	if ae != nil {
		s.fail(w, r, ae)
		return
	}
	s.sendFile(w, build.SafeName(rep.Title.Value)+"."+format, out)
}

func (s *Server) sendFile(w http.ResponseWriter, filename string, out *rendered) {
	h := w.Header()
	if strings.HasSuffix(filename, ".pdf") {
		h.Set("Content-Type", "application/pdf")
	} else {
		h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
	}
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(filename))
	h.Set("Content-Length", strconv.Itoa(len(out.Data)))
	h.Set("Cache-Control", "no-store")
	if out.Pages > 0 {
		h.Set("X-Gen-Pages", strconv.Itoa(out.Pages))
	}
	h.Set("X-Gen-Warnings", strconv.Itoa(len(out.Warn)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out.Data)
}

// preview is what the page asks after every pause in typing: the YAML the
// form stands for, the messages at their fields, the page count and the PDF
// (base64) when the data loads — of the pages in view ("pages": [3, 4]) or
// all of them; "pdf_pages" says which pages the PDF holds.
func (s *Server) preview(w http.ResponseWriter, r *http.Request) {
	src, wr, name, pages, focus, ae := s.inputForm(r, "")
	if ae != nil {
		s.fail(w, r, ae)
		return
	}
	if wr == nil {
		s.fail(w, r, s.errorf(http.StatusUnsupportedMediaType, "bad-json", "请发送 JSON {\"data\": …}", "send JSON {\"data\": …}"))
		return
	}
	out := map[string]any{"yaml": string(src)}
	rep, ds, ae := s.one(r, name, src, wr)
	if ae != nil {
		if ae.Code != "invalid" {
			s.fail(w, r, ae)
			return
		}
		out["ok"] = false
		out["diagnostics"] = ae.Diagnostics
		writeJSON(w, http.StatusOK, out)
		return
	}
	var lines [2]int
	if focus != "" {
		lines = wr.linesOf(focus)
	}
	doc, total, shown, focusPage, ae := s.renderPages(r.Context(), rep, r.URL.Query().Get("template"), pages, lines)
	if ae != nil {
		s.fail(w, r, ae)
		return
	}
	ds = append(ds, s.diags(doc.Warn, wr)...)
	out["ok"] = true
	out["diagnostics"] = ds
	out["pages"] = total
	out["pdf_pages"] = shown
	if focusPage > 0 {
		out["focus_page"] = focusPage
	}
	out["title"] = rep.Title.Value
	out["pdf"] = base64.StdEncoding.EncodeToString(doc.Data)
	writeJSON(w, http.StatusOK, out)
}
