package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// captureSplit runs the command line and returns the exit code, stdout and
// stderr separately.
func captureSplit(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ro, wo, _ := os.Pipe()
	re, we, _ := os.Pipe()
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = wo, we
	read := func(r *os.File, c chan<- string) {
		b, _ := io.ReadAll(r)
		c <- string(b)
	}
	outc, errc := make(chan string), make(chan string)
	go read(ro, outc)
	go read(re, errc)
	code := run(args)
	wo.Close()
	we.Close()
	os.Stdout, os.Stderr = oldOut, oldErr
	return code, <-outc, <-errc
}

// copyExample copies an example report into dir.
func copyExample(t *testing.T, dir, name string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../examples/2023", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func outputs(t *testing.T, dir string) []string {
	t.Helper()
	es, _ := os.ReadDir(dir)
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestCompileMalformed: one malformed file among good ones stops the
// volume (exit 1, every problem listed with file:line:col, nothing
// written); --keep-going writes the volume without it and says so on
// stdout; --lang en gives the messages in English.
func TestCompileMalformed(t *testing.T) {
	in := t.TempDir()
	copyExample(t, in, "01-图书馆.yaml")
	copyExample(t, in, "06-医疗保障局.yaml")
	bad := filepath.Join(in, "03-bad.yaml")
	os.WriteFile(bad, []byte("agency: 统计局\nyear: 二〇二三\nheding: x\n"), 0o644)

	cases := []struct {
		name      string
		args      []string
		code      int
		written   bool
		stdout    []string
		stderr    []string
		notStdout []string
	}{
		{
			name:   "stops",
			code:   1,
			stderr: []string{"03-bad.yaml:2:7: 错误：\"year\" 应为整数", "03-bad.yaml:3:1: 错误：未知字段 \"heding\"", "汇编未生成：1 个文件有错误"},
		},
		{
			name:   "english",
			args:   []string{"--lang", "en"},
			code:   1,
			stderr: []string{"03-bad.yaml:2:7: error: \"year\" must be", "volume not written: 1 files have errors"},
		},
		{
			name:      "keep-going",
			args:      []string{"--keep-going"},
			code:      1,
			written:   true,
			stdout:    []string{"已略过 " + bad, "（2篇）", "共 2 篇"},
			stderr:    []string{"03-bad.yaml:2:7: 错误："},
			notStdout: []string{"（3篇）"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			args := append([]string{"--compile", "-o", out}, c.args...)
			code, stdout, stderr := captureSplit(t, append(args, in)...)
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.code, stdout, stderr)
			}
			for _, w := range c.stdout {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			for _, w := range c.notStdout {
				if strings.Contains(stdout, w) {
					t.Errorf("stdout has %q:\n%s", w, stdout)
				}
			}
			for _, w := range c.stderr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			files := outputs(t, out)
			if !c.written && len(files) != 0 {
				t.Errorf("files written: %v", files)
			}
			if c.written {
				want := []string{"2023年工作总结及2024年工作计划汇编.docx", "2023年工作总结及2024年工作计划汇编.pdf"}
				if strings.Join(files, ",") != strings.Join(want, ",") {
					t.Errorf("files %v, want %v", files, want)
				}
			}
		})
	}
}

// TestCompileManifest writes the example volume from its manifest, with
// --format honoured and names from the volume title.
func TestCompileManifest(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := captureSplit(t, "--compile", "--duplex", "--format", "pdf", "-o", out, "../../examples/2023/汇编.yaml")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	files := outputs(t, out)
	if len(files) != 1 || files[0] != "各级局机关2023年工作总结及2024年工作计划汇编.pdf" {
		t.Errorf("files %v", files)
	}
	if !strings.Contains(stdout, "共 14 篇") {
		t.Errorf("stdout:\n%s", stdout)
	}
}
