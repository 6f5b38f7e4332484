package main

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const hostileHdr = "agency: 民政局\nyear: 2023\n"

// laughs is the "billion laughs" alias bomb: 9⁹ values once expanded.
func laughs() string {
	var b strings.Builder
	b.WriteString(hostileHdr + "a: &a [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]\n")
	prev := "a"
	for _, c := range "bcdefghi" {
		b.WriteString(string(c) + ": &" + string(c) + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 9), ", ") + "]\n")
		prev = string(c)
	}
	return b.String()
}

// TestHostileCLI runs the command line on pathological data files: each
// renders, or stops with exit 1 and a message naming the limit or the
// position, within a time budget (ten times the plain run's, for -race).
func TestHostileCLI(t *testing.T) {
	big := hostileHdr + "intro: |\n" + strings.Repeat("  "+strings.Repeat("今年来全局上下认真贯彻落实各项决策部署推动各项工作取得新成效。", 10)+"\n\n", 20<<20/1000)
	cases := []struct {
		name, src string
		config    string // gen.yaml, "" for none
		code      int
		want      []string // parts of the output
		budget    time.Duration
	}{
		{"20 MB file", big, "", 1, []string{"h.yaml:", "limits.max_chars"}, 5 * time.Second},
		{"20 MB over max_bytes", big, "limits: {max_bytes: 10000000}\n", 1, []string{"limits.max_bytes"}, 2 * time.Second},
		{"nesting 10000 deep", hostileHdr + "sections:\n  " + strings.Repeat("- ", 10000) + "x\n", "", 1, []string{"h.yaml:4:", "limits.max_depth"}, time.Second},
		{"flow nesting 10000 deep", hostileHdr + "x: " + strings.Repeat("{a: ", 10000) + "1" + strings.Repeat("}", 10000) + "\n", "", 1, []string{"h.yaml:3:", "limits.max_depth"}, time.Second},
		{"billion laughs", laughs(), "", 1, []string{"h.yaml:8:", "limits.max_nodes"}, 2 * time.Second},
		{"100000 paragraphs", hostileHdr + "intro: |\n" + strings.Repeat("  第一段。\n\n", 100000), "", 0, []string{"4546 页"}, 8 * time.Second},
		{"100000 paragraphs, max_paragraphs 1000", hostileHdr + "intro: |\n" + strings.Repeat("  第一段。\n\n", 100000), "limits: {max_paragraphs: 1000}\n", 1, []string{"h.yaml:2004:3", "limits.max_paragraphs"}, 2 * time.Second},
		{"50000 characters without a break", hostileHdr + "intro: " + strings.Repeat("a", 50000) + "\n", "", 0, []string{"（40 页）"}, 2 * time.Second},
		{"10000 table rows", hostileHdr + "sections:\n  - heading: 表\n    table:\n      columns: [任务, 完成情况]\n      rows:\n" + strings.Repeat("        - [任务, 完成]\n", 10000), "", 0, []string{"页）"}, 4 * time.Second},
		{"table header taller than a page", hostileHdr + "sections:\n  - table:\n      columns: [" + strings.Repeat("字", 3000) + ", 乙]\n      rows: [[甲, 乙]]\n", "", 0, []string{"页）"}, 2 * time.Second},
		{"emoji and extension B", hostileHdr + "intro: 笑😀和𠀀字\n", "", 0, []string{"h.yaml:3:9: 警告", "U+1F600", "h.yaml:3:11: 警告", "U+20000"}, time.Second},
		{"zero width", hostileHdr + "intro: 零\u200b宽\u200d字\n", "", 0, []string{"✓ 民政局", "警告 0 条"}, time.Second},
		{"control character", hostileHdr + "intro: 控\x1b制\n", "", 1, []string{"h.yaml:3:9:", "U+001B"}, time.Second},
		{"NUL", hostileHdr + "intro: 空\x00字\n", "", 1, []string{"h.yaml:3:9:", "U+0000"}, time.Second},
		{"bidi override", hostileHdr + "intro: 方\u202e向\n", "", 1, []string{"h.yaml:3:9:", "U+202E"}, time.Second},
		{"bidi isolate", hostileHdr + "title: 方\u2067向\n", "", 1, []string{"h.yaml:3:9:", "U+2067"}, time.Second},
		{"lone surrogate", hostileHdr + "intro: 代\xed\xb0\x80理\n", "", 1, []string{"h.yaml:3:9:", "UTF-8"}, time.Second},
		{"invalid UTF-8", hostileHdr + "intro: 坏\xff\xfe字\n", "", 1, []string{"h.yaml:3:9:", "UTF-8"}, time.Second},
		{"unknown limit", hostileHdr, "limits: {max_pages: 10}\n", 2, []string{"limits.max_pages"}, time.Second},
		{"negative limit", hostileHdr, "limits: {max_nodes: -1}\n", 2, []string{"limits.max_nodes"}, time.Second},
		{"max_depth over the cap", hostileHdr, "limits: {max_depth: 100000}\n", 2, []string{"limits.max_depth", "1000"}, time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "h.yaml")
			os.WriteFile(in, []byte(c.src), 0o644)
			args := []string{"-o", filepath.Join(dir, "out"), in}
			if c.config != "" {
				cfg := filepath.Join(dir, "gen.yaml")
				os.WriteFile(cfg, []byte(c.config), 0o644)
				args = append([]string{"--config", cfg}, args...)
			}
			start := time.Now()
			code, out := capture(t, args...)
			if el := time.Since(start); el > 10*c.budget {
				t.Errorf("took %v, budget %v", el, c.budget)
			}
			if code != c.code {
				t.Errorf("exit %d, want %d\n%s", code, c.code, clip(out))
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, clip(out))
				}
			}
			checkOutputs(t, filepath.Join(dir, "out"))
		})
	}
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// checkOutputs fails on a temporary file left in dir, a PDF that does not
// end with %%EOF or a DOCX that is not a zip.
func checkOutputs(t *testing.T, dir string) int {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		p := filepath.Join(dir, e.Name())
		switch filepath.Ext(e.Name()) {
		case ".tmp":
			t.Errorf("temporary file left: %s", e.Name())
		case ".pdf":
			b, _ := os.ReadFile(p)
			if !bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
				t.Errorf("incomplete PDF %s", e.Name())
			}
		case ".docx":
			if r, err := zip.OpenReader(p); err != nil {
				t.Errorf("DOCX %s does not open: %v", e.Name(), err)
			} else {
				r.Close()
			}
		}
	}
	return len(ents)
}

// TestHostileNames: agencies and titles with separators, "..", ":" and
// Windows device names give file names inside --out.
func TestHostileNames(t *testing.T) {
	cases := []struct{ field, value, want string }{
		{"agency", "../../逃逸", "_._逃逸2023年工作总结及2024年工作计划"},
		{"title", "../../../tmp/逃逸", "_._._tmp_逃逸"},
		{"title", `..\..\windows\逃逸`, "_._windows_逃逸"},
		{"title", "C:/报告", "C__报告"},
		{"title", "/etc/passwd", "_etc_passwd"},
		{"title", "CON", "_CON"},
		{"title", "nul.报告", "_nul.报告"},
		{"title", "..", "报告"},
	}
	for _, c := range cases {
		t.Run(c.value, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "a", "b")
			os.MkdirAll(dir, 0o755)
			src := "agency: 民政局\nyear: 2023\n"
			if c.field == "agency" {
				src = "year: 2023\n"
			}
			src += c.field + ": '" + c.value + "'\n"
			in := filepath.Join(dir, "n.yaml")
			os.WriteFile(in, []byte(src), 0o644)
			out := filepath.Join(dir, "out")
			if code, msg := capture(t, "-o", out, "--format", "pdf", in); code != 0 {
				t.Fatalf("exit %d: %s", code, msg)
			}
			var files []string
			filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() && p != in {
					files = append(files, p)
				}
				return nil
			})
			want := filepath.Join(out, c.want+".pdf")
			if len(files) != 1 || files[0] != want {
				t.Errorf("files %v, want %s", files, want)
			}
		})
	}
}

// TestHostileTemplates: a --template folder linking outside itself is
// refused, template errors name the file and line, and templates cannot
// reach the environment, the clock or randomness.
func TestHostileTemplates(t *testing.T) {
	data := filepath.Join(t.TempDir(), "d.yaml")
	os.WriteFile(data, []byte(hostileHdr), 0o644)
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("secret"), 0o644)
	cases := []struct {
		name  string
		files map[string]string
		link  string // a link to secret, at this path of the template
		want  []string
	}{
		{"link outside", map[string]string{"layout.yaml": "extends: gongwen\n"}, "word/_evil.tmpl", []string{"链接到模板文件夹之外", "_evil.tmpl"}},
		{"parse error", map[string]string{"layout.yaml": "extends: gongwen\n", "word/settings.xml.tmpl": "<w:settings>\n\n{{if}}\n</w:settings>"}, "", []string{"word/settings.xml.tmpl:3"}},
		{"env", map[string]string{"layout.yaml": "extends: gongwen\n", "docProps/app.xml.tmpl": "<P>\n{{env \"HOME\"}}</P>"}, "", []string{"docProps/app.xml.tmpl:2", `"env" not defined`}},
		{"expandenv", map[string]string{"layout.yaml": "extends: gongwen\n", "docProps/app.xml.tmpl": "<P>{{expandenv \"$HOME\"}}</P>"}, "", []string{"docProps/app.xml.tmpl:1", `"expandenv" not defined`}},
		{"now", map[string]string{"layout.yaml": "extends: gongwen\n", "docProps/app.xml.tmpl": "<P>{{now}}</P>"}, "", []string{`"now" not defined`}},
		{"toDate", map[string]string{"layout.yaml": "extends: gongwen\n", "docProps/app.xml.tmpl": "<P>{{toDate \"2006\" \"2024\"}}</P>"}, "", []string{`"toDate" not defined`}},
		{"randomness", map[string]string{"layout.yaml": "extends: gongwen\n", "docProps/app.xml.tmpl": "<P>{{randAlphaNum 8}}</P>"}, "", []string{`"randAlphaNum" not defined`}},
		// Issue 11 item 10: templates that would exhaust memory or never end
		// stop in the template check with a message.
		{"repeat 3000000000", map[string]string{"layout.yaml": "extends: gongwen\n", "docProps/app.xml.tmpl": "<P>{{repeat 3000000000 \"x\"}}</P>"}, "", []string{"docProps/app.xml.tmpl:1", "repeat 超过上限"}},
		{"range until 400000000", map[string]string{"layout.yaml": "extends: gongwen\n", "docProps/app.xml.tmpl": "<P>{{range until 400000000}}{{end}}</P>"}, "", []string{"until 超过上限"}},
		{"range 100000000000", map[string]string{"layout.yaml": "extends: gongwen\n", "docProps/app.xml.tmpl": "<P>{{range 100000000000}}{{end}}</P>"}, "", []string{"range 超过上限"}},
		{"network", map[string]string{"layout.yaml": "extends: gongwen\n", "docProps/app.xml.tmpl": "<P>{{getHostByName \"example.com\"}}</P>"}, "", []string{`"getHostByName" not defined`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range c.files {
				p := filepath.Join(dir, name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, []byte(body), 0o644)
			}
			if c.link != "" {
				p := filepath.Join(dir, c.link)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.Symlink(secret, p); err != nil {
					t.Skip("no symlinks:", err)
				}
			}
			out := filepath.Join(t.TempDir(), "out")
			code, msg := capture(t, "--template", dir, "-o", out, data)
			if code != 2 {
				t.Errorf("exit %d, want 2\n%s", code, msg)
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("output lacks %q:\n%s", w, msg)
				}
			}
			if strings.Contains(msg, "secret") && c.link == "" {
				t.Errorf("output shows the secret: %s", msg)
			}
			if n := checkOutputs(t, out); n != 0 {
				t.Errorf("%d files written with a refused template", n)
			}
		})
	}
}

// TestInterruptBatch builds gen, runs it on many reports, sends SIGINT when
// the first output appears, and checks that finished outputs are complete,
// nothing temporary is left, the exit code is 1 and the summary says the
// run was interrupted.
func TestInterruptBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "gen")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	examples, _ := filepath.Glob("../../examples/2023/[0-9]*.yaml")
	for i := 0; i < 4; i++ {
		for _, e := range examples {
			b, _ := os.ReadFile(e)
			os.WriteFile(filepath.Join(in, strings.Repeat("x", i)+filepath.Base(e)), b, 0o644)
		}
	}
	total := 4 * len(examples)
	cmd := exec.Command(bin, "-j", "2", "-o", out, in)
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		ents, _ := os.ReadDir(out)
		done := false
		for _, e := range ents {
			done = done || filepath.Ext(e.Name()) == ".pdf" || filepath.Ext(e.Name()) == ".docx"
		}
		if done {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no output after 60 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	if code != 1 {
		t.Errorf("exit %d (%v), want 1\n%s", code, err, stdout.String())
	}
	if !strings.Contains(stdout.String(), "已中断") {
		t.Errorf("summary does not say interrupted:\n%s", stdout.String())
	}
	n := checkOutputs(t, out)
	// A report's PDF and DOCX are committed together (issue 11 item 6):
	// after the interrupt every report has both files or none.
	ents, _ := os.ReadDir(out)
	have := map[string]int{}
	for _, e := range ents {
		have[strings.TrimSuffix(strings.TrimSuffix(e.Name(), ".pdf"), ".docx")]++
	}
	for base, k := range have {
		if k != 2 {
			t.Errorf("%s: %d of its 2 files after the interrupt", base, k)
		}
	}
	if n == 0 || n >= 2*total {
		t.Errorf("%d files for %d reports: not interrupted half way", n, total)
	}
	t.Logf("%d of %d files written before the interrupt; summary: %s", n, 2*total, lastLines(stdout.String(), 2))
}

func lastLines(s string, n int) string {
	ls := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(ls[max(0, len(ls)-n):], " / ")
}
