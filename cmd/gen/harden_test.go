package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStrictComment (item 2) and typed numbers in check (item 3).
func TestStrictComment(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "c.yaml")
	os.WriteFile(in, []byte("agency: 民政局\nyear: 2023  # 年度\nintro: 开展执法检查 #1200余次，取得成效。\nsections:\n  - heading: 二、存在的问题\n    text: 问题。\n"), 0o644)
	code, out := capture(t, "check", in)
	if code != 0 || !strings.Contains(out, "c.yaml:3:15: 警告：文字中的“ #”之后被当作注释丢掉了") || !strings.Contains(out, "c.yaml:5:14: 警告：开头手写的编号“二、”已去掉") ||
		strings.Contains(out, "c.yaml:2:") || !strings.Contains(out, "其他警告 2 条") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	code, out = capture(t, "check", "--strict", in)
	if code != 1 || !strings.Contains(out, "c.yaml:3:15: 错误") {
		t.Errorf("check --strict: exit %d\n%s", code, out)
	}
	code, out = capture(t, "check", "--lang", "en", in)
	if !strings.Contains(out, "c.yaml:3:15: warning: the text after \" #\" is taken as a comment") {
		t.Errorf("English:\n%s", out)
	}
}

// TestMessagesCLI (item 12): usage mistakes on the command line.
func TestMessagesCLI(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "r.yaml")
	os.WriteFile(in, []byte("agency: 民政局\nyear: 2023\n"), 0o644)
	badCfg := filepath.Join(dir, "gen.yaml")
	os.WriteFile(badCfg, []byte("out: dist\nformat: [pdf\n"), 0o644)
	infCfg := filepath.Join(dir, "inf.yaml")
	os.WriteFile(infCfg, []byte("layout:\n  page: {width_mm: .inf}\n"), 0o644)
	empty := filepath.Join(dir, "empty")
	os.MkdirAll(empty, 0o755)
	cases := []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"chek", in}, 2, []string{"是否想写 gen check？"}},
		{[]string{"--out", "", in}, 2, []string{"输出文件夹为空", "--out ."}},
		{[]string{"--lang", "fr", in}, 2, []string{"--lang 只能是 zh", "\"fr\""}},
		{[]string{"--config", badCfg, in}, 2, []string{"配置文件有误", "gen.yaml:2:", "format: [pdf", "^"}},
		{[]string{"--config", infCfg, "-o", filepath.Join(dir, "o"), in}, 2, []string{"layout.page.width_mm", "+Inf"}},
		{[]string{"-o", filepath.Join(dir, "o"), empty}, 1, []string{"文件夹 " + empty + " 中没有 .yaml 或 .yml 数据文件"}},
		{[]string{"-o", filepath.Join(dir, "o"), `C:\Users\张三\桌面\报告.yaml`}, 1, []string{`找不到 "C:\\Users\\张三\\桌面\\报告.yaml"`}},
		{[]string{"--lang", "en", "-o", filepath.Join(dir, "o"), empty}, 1, []string{"holds no .yaml or .yml data file"}},
	}
	for _, c := range cases {
		code, out := capture(t, c.args...)
		ok := code == c.code
		for _, w := range c.want {
			ok = ok && strings.Contains(out, w)
		}
		if !ok {
			t.Errorf("gen %q: exit %d (want %d)\n%s\nwant %q", c.args, code, c.code, out, c.want)
		}
	}
}

// TestWhereFilesWent (item 13): the summary names the output folder and
// says how to see the warnings.
func TestWhereFilesWent(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "o")
	code, text := capture(t, "-o", out, "../../examples/2023/06-医疗保障局.yaml")
	if code != 0 || !strings.Contains(text, "输出文件夹："+out+"（2 个文件）") || !strings.Contains(text, "查看警告（占位符、半角标点等）：gen check ../../examples/2023/06-医疗保障局.yaml") {
		t.Errorf("exit %d\n%s", code, text)
	}
}

// TestJSON (item 15): --json on a run and on check carries version, codes
// and every warning with its position.
func TestJSON(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.yaml")
	os.WriteFile(good, []byte("agency: 民政局\nyear: 2023\nintro: 开展xx检查 #1200余次。\n"), 0o644)
	bad := filepath.Join(dir, "b.yaml")
	os.WriteFile(bad, []byte("agency: 公安局\nyear: 2023\nheding: x\n"), 0o644)
	code, out := capture(t, "--json", "-o", filepath.Join(dir, "o"), dir)
	var sum struct {
		Version int    `json:"version"`
		OutDir  string `json:"out_dir"`
		OK      int    `json:"ok"`
		Failed  int    `json:"failed"`
		Reports []struct {
			Input       string   `json:"input"`
			Outputs     []string `json:"outputs"`
			Warnings    int      `json:"warnings"`
			ErrorCode   string   `json:"error_code"`
			Error       string   `json:"error"`
			Diagnostics []struct {
				File, Severity, Code, Message string
				Line, Col                     int
			} `json:"diagnostics"`
		} `json:"reports"`
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if code != 1 || sum.Version != 1 || sum.OK != 1 || sum.Failed != 1 || len(sum.Reports) != 2 {
		t.Fatalf("exit %d: %+v", code, sum)
	}
	a, b := sum.Reports[0], sum.Reports[1]
	codes := map[string]string{}
	for _, d := range a.Diagnostics {
		codes[d.Code] = fmt.Sprintf("%d:%d %s", d.Line, d.Col, d.Severity)
	}
	if len(a.Outputs) != 2 || a.Warnings != len(a.Diagnostics) || codes["comment-in-text"] != "3:15 warning" || codes["placeholder"] != "3:10 warning" {
		t.Errorf("report a: %+v", a)
	}
	if b.ErrorCode != "unknown-key" || len(b.Diagnostics) != 1 || b.Diagnostics[0].Line != 3 || b.Diagnostics[0].Severity != "error" || len(b.Outputs) != 0 {
		t.Errorf("report b: %+v", b)
	}
	code, out = capture(t, "check", "--json", "--lang", "en", dir)
	var chk struct {
		Version int `json:"version"`
		Failed  int `json:"failed"`
		Files   []struct {
			Path         string `json:"path"`
			Valid        bool   `json:"valid"`
			Placeholders int    `json:"placeholders"`
			Diagnostics  []struct {
				Code, Message string
			} `json:"diagnostics"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &chk); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if code != 1 || chk.Version != 1 || chk.Failed != 1 || len(chk.Files) != 2 || !chk.Files[0].Valid || chk.Files[0].Placeholders != 1 || chk.Files[1].Valid ||
		!strings.Contains(chk.Files[1].Diagnostics[0].Message, "unknown key \"heding\"") {
		t.Errorf("check --json: exit %d %+v", code, chk)
	}
}

// TestManifestInManifest (item 12): a manifest that names another manifest
// in its include is refused at that entry.
func TestManifestInManifest(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("agency: 民政局\nyear: 2023\nintro: 正文。\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "sub.yaml"), []byte("compilation: {title: 子汇编, include: [a.yaml]}\n"), 0o644)
	top := filepath.Join(dir, "top.yaml")
	os.WriteFile(top, []byte("compilation:\n  title: 汇编\n  include: [a.yaml, sub.yaml]\n"), 0o644)
	code, out := capture(t, "--compile", "-o", filepath.Join(dir, "o"), top)
	if code != 1 || !strings.Contains(out, "top.yaml:3:21: 错误：汇编清单收录了另一个汇编清单") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// TestLongTitle (item 11): a title of 200 characters (the schema's
// maximum) writes its files, named by a prefix of the title.
func TestLongTitle(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "r.yaml")
	title := strings.Repeat("汇", 200)
	os.WriteFile(in, []byte("agency: 民政局\nyear: 2023\ntitle: "+title+"\nintro: 正文。\n"), 0o644)
	out := filepath.Join(dir, "o")
	code, text := capture(t, "-j", "1000000", "-o", out, in)
	ents, _ := os.ReadDir(out)
	if code != 0 || len(ents) != 2 {
		t.Fatalf("exit %d, %d files\n%s", code, len(ents), text)
	}
	for _, e := range ents {
		if !strings.HasPrefix(title, strings.TrimSuffix(strings.TrimSuffix(e.Name(), ".pdf"), ".docx")) || len(e.Name()) > 210 {
			t.Errorf("name %q (%d bytes)", e.Name(), len(e.Name()))
		}
	}
}

// TestFontPathWindows (issue 14, Windows paths): font paths written on
// Windows in gen.yaml are absolute, never joined to the config folder.
func TestFontPathWindows(t *testing.T) {
	cases := map[string]string{
		"C:/Windows/Fonts/simfang.ttf": "C:/Windows/Fonts/simfang.ttf",
		`C:\Windows\Fonts\simfang.ttf`: `C:\Windows\Fonts\simfang.ttf`,
		`d:\字体\方正小标宋简体.ttf#0`:          `d:\字体\方正小标宋简体.ttf#0`,
		`\\server\fonts\simhei.ttf`:    `\\server\fonts\simhei.ttf`,
		"fonts/simkai.ttf":             filepath.Join("/etc/gen", "fonts/simkai.ttf"),
	}
	for in, want := range cases {
		if got := fontPath("/etc/gen", in); got != want {
			t.Errorf("fontPath(%q) = %q, want %q", in, got, want)
		}
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "gen.yaml")
	os.WriteFile(cfg, []byte("fonts:\n  body: C:/Windows/Fonts/simfang.ttf\n"), 0o644)
	in := filepath.Join(dir, "r.yaml")
	os.WriteFile(in, []byte("agency: 民政局\nyear: 2023\n"), 0o644)
	code, out := capture(t, "--config", cfg, "-o", filepath.Join(dir, "o"), in)
	if code != 2 || !strings.Contains(out, "gen.yaml 的 fonts.body：找不到字体文件 C:/Windows/Fonts/simfang.ttf") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// TestJSONFailure: a run that fails as a whole still prints JSON with the
// error and its code.
func TestJSONFailure(t *testing.T) {
	empty := t.TempDir()
	code, out := capture(t, "--json", "-o", filepath.Join(t.TempDir(), "o"), empty)
	var v struct {
		Version   int    `json:"version"`
		Error     string `json:"error"`
		ErrorCode string `json:"error_code"`
	}
	i := strings.Index(out, "{")
	if i < 0 || json.NewDecoder(strings.NewReader(out[i:])).Decode(&v) != nil || code != 1 || v.Version != 1 || v.ErrorCode != "no-data-files" || !strings.Contains(v.Error, empty) {
		t.Errorf("exit %d\n%s", code, out)
	}
}
