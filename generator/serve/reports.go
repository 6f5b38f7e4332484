package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"
	"time"
)

// listEntry is one data file of the folder in GET /api/reports.
type listEntry struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"` // report, reports, manifest, invalid
	Agency   string `json:"agency,omitempty"`
	Year     int    `json:"year,omitempty"`
	Title    string `json:"title,omitempty"`
	Reports  int    `json:"reports,omitempty"`
	Pages    int    `json:"pages,omitempty"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	Message  string `json:"message,omitempty"` // the first error
	Modified string `json:"modified"`
	size     int64
	mtime    time.Time
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	out, err := s.entries()
	if err != nil {
		s.fail(w, r, s.errorf(http.StatusInternalServerError, "read-dir", "无法读取文件夹：%v", "cannot read the folder: %v", err))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"dir": s.opt.Dir, "reports": out})
}

// entries lists the folder's data files, each loaded once per change
// (cached by size and modification time).
func (s *Server) entries() ([]listEntry, error) {
	files, err := s.dataFiles()
	if err != nil {
		return nil, err
	}
	out := []listEntry{}
	for _, st := range files {
		name := st.Name()
		s.mu.Lock()
		e, ok := s.cache[name]
		s.mu.Unlock()
		if !ok || e.size != st.Size() || !e.mtime.Equal(st.ModTime()) {
			e = s.entry(name)
			e.size, e.mtime = st.Size(), st.ModTime()
			e.Modified = st.ModTime().Format("2006-01-02 15:04")
			s.mu.Lock()
			s.cache[name] = e
			s.mu.Unlock()
		}
		out = append(out, e)
	}
	return out, nil
}

// entry loads one file for the list: agency, year, title, pages, counts.
func (s *Server) entry(name string) listEntry {
	e := listEntry{Name: name, Kind: "invalid"}
	src, _, ae := s.readFile(name)
	if ae != nil {
		e.Errors, e.Message = 1, ae.Message
		return e
	}
	f, ds := s.check(name, src)
	e.Errors, e.Warnings = ds.Count()
	if f == nil {
		if len(ds) > 0 {
			e.Message = ds[0].Format(s.opt.Lang)
		}
		return e
	}
	switch {
	case f.Compilation != nil:
		e.Kind, e.Title = "manifest", f.Compilation.Title.Value
	case len(f.Reports) == 1:
		rp := f.Reports[0]
		e.Kind, e.Agency, e.Year, e.Title, e.Reports = "report", rp.Agency.Value, rp.Year, rp.Title.Value, 1
		e.Pages = s.pages(rp)
	default:
		e.Kind, e.Reports = "reports", len(f.Reports)
		for _, rp := range f.Reports {
			e.Pages += s.pages(rp)
		}
		if len(f.Reports) > 0 {
			e.Agency, e.Year, e.Title = f.Reports[0].Agency.Value, f.Reports[0].Year, f.Reports[0].Title.Value
		}
	}
	return e
}

// get answers one file: its YAML, the form's data when the form can edit
// it (one report whose YAML parses), and the messages of `gen check`.
// ?format=yaml answers the file itself.
func (s *Server) get(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	src, _, ae := s.readFile(name)
	if ae != nil {
		s.fail(w, r, ae)
		return
	}
	if r.URL.Query().Get("format") == "yaml" {
		w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(src)
		return
	}
	_, ds := s.check(name, src)
	w.Header().Set("ETag", etag(src))
	out := map[string]any{"name": name, "yaml": string(src), "diagnostics": s.diags(ds, nil), "form": false, "etag": etag(src)}
	data, err := s.schema.formData(src)
	switch {
	case errors.Is(err, errMulti):
		out["reason"] = s.msg("这个文件中有多篇报告（reports:），表单只编辑一篇报告的文件", "the file holds several reports (reports:); the form edits files of one report")
	case errors.Is(err, errManifest):
		out["reason"] = s.msg("这是汇编清单，用“汇编”按钮生成汇编", "this is a compilation manifest; use the volume button")
	case err != nil:
		out["reason"] = s.msg("文件不是有效的 YAML，请先按下面的提示在编辑器中改正", "the file is not valid YAML; fix it in an editor as the messages say")
	default:
		out["form"] = true
		out["data"] = data
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) msg(zh, en string) string {
	if s.opt.Lang == "en" {
		return en
	}
	return zh
}

// put saves a file. A JSON body {"data": …} is the form's data, written as
// YAML in the schema's order with the file's top comment block kept; any
// other body is saved as it is. ?create=1 refuses to replace a file. The
// file is saved even when it has errors (work is never lost); the answer
// lists them.
func (s *Server) put(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if ae := s.checkName(name); ae != nil {
		s.fail(w, r, ae)
		return
	}
	// The form's data is written as this file: its comments kept.
	src, wr, _, _, ae := s.inputPages(r, name)
	if ae != nil {
		s.fail(w, r, ae)
		return
	}
	create := r.URL.Query().Get("create") == "1"
	if m := r.Header.Get("If-Match"); m != "" {
		// Saved from what the page loaded: refuse if the file changed since.
		old, _, e := s.readFile(name)
		if e == nil && etag(old) != m || e != nil && e.Code != "not-found" {
			s.fail(w, r, s.errorf(http.StatusPreconditionFailed, "changed",
				"%s 在打开之后被别的程序改过，未保存；要用表单的内容覆盖，请再保存一次", "%s changed on disk since it was opened; not saved (save again to overwrite)", name))
			return
		}
	}
	if ae := s.writeFile(name, src, create); ae != nil {
		s.fail(w, r, ae)
		return
	}
	_, ds := s.check(name, src)
	nerr, nwarn := ds.Count()
	w.Header().Set("ETag", etag(src))
	writeJSON(w, http.StatusOK, map[string]any{"name": name, "saved": true, "bytes": len(src), "etag": etag(src),
		"errors": nerr, "warnings": nwarn, "diagnostics": s.diags(ds, wr), "comments": "kept"})
}

// etag names a version of a file's bytes.
func etag(b []byte) string {
	h := sha256.Sum256(b)
	return `"` + hex.EncodeToString(h[:12]) + `"`
}

// shift moves the line map down by n lines (a header put above the YAML).
func shift(w *written, n int) *written {
	out := &written{YAML: w.YAML}
	for _, l := range w.Lines {
		out.Lines = append(out.Lines, lineRef{Line: l.Line + n, Path: l.Path})
	}
	return out
}

// newReport writes the starter file of `gen init` for {agency, year} as
// {name} (default AGENCYYEAR.yaml), never over an existing file.
func (s *Server) newReport(w http.ResponseWriter, r *http.Request) {
	b, ae := s.body(r)
	if ae != nil {
		s.fail(w, r, ae)
		return
	}
	var req struct {
		Agency string `json:"agency"`
		Year   int    `json:"year"`
		Name   string `json:"name"`
	}
	if err := json.Unmarshal(b, &req); err != nil {
		s.fail(w, r, s.errorf(http.StatusBadRequest, "bad-json", "请求不是有效的 JSON：%v", "the request is not valid JSON: %v", err))
		return
	}
	req.Agency = strings.TrimSpace(req.Agency)
	if req.Agency == "" {
		s.fail(w, r, s.errorf(http.StatusBadRequest, "agency", "请填写机关简称，如“民政局”", "give the agency's short name, e.g. 民政局"))
		return
	}
	if req.Year < 1949 || req.Year > 2100 {
		s.fail(w, r, s.errorf(http.StatusBadRequest, "year", "年度应在 1949–2100 之间，现为 %d", "the year must be 1949–2100, not %d", req.Year))
		return
	}
	if req.Name == "" {
		req.Name = fmt.Sprintf("%d-%s.yaml", req.Year, req.Agency)
	}
	if path.Ext(req.Name) == "" {
		req.Name += ".yaml"
	}
	if s.opt.Starter == nil {
		s.fail(w, r, s.errorf(http.StatusNotImplemented, "not-available", "此版本不能新建报告", "new reports are not available"))
		return
	}
	src, err := s.opt.Starter(req.Agency, req.Year)
	if err != nil {
		s.fail(w, r, s.errorf(http.StatusInternalServerError, "starter", "无法生成起始文件：%v", "cannot make the starter file: %v", err))
		return
	}
	if ae := s.writeFile(req.Name, src, true); ae != nil {
		s.fail(w, r, ae)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"name": req.Name})
}

// importHandler turns a dropped .docx/.txt/.md (?name=FILE, the file as
// the body) into new data files with `gen import` (Options.Import): one per
// report, named after the file (a volume gives FILE-01.yaml, …), never over
// an existing file. Without the importer the answer is 501.
func (s *Server) importHandler(w http.ResponseWriter, r *http.Request) {
	if s.opt.Import == nil {
		s.fail(w, r, s.errorf(http.StatusNotImplemented, "not-available",
			"此版本还不能导入 .docx/.txt（gen import 尚未提供）", "importing .docx/.txt is not available in this build (no gen import)"))
		return
	}
	src := path.Base(strings.ReplaceAll(r.URL.Query().Get("name"), "\\", "/"))
	ext := strings.ToLower(path.Ext(src))
	if ext != ".docx" && ext != ".txt" && ext != ".md" && ext != ".markdown" {
		s.fail(w, r, s.errorf(http.StatusBadRequest, "bad-name", "只能导入 .docx、.txt 或 .md 文件，不能导入 %q", "only .docx, .txt and .md files can be imported, not %q", src))
		return
	}
	b, ae := s.body(r)
	if ae != nil {
		s.fail(w, r, ae)
		return
	}
	files, ds := s.opt.Import(src, b)
	if ds.HasErrors() || len(files) == 0 {
		e := s.errorf(http.StatusUnprocessableEntity, "import", "无法导入 %s，见下面的提示", "cannot import %s; see the messages", src)
		e.Diagnostics = s.diags(ds, nil)
		s.fail(w, r, e)
		return
	}
	base := strings.TrimSuffix(src, path.Ext(src))
	var names []string
	for i, y := range files {
		stem := base
		if len(files) > 1 {
			stem = fmt.Sprintf("%s-%02d", base, i+1)
		}
		name := safeYAMLName(stem)
		for k := 2; ; k++ {
			if _, err := s.root.Lstat(name); err != nil {
				break
			}
			name = safeYAMLName(fmt.Sprintf("%s-%d", stem, k))
		}
		if ae := s.writeFile(name, y, true); ae != nil {
			s.fail(w, r, ae)
			return
		}
		names = append(names, name)
	}
	writeJSON(w, http.StatusCreated, map[string]any{"name": names[0], "names": names, "diagnostics": s.diags(ds, nil)})
}

func safeYAMLName(base string) string {
	n := strings.TrimLeft(strings.ReplaceAll(base, "..", "_"), ". ")
	n = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, n)
	if n == "" {
		n = "imported"
	}
	return n + ".yaml"
}
