package importer

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/docx"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/internal/testkit"
)

// profile is one LibreOffice user installation for all conversions of
// the package's tests (creating one takes seconds).
var profile string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "importer-lo-")
	if err == nil {
		profile = filepath.Join(dir, "profile")
	}
	code := m.Run()
	if dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// soffice converts src with LibreOffice headless to the format ("docx:MS
// Word 2007 XML", "doc:MS Word 97") and returns the file written.
func soffice(t *testing.T, src, format, infilter string) string {
	t.Helper()
	return sofficeAll(t, []string{src}, format, infilter)[0]
}

// sofficeAll converts several files in one LibreOffice run.
func sofficeAll(t *testing.T, srcs []string, format, infilter string) []string {
	t.Helper()
	bin := testkit.Path(t, "soffice")
	dir := t.TempDir()
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(profile), "--headless", "--norestore", "--nolockcheck"}
	if infilter != "" {
		args = append(args, "--infilter="+infilter)
	}
	args = append(args, "--convert-to", format, "--outdir", dir)
	for _, src := range srcs {
		abs, _ := filepath.Abs(src)
		args = append(args, abs)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "SAL_USE_VCLPLUGIN=svp")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	ext := "." + strings.SplitN(format, ":", 2)[0]
	var outs []string
	for _, src := range srcs {
		out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))+ext)
		if st, err := os.Stat(out); err != nil || st.Size() == 0 {
			t.Fatalf("soffice wrote no %s", out)
		}
		outs = append(outs, out)
	}
	return outs
}

// TestLibreOfficeResave: every example's DOCX, opened and saved again by
// LibreOffice (which rewrites its styles and runs), imports to the same
// printed text and structure.
func TestLibreOfficeResave(t *testing.T) {
	testkit.Path(t, "soffice")
	exs := exampleReports(t)
	tp := gongwen(t)
	dir := t.TempDir()
	var srcs []string
	for name, r := range exs {
		data, err := docx.Render(r, tp, docx.Options{})
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, strings.TrimSuffix(name, ".yaml")+".docx")
		os.WriteFile(p, data, 0o644)
		srcs = append(srcs, p)
	}
	for _, f := range sofficeAll(t, srcs, "docx:MS Word 2007 XML", "") {
		name := strings.TrimSuffix(filepath.Base(f), ".docx") + ".yaml"
		got, _ := importOne(t, f)
		ex := exs[name]
		if d := diffLines(printed(ex), printed(got)); d != "" {
			t.Errorf("%s: printed text differs at %s", name, d)
		}
		if a, b := structure(ex), structure(got); a != b {
			t.Errorf("%s: structure %s, want %s", name, b, a)
		}
	}
}

func importOne(t *testing.T, path string) (*model.Report, diag.List) {
	t.Helper()
	rs, ds := ImportFile(path, Options{})
	if ds.HasErrors() || len(rs) != 1 {
		t.Fatalf("%s: %d reports\n%s", path, len(rs), ds.Format("zh"))
	}
	return reload(t, filepath.Base(path), rs)[0], ds
}

// outline lists the headings of a report, indented by depth, with the
// numbers gen prints.
func outline(r *model.Report) string {
	var b strings.Builder
	var walk func(bs []*model.Block, d int)
	walk = func(bs []*model.Block, d int) {
		for _, x := range bs {
			b.WriteString(strings.Repeat("  ", d) + x.Number + x.Heading.Value + "\n")
			walk(x.Items, d+1)
		}
	}
	walk(r.Sections, 0)
	return b.String()
}

// TestLibreOfficeODT: an ODT whose numbers are automatic (一、 （一） 1.,
// Chinese counting) and never in the text, saved as DOCX by LibreOffice.
// The second file, features.fodt, has a tracked deletion and insertion,
// a text box and a field, which LibreOffice writes as w:del, w:ins,
// w:txbxContent (with a VML fallback) and a complex field.
func TestLibreOfficeODT(t *testing.T) {
	files := sofficeAll(t, []string{"testdata/numbered.fodt", "testdata/features.fodt"}, "docx:MS Word 2007 XML", "")
	f, _ := importOne(t, files[1])
	if got := printed(f); got != "测试局2023年工作总结\n今年以来，我局工作扎实。\n一、工作成效\n（一）文本框里的标题。框中的正文。\n二、存在问题\n力量不足，经办人王五。\nxx区测试局\n2024年1月10日\n" {
		t.Errorf("tracked changes, text box or field:\n%s", got)
	}
	r, _ := importOne(t, files[0])
	want := "一、2023年工作成效\n  （一）民生保障持续加强\n  （二）养老服务不断完善\n    1.\n    2.\n二、2024年工作计划\n"
	if got := outline(r); got != want {
		t.Errorf("outline:\n%s\nwant:\n%s", got, want)
	}
	if r.Title.Value != "测试局2023年工作总结及2024年工作计划" || r.Agency.Value != "测试局" || r.Year != 2023 {
		t.Errorf("title %q agency %q year %d", r.Title.Value, r.Agency.Value, r.Year)
	}
}

// TestLibreOfficeHTML: a web page with <h1> headings, an <ol> list
// (automatic numbers in the DOCX), a table, signature and date, as
// LibreOffice saves it as DOCX.
func TestLibreOfficeHTML(t *testing.T) {
	r, _ := importOne(t, soffice(t, "testdata/report.html", "docx:MS Word 2007 XML", "HTML (StarWriter)"))
	want := "2023年工作成效\n  1.基本民生保障持续加强\n  2.养老服务体系不断完善\n存在的问题\n"
	if got := outline(r); got != want {
		t.Errorf("outline:\n%s\nwant:\n%s", got, want)
	}
	if r.Recipient.Value != "区委、区政府" || r.Signature.Value != "xx区测试局" || r.Date == nil || r.Date.Format() != "2024年1月10日" {
		t.Errorf("recipient %q signature %q date %v", r.Recipient.Value, r.Signature.Value, r.Date)
	}
	b := r.Sections[1]
	if b.Table == nil || len(b.Table.Rows) != 2 || b.Table.Columns[1].Value != "完成情况" || len(b.Points) != 2 {
		t.Errorf("table or points lost: %+v", b)
	}
}

// TestLibreOfficeDoc: a real binary .doc gets the "save as .docx" message.
func TestLibreOfficeDoc(t *testing.T) {
	path := soffice(t, "testdata/numbered.fodt", "doc:MS Word 97", "")
	_, ds := ImportFile(path, Options{})
	if d := hasCode(ds, "imp-doc", diag.Error); d == nil || !strings.Contains(d.Format("zh"), "另存为") {
		t.Fatalf("want the .doc message, got:\n%s", ds.Format("zh"))
	}
}

// TestPandoc: Markdown converted by pandoc: # headings with typed numbers,
// a bold run-in heading, an automatic list, a pipe table.
func TestPandoc(t *testing.T) {
	bin := testkit.Path(t, "pandoc")
	out := filepath.Join(t.TempDir(), "pandoc.docx")
	if msg, err := exec.Command(bin, "testdata/pandoc.md", "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("pandoc: %v\n%s", err, msg)
	}
	r, _ := importOne(t, out)
	want := "一、2023年工作开展情况\n  （一）文旅产业发展新动能加快集聚\n  （二）文旅市场消费新活力有效激发\n    1.\n    2.\n二、存在的问题及2024年工作打算\n"
	if got := outline(r); got != want {
		t.Errorf("outline:\n%s\nwant:\n%s", got, want)
	}
	if r.Sections[1].Table == nil || r.Issuer.Value != "xx市文化和旅游局" || r.Date == nil {
		t.Errorf("table, issuer or date lost")
	}
	// The same Markdown read directly gives the same report.
	direct, _ := importOne(t, "testdata/pandoc.md")
	if a, b := printed(direct), printed(r); a != b {
		t.Errorf("pandoc's DOCX and the Markdown differ at %s", diffLines(a, b))
	}
}
