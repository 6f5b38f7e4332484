package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/load"
)

// capture runs the command line and returns the exit code and what it
// printed on stdout and stderr.
func capture(t *testing.T, args ...string) (int, string) {
	t.Helper()
	r, w, _ := os.Pipe()
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	code := run(args)
	w.Close()
	os.Stdout, os.Stderr = oldOut, oldErr
	return code, <-done
}

func TestCheckExamples(t *testing.T) {
	code, out := capture(t, "check", "--summary", "../../examples/2023")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if n := strings.Count(out, "占位符 "); n != 14 {
		t.Errorf("%d per-file counts, want 14:\n%s", n, out)
	}
	code, _ = capture(t, "check", "--strict", "--summary", "../../examples/2023")
	if code != 1 {
		t.Errorf("--strict: exit %d, want 1", code)
	}
	code, out = capture(t, "check", "--lang", "en", "../../examples/2023/06-医疗保障局.yaml")
	if code != 0 || !strings.Contains(out, "placeholder \"xx\"") || !strings.Contains(out, "placeholders,") {
		t.Errorf("--lang en: exit %d\n%s", code, out)
	}
}

// gen check of many files (checked on every core) tells them in input
// order, each file's findings before its count line, and counts the
// invalid ones.
func TestCheckManyInOrder(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := range 40 {
		name := fmt.Sprintf("r%02d.yaml", i)
		src := fmt.Sprintf("agency: 机关%d\nyear: 2023\nintro: 第%d号，完成xx项。\n", i, i)
		if i%7 == 3 {
			src = "agency: 机关\nyear: 二〇二三\n"
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		want = append(want, name)
	}
	code, out := capture(t, "check", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1 (some files are invalid)", code)
	}
	var got []string
	last := ""
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, dir) {
			name := strings.SplitN(filepath.Base(l), ":", 2)[0]
			if name != last {
				got = append(got, name)
				last = name
			}
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("files told in the order\n%v\nwant\n%v", got, want)
	}
	if n := strings.Count(out, ": 无效"); n != 6 {
		t.Errorf("%d invalid files told, want 6", n)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("agency: 民政局\nyear: 二〇二三\n"), 0o644)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"check", bad}, 1, "bad.yaml:2:7: 错误：\"year\" 应为整数"},
		{[]string{"check", filepath.Join(dir, "none.yaml")}, 2, "找不到"},
		{[]string{"--nope"}, 2, "unknown flag"},
		{[]string{}, 2, "PATH"},
		{[]string{"--format", "odt", "../../examples/2023"}, 2, "不认识 \"odt\""},
		{[]string{"init", "--year", "2024"}, 2, "--agency"},
		{[]string{"init", "--agency", "民政局", "--year", "1800"}, 2, "1949"},
		{[]string{"--config", filepath.Join(dir, "missing.yaml"), "x.yaml"}, 2, "无法读取配置文件"},
	}
	for _, c := range cases {
		code, out := capture(t, c.args...)
		if code != c.code || !strings.Contains(out, c.want) {
			t.Errorf("gen %s: exit %d (want %d), output:\n%s\nwant %q", strings.Join(c.args, " "), code, c.code, out, c.want)
		}
	}
}

func TestInitWritesLoadableStarter(t *testing.T) {
	out := filepath.Join(t.TempDir(), "民政局.yaml")
	if code, msg := capture(t, "init", "--agency", "民政局", "--year", "2024", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	f, ds := load.ReadFile(out)
	if ds.HasErrors() {
		t.Fatalf("starter does not load:\n%s", ds.Format("zh"))
	}
	r := f.Reports[0]
	if r.Agency.Value != "民政局" || r.Year != 2024 || r.Title.Value != "民政局2024年工作总结及2025年工作计划" {
		t.Errorf("starter: %+v", r.Title)
	}
	if code, msg := capture(t, "init", "--agency", "民政局", "--year", "2024", "-o", out); code != 2 || !strings.Contains(msg, "已存在") {
		t.Errorf("second init must refuse to overwrite: %d %s", code, msg)
	}
}

func TestSchemaAndVersion(t *testing.T) {
	code, out := capture(t, "schema")
	var v map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil || v["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("schema: exit %d, not the 2020-12 schema", code)
	}
	if code, out := capture(t, "version"); code != 0 || !strings.HasPrefix(out, "gen ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "gen.yaml")
	os.WriteFile(cfg, []byte("format: odt\n"), 0o644)
	// gen.yaml says odt (invalid): the flag wins over it.
	if code, out := capture(t, "--config", cfg, "--format", "bogus", "x.yaml"); code != 2 || !strings.Contains(out, "\"bogus\"") {
		t.Errorf("flag over config: %d %s", code, out)
	}
	if code, out := capture(t, "--config", cfg, "x.yaml"); code != 2 || !strings.Contains(out, "\"odt\"") {
		t.Errorf("config value: %d %s", code, out)
	}
	t.Setenv("GEN_FORMAT", "envfmt")
	if code, out := capture(t, "--config", cfg, "x.yaml"); code != 2 || !strings.Contains(out, "\"envfmt\"") {
		t.Errorf("env over config: %d %s", code, out)
	}
}

func TestFontsCommand(t *testing.T) {
	code, out := capture(t, "fonts")
	if code != 0 || !strings.Contains(out, "embedded:FandolFang-Regular.ttf") || !strings.Contains(out, "6763/6763") {
		t.Fatalf("gen fonts: %d\n%s", code, out)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "rare.yaml")
	os.WriteFile(p, []byte("agency: 民政局\nyear: 2023\nintro: 张堃和李\U0002000B同志\n"), 0o644)
	code, out = capture(t, "fonts", p)
	if code != 0 || !strings.Contains(out, "rare.yaml:3:12: \"\U0002000B\" U+2000B") || !strings.Contains(out, "所有字体都没有的字符：1 个") {
		t.Errorf("gen fonts with a rare character: %d\n%s", code, out)
	}
	// A font file named in gen.yaml is found relative to gen.yaml; a missing one is a usage error.
	cfg := filepath.Join(dir, "gen.yaml")
	os.WriteFile(cfg, []byte("fonts:\n  body: nosuch.ttf\n"), 0o644)
	code, out = capture(t, "fonts", "--config", cfg)
	if code != 2 || !strings.Contains(out, filepath.Join(dir, "nosuch.ttf")) {
		t.Errorf("missing user font: %d\n%s", code, out)
	}
}

// gen check quotes the line of each finding from the bytes it parsed, so a
// file read from standard input (which cannot be read twice) is quoted too.
func TestCheckQuotesStdin(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in.yaml")
	if err := os.WriteFile(in, []byte("agency: 民政局\nyear: 2023\nintro: 全年完成xx项。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old }()
	code, out := capture(t, "check", "-")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	want := "-:3:12: 警告"
	quote := "    intro: 全年完成xx项。\n" + "    " + strings.Repeat(" ", 7) + strings.Repeat("  ", 4) + "^"
	if !strings.Contains(out, want) || !strings.Contains(out, quote) {
		t.Errorf("got\n%s\nwant %q and the line quoted with a caret:\n%s", out, want, quote)
	}
}

// With SOURCE_DATE_EPOCH set, the same input makes the same bytes, dated
// by it; a value that is not whole seconds is refused (exit 2).
func TestSourceDateEpoch(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1704844800") // 2024-01-10 00:00:00 UTC
	in := "../../examples/2023/11-人社局.yaml"
	var runs [2]map[string][]byte
	for i := range runs {
		dir := t.TempDir()
		if code, out := capture(t, "-q", "-o", dir, in); code != 0 {
			t.Fatalf("exit %d\n%s", code, out)
		}
		runs[i] = map[string][]byte{}
		for _, ext := range []string{".pdf", ".docx"} {
			files, _ := filepath.Glob(filepath.Join(dir, "*"+ext))
			if len(files) != 1 {
				t.Fatalf("%d %s files in %s", len(files), ext, dir)
			}
			data, err := os.ReadFile(files[0])
			if err != nil {
				t.Fatal(err)
			}
			runs[i][ext] = data
		}
	}
	for ext, a := range runs[0] {
		if !bytes.Equal(a, runs[1][ext]) {
			t.Errorf("%s: two runs made different bytes", ext)
		}
	}
	if !bytes.Contains(runs[0][".pdf"], []byte("/CreationDate(D:20240110000000+00'00')")) {
		t.Error("the PDF is not dated 2024-01-10 00:00:00 UTC")
	}
	zr, err := zip.NewReader(bytes.NewReader(runs[0][".docx"]), int64(len(runs[0][".docx"])))
	if err != nil {
		t.Fatal(err)
	}
	core, err := zr.Open("docProps/core.xml")
	if err != nil {
		t.Fatal(err)
	}
	xml, _ := io.ReadAll(core)
	if !bytes.Contains(xml, []byte(`<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-10T00:00:00Z</dcterms:created>`)) {
		t.Errorf("docProps/core.xml is not dated 2024-01-10:\n%s", xml)
	}

	t.Setenv("SOURCE_DATE_EPOCH", "2024-01-10")
	for _, args := range [][]string{{"-q", "-o", t.TempDir(), in}, {"--compile", "-q", "-o", t.TempDir(), "../../examples/2023/汇编.yaml"}} {
		code, out := capture(t, args...)
		if code != 2 || !strings.Contains(out, `SOURCE_DATE_EPOCH 应为自 1970-01-01 起的整秒数`) {
			t.Errorf("%v with a date written as text: exit %d\n%s", args, code, out)
		}
	}
	// gen check writes no document, so the variable is not its business.
	if code, out := capture(t, "check", "--summary", in); code != 0 {
		t.Errorf("check with a date written as text: exit %d\n%s", code, out)
	}
}
