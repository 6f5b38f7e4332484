package serve

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/internal/testkit"
)

// TestGuard: requests the server must refuse, each with its JSON code, and
// the ones it must let through.
func TestGuard(t *testing.T) {
	dir := copyExamples(t, "07-民政局.yaml")
	outside := filepath.Join(t.TempDir(), "secret.yaml")
	os.WriteFile(outside, []byte("agency: 秘密\nyear: 2023\n"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, dir, nil)
	host := strings.TrimPrefix(ts.URL, "http://")
	port := host[strings.LastIndex(host, ":"):]
	yml, _ := os.ReadFile(filepath.Join(dir, "07-民政局.yaml"))
	cases := []struct {
		name, method, path string
		body               []byte
		hdr                map[string]string
		status             int
		code               string
	}{
		{"list", "GET", "/api/reports", nil, nil, 200, ""},
		{"localhost", "GET", "/api/reports", nil, map[string]string{"Host": "localhost" + port}, 200, ""},
		{"rebound name", "GET", "/api/reports", nil, map[string]string{"Host": "evil.example" + port}, 403, "bad-host"},
		{"other port", "GET", "/api/reports", nil, map[string]string{"Host": "127.0.0.1:1"}, 403, "bad-host"},
		{"no port", "GET", "/", nil, map[string]string{"Host": "127.0.0.1"}, 403, "bad-host"},
		{"foreign origin", "POST", "/api/check", yml, map[string]string{"Origin": "http://evil.example"}, 403, "bad-origin"},
		{"rebound origin", "POST", "/api/check", yml, map[string]string{"Origin": "http://evil.example" + port}, 403, "bad-origin"},
		{"own origin", "POST", "/api/check", yml, map[string]string{"Origin": ts.URL}, 200, ""},
		{"missing token", "POST", "/api/check", yml, map[string]string{"X-Gen-Token": ""}, 403, "token"},
		{"wrong token", "PUT", "/api/reports/x.yaml", yml, map[string]string{"X-Gen-Token": "0123"}, 403, "token"},
		{"dot-dot get", "GET", "/api/reports/..%2Fsecret.yaml", nil, nil, 400, "bad-name"},
		{"dot-dot put", "PUT", "/api/reports/..%2F..%2Fsecret.yaml", yml, nil, 400, "bad-name"},
		{"backslash", "GET", "/api/reports/..%5Csecret.yaml", nil, nil, 400, "bad-name"},
		{"absolute", "GET", "/api/reports/%2Fetc%2Fpasswd", nil, nil, 400, "bad-name"},
		{"not yaml", "PUT", "/api/reports/run.sh", yml, nil, 400, "bad-name"},
		{"hidden", "GET", "/api/reports/.gen.yaml", nil, nil, 400, "bad-name"},
		{"link out", "GET", "/api/reports/link.yaml", nil, nil, 403, "not-regular"},
		{"write through link", "PUT", "/api/reports/link.yaml", yml, nil, 403, "not-regular"},
		{"missing", "GET", "/api/reports/nope.yaml", nil, nil, 404, "not-found"},
		{"no endpoint", "GET", "/api/nothing", nil, nil, 404, "not-found"},
		{"bad format", "POST", "/api/render?format=odt", yml, nil, 400, "bad-format"},
		{"import missing", "POST", "/api/import?name=a.docx", []byte("x"), nil, 501, "not-available"},
		{"bad template", "POST", "/api/compile?template=../../x", nil, nil, 400, "bad-template"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, b := ts.do(t, c.method, c.path, c.body, c.hdr)
			if res.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, c.status, b)
			}
			if c.code != "" {
				if e := apiErr(t, b); e.Code != c.code || e.Message == "" {
					t.Fatalf("error %+v, want code %s", e, c.code)
				}
			}
		})
	}
	if b, _ := os.ReadFile(outside); string(b) != "agency: 秘密\nyear: 2023\n" {
		t.Fatalf("the file outside was changed: %q", b)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "secret.yaml")); err == nil {
		t.Fatal("a file was written outside the folder")
	}
}

// TestBodyLimit: a 40 MB body is refused with 413 before it is read, with
// or without a Content-Length, and the server goes on answering.
func TestBodyLimit(t *testing.T) {
	ts := startServer(t, t.TempDir(), nil)
	big := bytes.Repeat([]byte("a"), 40<<20)
	res, b := ts.do(t, "POST", "/api/check", big, nil)
	if res.StatusCode != 413 || apiErr(t, b).Code != "too-large" {
		t.Fatalf("40 MB with length: %d %s", res.StatusCode, b)
	}
	// Chunked: no Content-Length, the limit stops the reading.
	req, _ := http.NewRequest("POST", ts.URL+"/api/render?format=pdf", io.MultiReader(bytes.NewReader(big)))
	req.Header.Set("X-Gen-Token", ts.Token())
	req.ContentLength = -1
	r2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := io.ReadAll(r2.Body)
	r2.Body.Close()
	if r2.StatusCode != 413 || apiErr(t, b2).Code != "too-large" {
		t.Fatalf("40 MB chunked: %d %s", r2.StatusCode, b2)
	}
	if res, _ := ts.do(t, "GET", "/api/reports", nil, nil); res.StatusCode != 200 {
		t.Fatalf("server down after big bodies: %d", res.StatusCode)
	}
}

// TestCheck: /api/check gives the loader's messages, in the CLI's words,
// with line, column and code; and the lint findings.
func TestCheck(t *testing.T) {
	ts := startServer(t, t.TempDir(), nil)
	bad := []byte("agency: 民政局\nyear: 2023年\n")
	res, b := ts.do(t, "POST", "/api/check?name=data.yaml", bad, nil)
	if res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
	var out struct {
		OK          bool       `json:"ok"`
		Errors      int        `json:"errors"`
		Warnings    int        `json:"warnings"`
		Diagnostics []diagJSON `json:"diagnostics"`
	}
	json.Unmarshal(b, &out)
	_, want := load.Parse("data.yaml", bad, load.DefaultLimits)
	if out.OK || out.Errors != 1 || len(out.Diagnostics) != 1 || len(want) != 1 {
		t.Fatalf("%s", b)
	}
	d := out.Diagnostics[0]
	if d.Line != 2 || d.Col != 7 || d.Code != want[0].Code || d.Text != want[0].Format("zh") || d.Severity != "error" {
		t.Fatalf("got %+v, want %s", d, want[0].Format("zh"))
	}
	if !strings.Contains(d.Message, "2023年") {
		t.Fatalf("message %q", d.Message)
	}
	lint := []byte("agency: 民政局\nyear: 2023\nintro: 完成xx项,效果好\n")
	_, b = ts.do(t, "POST", "/api/check", lint, nil)
	json.Unmarshal(b, &out)
	codes := map[string]bool{}
	for _, d := range out.Diagnostics {
		codes[d.Code] = d.Severity == "warning" && d.Line == 3
	}
	if !out.OK || out.Warnings != 2 || len(codes) != 2 {
		t.Fatalf("lint: %s", b)
	}
	for c, ok := range codes {
		if !ok {
			t.Fatalf("lint finding %s not a warning at line 3: %s", c, b)
		}
	}
}

// TestRender: PDF and DOCX of a report, as the CLI writes them.
func TestRender(t *testing.T) {
	dir := copyExamples(t, "07-民政局.yaml")
	ts := startServer(t, dir, nil)
	yml, _ := os.ReadFile(filepath.Join(dir, "07-民政局.yaml"))
	res, pdf := ts.do(t, "POST", "/api/render?format=pdf", yml, nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("pdf: %d %s %.100q", res.StatusCode, res.Header.Get("Content-Type"), pdf)
	}
	if !strings.Contains(res.Header.Get("Content-Disposition"), ".pdf") {
		t.Fatalf("disposition %q", res.Header.Get("Content-Disposition"))
	}
	p := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(p, pdf, 0o644)
	text := testkit.Run(t, "pdftotext", "-l", "1", p, "-")
	if !strings.Contains(strings.ReplaceAll(text, "\n", ""), "民政局") {
		t.Fatalf("pdftotext: %q", text)
	}
	testkit.Run(t, "qpdf", "--check", p)
	if info := testkit.Run(t, "pdfinfo", p); !regexp.MustCompile(`Pages:\s+` + res.Header.Get("X-Gen-Pages") + `\n`).MatchString(info) {
		t.Fatalf("X-Gen-Pages %q, pdfinfo says\n%s", res.Header.Get("X-Gen-Pages"), info)
	}
	res, dx := ts.do(t, "POST", "/api/render?format=docx", yml, nil)
	if res.StatusCode != 200 || !bytes.HasPrefix(dx, []byte("PK")) || !bytes.Contains(dx, []byte("word/document.xml")) {
		t.Fatalf("docx: %d %.100q", res.StatusCode, dx)
	}
	// Invalid data: 422 with the diagnostics, nothing rendered.
	res, b := ts.do(t, "POST", "/api/render?format=pdf", []byte("agency: 局\nyear: 二〇二三\n"), nil)
	if e := apiErr(t, b); res.StatusCode != 422 || e.Code != "invalid" || len(e.Diagnostics) != 1 || e.Diagnostics[0].Line != 2 {
		t.Fatalf("invalid: %d %s", res.StatusCode, b)
	}
}

// TestRenderTimeout: a report that takes longer than the render limit gets
// 503 render-timeout at the limit; the server stays up.
func TestRenderTimeout(t *testing.T) {
	ts := startServer(t, t.TempDir(), func(o *Options) { o.RenderTimeout = 50 * time.Millisecond })
	var b strings.Builder
	b.WriteString("agency: 民政局\nyear: 2023\nsections:\n")
	for i := 0; i < 400; i++ {
		b.WriteString("  - heading: 工作成效\n    text: " + strings.Repeat("全年完成各项工作任务，群众满意度持续提升。", 20) + "\n")
	}
	start := time.Now()
	res, body := ts.do(t, "POST", "/api/render?format=pdf", []byte(b.String()), nil)
	took := time.Since(start)
	if res.StatusCode != 503 || apiErr(t, body).Code != "render-timeout" {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	t.Logf("refused after %v", took)
	// The preview too; and the list, which counts pages, still answers.
	var secs []any
	for i := 0; i < 400; i++ {
		secs = append(secs, map[string]any{"heading": "工作成效", "text": strings.Repeat("全年完成各项工作任务，群众满意度持续提升。", 20)})
	}
	body, _ = json.Marshal(map[string]any{"data": map[string]any{"agency": "民政局", "year": "2023", "sections": secs}, "pages": []int{1}})
	res, body = ts.do(t, "POST", "/api/preview", body, map[string]string{"Content-Type": "application/json"})
	if res.StatusCode != 503 || apiErr(t, body).Code != "render-timeout" {
		t.Fatalf("preview: %d %.300s", res.StatusCode, body)
	}
	os.WriteFile(filepath.Join(ts.Dir, "big.yaml"), []byte(b.String()), 0o644)
	if res, body := ts.do(t, "GET", "/api/reports", nil, nil); res.StatusCode != 200 || !strings.Contains(string(body), "big.yaml") {
		t.Fatalf("server down after a timeout: %d %s", res.StatusCode, body)
	}
}

// TestPanic: a panic while answering one request gives that request a JSON
// 500 and leaves the server up.
func TestPanic(t *testing.T) {
	ts := startServer(t, t.TempDir(), func(o *Options) {
		o.Env = func(name string) (*Env, error) {
			if name == "boom" {
				panic("template boom")
			}
			return testEnv(name)
		}
		o.Templates = []string{"gongwen", "boom"}
	})
	res, b := ts.do(t, "POST", "/api/render?format=pdf&template=boom", []byte("agency: 局\nyear: 2023\n"), nil)
	if res.StatusCode != 500 || apiErr(t, b).Code != "internal" {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
	res, _ = ts.do(t, "POST", "/api/render?format=pdf", []byte("agency: 局\nyear: 2023\n"), nil)
	if res.StatusCode != 200 {
		t.Fatalf("after the panic: %d", res.StatusCode)
	}
}

// TestReports: list, read, save (form data and YAML), new.
func TestReports(t *testing.T) {
	dir := copyExamples(t)
	os.WriteFile(filepath.Join(dir, "gen.yaml"), []byte("out: dist\n"), 0o644)
	ts := startServer(t, dir, nil)
	res, b := ts.do(t, "GET", "/api/reports", nil, nil)
	var list struct{ Reports []listEntry }
	json.Unmarshal(b, &list)
	if res.StatusCode != 200 || len(list.Reports) != 15 {
		t.Fatalf("%d reports: %s", len(list.Reports), b)
	}
	kinds := map[string]int{}
	for _, e := range list.Reports {
		kinds[e.Kind]++
		if e.Name == "07-民政局.yaml" && (e.Pages != 14 || e.Agency != "民政局" || e.Year != 2023 || e.Title == "") {
			t.Fatalf("07: %+v", e)
		}
	}
	if kinds["report"] != 14 || kinds["manifest"] != 1 {
		t.Fatalf("kinds %v", kinds)
	}

	name := "07-民政局.yaml"
	orig, _ := os.ReadFile(filepath.Join(dir, name))
	_, raw := ts.do(t, "GET", "/api/reports/"+name+"?format=yaml", nil, nil)
	if !bytes.Equal(raw, orig) {
		t.Fatal("?format=yaml is not the file")
	}
	_, b = ts.do(t, "GET", "/api/reports/"+name, nil, nil)
	var doc struct {
		Form bool           `json:"form"`
		Data map[string]any `json:"data"`
	}
	json.Unmarshal(b, &doc)
	if !doc.Form || doc.Data["agency"] != "民政局" || doc.Data["year"] != "2023" {
		t.Fatalf("form data: %s", b[:200])
	}
	_, b = ts.do(t, "GET", "/api/reports/汇编.yaml", nil, nil)
	if !strings.Contains(string(b), `"form":false`) || !strings.Contains(string(b), "汇编清单") {
		t.Fatalf("manifest: %s", b)
	}

	// Save the form's data with a changed heading.
	doc.Data["title"] = "民政局2023年工作总结（改）"
	body, _ := json.Marshal(map[string]any{"data": doc.Data})
	// The file changed on disk since it was read: refused with If-Match.
	res, b = ts.do(t, "PUT", "/api/reports/"+name, body, map[string]string{"Content-Type": "application/json", "If-Match": `"0000"`})
	if res.StatusCode != 412 || apiErr(t, b).Code != "changed" {
		t.Fatalf("stale If-Match: %d %s", res.StatusCode, b)
	}
	res, _ = ts.do(t, "GET", "/api/reports/"+name, nil, nil)
	res, b = ts.do(t, "PUT", "/api/reports/"+name, body, map[string]string{"Content-Type": "application/json", "If-Match": res.Header.Get("ETag")})
	if res.StatusCode != 200 || !strings.Contains(string(b), `"saved":true`) {
		t.Fatalf("save: %d %s", res.StatusCode, b)
	}
	saved, _ := os.ReadFile(filepath.Join(dir, name))
	if !bytes.HasPrefix(saved, header(orig)) || len(header(orig)) == 0 {
		t.Fatalf("the top comments were not kept:\n%.300s", saved)
	}
	f, ds := load.ReadFile(filepath.Join(dir, name))
	if ds.HasErrors() || f.Reports[0].Title.Value != "民政局2023年工作总结（改）" {
		t.Fatalf("saved file: %s", ds.Format("zh"))
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(leftovers) > 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
	// Raw YAML, even with errors, is saved as it is (work is not lost).
	res, b = ts.do(t, "PUT", "/api/reports/new.yaml", []byte("agency: 局\nyear: 2023年\n"), nil)
	if res.StatusCode != 200 || !strings.Contains(string(b), `"errors":1`) {
		t.Fatalf("raw save: %d %s", res.StatusCode, b)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "new.yaml")); string(got) != "agency: 局\nyear: 2023年\n" {
		t.Fatalf("raw save wrote %q", got)
	}
	res, b = ts.do(t, "PUT", "/api/reports/new.yaml?create=1", []byte("agency: 局\n"), nil)
	if res.StatusCode != 409 || apiErr(t, b).Code != "exists" {
		t.Fatalf("create over existing: %d %s", res.StatusCode, b)
	}

	// New report: the starter file, never over an existing one.
	res, b = ts.do(t, "POST", "/api/new", []byte(`{"agency":"统计局","year":2024}`), nil)
	if res.StatusCode != 201 || !strings.Contains(string(b), "2024-统计局.yaml") {
		t.Fatalf("new: %d %s", res.StatusCode, b)
	}
	if _, ds := load.ReadFile(filepath.Join(dir, "2024-统计局.yaml")); ds.HasErrors() {
		t.Fatalf("starter: %s", ds.Format("zh"))
	}
	res, b = ts.do(t, "POST", "/api/new", []byte(`{"agency":"统计局","year":2024}`), nil)
	if res.StatusCode != 409 {
		t.Fatalf("new again: %d %s", res.StatusCode, b)
	}
	res, b = ts.do(t, "POST", "/api/new", []byte(`{"agency":"统计局","year":2024,"name":"../x.yaml"}`), nil)
	if res.StatusCode != 400 || apiErr(t, b).Code != "bad-name" {
		t.Fatalf("new ../: %d %s", res.StatusCode, b)
	}
	res, b = ts.do(t, "POST", "/api/new", []byte(`{"agency":"统计局","year":20}`), nil)
	if res.StatusCode != 400 || apiErr(t, b).Code != "year" {
		t.Fatalf("new year 20: %d %s", res.StatusCode, b)
	}
}

// TestPreview: the form's data gives YAML, a PDF and messages at fields.
func TestPreview(t *testing.T) {
	ts := startServer(t, t.TempDir(), nil)
	data := map[string]any{"agency": "民政局", "year": "2023", "sections": []any{
		map[string]any{"heading": "工作成效", "text": "完成xx项"},
	}}
	body, _ := json.Marshal(map[string]any{"data": data})
	res, b := ts.do(t, "POST", "/api/preview", body, map[string]string{"Content-Type": "application/json"})
	var out struct {
		OK          bool       `json:"ok"`
		Pages       int        `json:"pages"`
		PDF         string     `json:"pdf"`
		YAML        string     `json:"yaml"`
		Diagnostics []diagJSON `json:"diagnostics"`
	}
	json.Unmarshal(b, &out)
	pdf, _ := base64.StdEncoding.DecodeString(out.PDF)
	if res.StatusCode != 200 || !out.OK || out.Pages != 1 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("%d %.300s", res.StatusCode, b)
	}
	if len(out.Diagnostics) != 1 || out.Diagnostics[0].Path != "root.sections.0.text" || out.Diagnostics[0].Code == "" {
		t.Fatalf("placeholder not at its field: %+v", out.Diagnostics)
	}
	// Only the pages in view: a PDF of those, with the report's page count.
	long := map[string]any{"agency": "民政局", "year": "2023", "intro": strings.Repeat("全年完成各项工作任务，群众满意度持续提升。", 150)}
	body, _ = json.Marshal(map[string]any{"data": long, "pages": []int{2, 99}})
	_, b = ts.do(t, "POST", "/api/preview", body, map[string]string{"Content-Type": "application/json"})
	var part struct {
		Pages    int    `json:"pages"`
		PDFPages []int  `json:"pdf_pages"`
		PDF      string `json:"pdf"`
	}
	json.Unmarshal(b, &part)
	pdf, _ = base64.StdEncoding.DecodeString(part.PDF)
	p := filepath.Join(t.TempDir(), "part.pdf")
	os.WriteFile(p, pdf, 0o644)
	if part.Pages < 3 || len(part.PDFPages) != 1 || part.PDFPages[0] != 2 || pdfPages(t, p) != 1 {
		t.Fatalf("pages [2, 99]: %d pages, pdf_pages %v", part.Pages, part.PDFPages)
	}
	if txt := testkit.Run(t, "pdftotext", p, "-"); !strings.Contains(strings.ReplaceAll(txt, " ", ""), "—2—") {
		t.Fatalf("the page in the PDF is not page 2:\n%s", txt)
	}

	// The field being edited: its page is drawn and named.
	long["sections"] = []any{map[string]any{"heading": "最后一部分", "text": "结尾的文字。"}}
	body, _ = json.Marshal(map[string]any{"data": long, "pages": []int{1}, "focus": "root.sections.0.text"})
	_, b = ts.do(t, "POST", "/api/preview", body, map[string]string{"Content-Type": "application/json"})
	var foc struct {
		Pages     int   `json:"pages"`
		PDFPages  []int `json:"pdf_pages"`
		FocusPage int   `json:"focus_page"`
	}
	json.Unmarshal(b, &foc)
	if foc.FocusPage != foc.Pages || len(foc.PDFPages) != 2 || foc.PDFPages[1] != foc.Pages {
		t.Fatalf("focus on the last section: %s", b[:min(len(b), 300)])
	}

	data["year"] = "2023年"
	body, _ = json.Marshal(map[string]any{"data": data})
	_, b = ts.do(t, "POST", "/api/preview", body, map[string]string{"Content-Type": "application/json"})
	out.Diagnostics = nil
	json.Unmarshal(b, &out)
	if out.OK || len(out.Diagnostics) != 1 || out.Diagnostics[0].Path != "root.year" {
		t.Fatalf("bad year: %s", b)
	}
	_, want := load.Parse("data.yaml", []byte(out.YAML), load.DefaultLimits)
	if out.Diagnostics[0].Message != want[0].Text("zh") {
		t.Fatalf("message %q, the CLI says %q", out.Diagnostics[0].Message, want[0].Text("zh"))
	}
}

// TestCompile: the volume of the folder (its manifest), as PDF and DOCX;
// a broken file stops it with the messages.
func TestCompile(t *testing.T) {
	dir := copyExamples(t)
	ts := startServer(t, dir, nil)
	// Without the manifest: every report of the folder, gen.yaml aside.
	os.Rename(filepath.Join(dir, "汇编.yaml"), filepath.Join(t.TempDir(), "汇编.yaml"))
	os.WriteFile(filepath.Join(dir, "gen.yaml"), []byte("out: dist\n"), 0o644)
	res, b := ts.do(t, "POST", "/api/compile?format=pdf", nil, nil)
	if res.StatusCode != 200 || res.Header.Get("X-Gen-Reports") != "14" {
		t.Fatalf("folder without manifest: %d %s %.300s", res.StatusCode, res.Header.Get("X-Gen-Reports"), b)
	}
	// (The manifest's "*.yaml" would take gen.yaml too, as gen --compile does.)
	os.Remove(filepath.Join(dir, "gen.yaml"))
	copyFile(t, "../../examples/2023/汇编.yaml", filepath.Join(dir, "汇编.yaml"))
	res, pdf := ts.do(t, "POST", "/api/compile?format=pdf&template=gongwen-redhead", nil, nil)
	if res.StatusCode != 200 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("%d %.300s", res.StatusCode, pdf)
	}
	if res.Header.Get("X-Gen-Reports") != "14" {
		t.Fatalf("reports %q", res.Header.Get("X-Gen-Reports"))
	}
	p := filepath.Join(t.TempDir(), "v.pdf")
	os.WriteFile(p, pdf, 0o644)
	text := testkit.Run(t, "pdftotext", "-l", "3", p, "-")
	if !strings.Contains(text, "目") || !strings.Contains(text, "汇编") {
		t.Fatalf("cover/contents: %.400s", text)
	}
	res, dx := ts.do(t, "POST", "/api/compile?format=docx", nil, nil)
	if res.StatusCode != 200 || !bytes.HasPrefix(dx, []byte("PK")) {
		t.Fatalf("docx %d", res.StatusCode)
	}
	os.WriteFile(filepath.Join(dir, "15-坏.yaml"), []byte("agency: 坏\nyear: 2023年\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "汇编.yaml"), []byte("compilation:\n  title: 汇编\n  include: [\"*.yaml\"]\n"), 0o644)
	res, b = ts.do(t, "POST", "/api/compile?format=pdf", nil, nil)
	e := apiErr(t, b)
	if res.StatusCode != 422 || e.Code != "volume-problems" || len(e.Problems) != 1 || e.Problems[0].Name != "15-坏.yaml" {
		t.Fatalf("broken file: %d %s", res.StatusCode, b)
	}
	res, _ = ts.do(t, "POST", "/api/compile?format=pdf&keep_going=1", nil, nil)
	if res.StatusCode != 200 || res.Header.Get("X-Gen-Left-Out") != "1" {
		t.Fatalf("keep going: %d", res.StatusCode)
	}
	// A manifest that reaches outside the folder is refused.
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "x.yaml"), []byte("agency: 外\nyear: 2023\n"), 0o644)
	rel, _ := filepath.Rel(dir, out)
	os.WriteFile(filepath.Join(dir, "汇编.yaml"), []byte("compilation:\n  title: 汇编\n  include: [\""+filepath.ToSlash(rel)+"/*.yaml\"]\n"), 0o644)
	res, b = ts.do(t, "POST", "/api/compile?format=pdf", nil, nil)
	if res.StatusCode != 403 || apiErr(t, b).Code != "outside" {
		t.Fatalf("outside: %d %s", res.StatusCode, b)
	}
}

// TestImport: a .txt report becomes a data file of the folder (gen
// import), loadable by the CLI; bad input answers 422 with the importer's
// messages; other extensions are refused.
func TestImport(t *testing.T) {
	dir := t.TempDir()
	ts := startServer(t, dir, func(o *Options) { o.Import = Importer(load.DefaultLimits) })
	txt := []byte("民政局2023年工作总结\n一、工作成效\n全年新增低保对象120人。\n二、存在的问题\n一是人手不足。\nxx区民政局\n2024年1月10日\n")
	res, b := ts.do(t, "POST", "/api/import?name=民政局.txt", txt, nil)
	if res.StatusCode != 201 || !strings.Contains(string(b), `"name":"民政局.yaml"`) {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
	f, ds := load.ReadFile(filepath.Join(dir, "民政局.yaml"))
	if ds.HasErrors() || f.Reports[0].Agency.Value != "民政局" || f.Reports[0].Year != 2023 || len(f.Reports[0].Sections) != 2 {
		t.Fatalf("imported file: %s", ds.Format("zh"))
	}
	// Again: a new name, the first file stays.
	res, b = ts.do(t, "POST", "/api/import?name=民政局.txt", txt, nil)
	if res.StatusCode != 201 || !strings.Contains(string(b), `"name":"民政局-2.yaml"`) {
		t.Fatalf("second import: %d %s", res.StatusCode, b)
	}
	res, b = ts.do(t, "POST", "/api/import?name=无年度.txt", []byte("民政局工作总结\n一、工作成效\n全年。\n"), nil)
	if e := apiErr(t, b); res.StatusCode != 422 || e.Code != "import" || len(e.Diagnostics) == 0 {
		t.Fatalf("no year: %d %s", res.StatusCode, b)
	}
	res, b = ts.do(t, "POST", "/api/import?name=x.exe", txt, nil)
	if res.StatusCode != 400 || apiErr(t, b).Code != "bad-name" {
		t.Fatalf("exe: %d %s", res.StatusCode, b)
	}
	res, b = ts.do(t, "POST", "/api/import?name=..%2F..%2Fx.txt", txt, nil)
	if res.StatusCode != 201 || !strings.Contains(string(b), `"name":"x.yaml"`) {
		t.Fatalf("../ in the name: %d %s", res.StatusCode, b)
	}
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestHostRules: which Host values name the server, by listening address.
func TestHostRules(t *testing.T) {
	cases := []struct {
		listen, host string
		ok           bool
	}{
		{"127.0.0.1:8800", "127.0.0.1:8800", true},
		{"127.0.0.1:8800", "localhost:8800", true},
		{"127.0.0.1:8800", "[::1]:8800", true},
		{"127.0.0.1:8800", "127.0.0.1:8801", false},
		{"127.0.0.1:8800", "rebind.example:8800", false},
		{"127.0.0.1:8800", "192.168.1.5:8800", false},
		{"0.0.0.0:8800", "192.168.1.5:8800", true},
		{"0.0.0.0:8800", "localhost:8800", true},
		{"0.0.0.0:8800", "office.example:8800", false},
		{"192.168.1.5:8800", "192.168.1.5:8800", true},
		{"192.168.1.5:8800", "localhost:8800", false},
	}
	for _, c := range cases {
		s := &Server{host: map[string]bool{}}
		s.allow(c.listen)
		if got := s.hostOK(c.host); got != c.ok {
			t.Errorf("listening on %s, Host %s: %v, want %v", c.listen, c.host, got, c.ok)
		}
	}
}
