package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/docx"
	"github.com/gongwen/gen/generator/importer"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/tmpl"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const importText = "民政局2023年工作总结及2024年工作计划\n今年以来，我局扎实工作。\n一、工作成效\n（一）民生保障持续加强。全年新增低保对象xxx人。\n二、2024年工作计划\n继续做好民生保障。\nxx区民政局\n2024年1月10日\n"

// exampleDOCX writes gen's own DOCX of an example report into dir.
func exampleDOCX(t *testing.T, dir, example string) string {
	t.Helper()
	f, ds := load.ReadFile("../../examples/2023/" + example)
	if ds.HasErrors() {
		t.Fatal(ds.Format("en"))
	}
	tp, err := tmpl.Load("gongwen", nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := docx.Render(f.Reports[0], tp, docx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, strings.TrimSuffix(example, ".yaml")+".docx")
	os.WriteFile(path, data, 0o644)
	return path
}

// TestImportCommand: gen import writes a data file that gen check
// accepts, refuses to overwrite without --force, writes to stdout with
// -o -, and reads a GBK file with a warning.
func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "民政局.txt")
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(importText)
	os.WriteFile(in, []byte(gbk), 0o644)
	code, out := capture(t, "import", in)
	if code != 0 || !strings.Contains(out, "GB18030") || !strings.Contains(out, "民政局.yaml") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	yml := filepath.Join(dir, "民政局.yaml")
	data, _ := os.ReadFile(yml)
	if first := strings.SplitN(string(data), "\n", 2)[0]; first != "# yaml-language-server: $schema=report.schema.json" {
		t.Errorf("first line %q is not the schema comment", first)
	}
	if importer.SchemaComment != "# yaml-language-server: $schema="+SchemaFile {
		t.Errorf("import's schema line %q differs from gen init's", importer.SchemaComment)
	}
	if s, err := os.ReadFile(filepath.Join(dir, "report.schema.json")); err != nil || !strings.Contains(string(s), "$schema") {
		t.Errorf("the schema the first line names is not next to the file: %v", err)
	}
	if code, out := capture(t, "check", yml); code != 0 {
		t.Errorf("gen check on the imported file: exit %d\n%s", code, out)
	}
	code, out = capture(t, "import", in)
	if code != 1 || !strings.Contains(out, "--force") {
		t.Errorf("second import without --force: exit %d\n%s", code, out)
	}
	if after, _ := os.ReadFile(yml); string(after) != string(data) {
		t.Errorf("the file was changed without --force")
	}
	if code, out = capture(t, "import", "--force", in); code != 0 {
		t.Errorf("--force: exit %d\n%s", code, out)
	}
	code, out = capture(t, "import", "-o", "-", "--agency", "民政",
		"--year", "2023", in)
	if code != 0 || !strings.Contains(out, "agency: 民政\n") || !strings.Contains(out, "heading: 民生保障持续加强") {
		t.Errorf("-o -: exit %d\n%s", code, out)
	}
	doc := filepath.Join(dir, "旧.doc")
	os.WriteFile(doc, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), 0o644)
	code, out = capture(t, "import", "--lang", "en", doc)
	if code != 1 || !strings.Contains(out, "save it as a Word document (.docx)") {
		t.Errorf(".doc: exit %d\n%s", code, out)
	}
}

// TestImportVolume: gen import of gen's 14-report volume writes 14 data
// files into a folder.
func TestImportVolume(t *testing.T) {
	dir := t.TempDir()
	code, out := capture(t, "--compile", "--format", "docx", "-o", dir, "../../examples/2023/汇编.yaml")
	if code != 0 {
		t.Fatalf("compile: exit %d\n%s", code, out)
	}
	vol, _ := filepath.Glob(filepath.Join(dir, "*.docx"))
	if len(vol) != 1 {
		t.Fatalf("volume: %v", vol)
	}
	outDir := filepath.Join(dir, "data") + "/"
	code, out = capture(t, "import", "-o", outDir, vol[0])
	files, _ := filepath.Glob(filepath.Join(outDir, "*.yaml"))
	if code != 0 || len(files) != 14 {
		t.Fatalf("exit %d, %d files\n%s", code, len(files), out)
	}
	if code, out = capture(t, "check", "--summary", outDir); code != 0 {
		t.Errorf("check: exit %d\n%s", code, out)
	}
}

// TestGenerateFromDocuments: plain gen, gen --compile with a folder and a
// manifest's include: take Word and text reports directly.
func TestGenerateFromDocuments(t *testing.T) {
	dir := t.TempDir()
	recv := filepath.Join(dir, "收到的报告")
	os.Mkdir(recv, 0o755)
	exampleDOCX(t, recv, "07-民政局.yaml")
	exampleDOCX(t, recv, "01-图书馆.yaml")
	os.WriteFile(filepath.Join(recv, "统计局.txt"), []byte(strings.ReplaceAll(importText, "民政局", "统计局")), 0o644)
	os.WriteFile(filepath.Join(recv, "~$民政局.docx"), []byte("lock"), 0o644)

	out := filepath.Join(dir, "out")
	code, text := capture(t, "--format", "docx", "-o", out, recv)
	if code != 0 || !strings.Contains(text, "共 3 篇：成功 3") {
		t.Fatalf("gen on a folder of documents: exit %d\n%s", code, text)
	}
	code, text = capture(t, "--compile", "--format", "docx", "-o", filepath.Join(dir, "汇编"), recv)
	if code != 0 || !strings.Contains(text, "3篇") {
		t.Fatalf("gen --compile: exit %d\n%s", code, text)
	}
	manifest := filepath.Join(recv, "汇编.yaml")
	os.WriteFile(manifest, []byte("compilation:\n  title: 测试汇编\n  include: [ \"*.docx\", \"统计局.txt\" ]\n  order: [ 统计局 ]\n"), 0o644)
	code, text = capture(t, "--compile", "--format", "docx", "-o", filepath.Join(dir, "清单"), manifest)
	if code != 0 || !strings.Contains(text, "测试汇编（3篇）") {
		t.Fatalf("manifest include: exit %d\n%s", code, text)
	}
	// A folder that holds data files keeps to them: documents there are
	// outputs or notes, not inputs.
	os.WriteFile(filepath.Join(recv, "a.yaml"), []byte("agency: 图书馆\nyear: 2023\n"), 0o644)
	os.Remove(manifest)
	code, text = capture(t, "check", "--summary", recv)
	if code != 0 || strings.Contains(text, ".docx") || strings.Contains(text, ".txt") {
		t.Errorf("a folder with data files: exit %d\n%s", code, text)
	}
}
