//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// genBinary builds gen once for the subprocess tests.
func genBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gen-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "gen")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// runBin runs the binary through sh (for ulimit and pipes) with a timeout
// and returns the exit code and the combined output.
func runBin(t *testing.T, timeout time.Duration, script string) (int, string) {
	t.Helper()
	cmd := exec.Command("sh", "-c", script)
	cmd.Env = append(os.Environ(), "GEN="+genBinary(t), "LANG=zh_CN.UTF-8", "GEN_LANG=")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), out.String()
		}
		return 0, out.String()
	case <-time.After(timeout):
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
		t.Fatalf("hung for %v: %s\n%s", timeout, script, out.String())
	}
	return -1, ""
}

func tempFiles(dir string) []string {
	var out []string
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestDiskFull (issue 11 item 1): with a file size limit (ulimit -f) the
// run fails with exit 1 and a message saying the disk is full; the older
// good PDF and DOCX stay byte for byte; no temporary file is left.
func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "r.yaml")
	b, _ := os.ReadFile("../../examples/2023/06-医疗保障局.yaml")
	os.WriteFile(in, b, 0o644)
	out := filepath.Join(dir, "o")
	code, text := runBin(t, 60*time.Second, fmt.Sprintf(`"$GEN" -q -o %q %q`, out, in))
	if code != 0 {
		t.Fatalf("first run: exit %d\n%s", code, text)
	}
	pdf := filepath.Join(out, "医疗保障局2023年工作总结.pdf")
	docx := filepath.Join(out, "医疗保障局2023年工作总结.docx")
	oldPDF, _ := os.ReadFile(pdf)
	oldDOCX, _ := os.ReadFile(docx)
	for _, format := range []string{"pdf", "docx,pdf"} {
		code, text = runBin(t, 60*time.Second, fmt.Sprintf(`ulimit -f 20; "$GEN" --format %s -o %q %q`, format, out, in))
		if code != 1 {
			t.Errorf("%s: exit %d, want 1\n%s", format, code, text)
		}
		if !strings.Contains(text, "✗ 医疗保障局") || !strings.Contains(text, "磁盘已满") || !strings.Contains(text, "原有文件未改动") || strings.Contains(text, "✓") {
			t.Errorf("%s: message:\n%s", format, text)
		}
		if b, _ := os.ReadFile(pdf); !bytes.Equal(b, oldPDF) {
			t.Errorf("%s: the older PDF changed (%d → %d bytes)", format, len(oldPDF), len(b))
		}
		if b, _ := os.ReadFile(docx); !bytes.Equal(b, oldDOCX) {
			t.Errorf("%s: the older DOCX changed", format)
		}
		if tf := tempFiles(out); len(tf) > 0 {
			t.Errorf("%s: temporary files left: %v", format, tf)
		}
	}
	// The same for a volume: exit 1, the older volume untouched.
	vo := filepath.Join(dir, "vo")
	manifest := "../../examples/2023/汇编.yaml"
	if code, text := runBin(t, 120*time.Second, fmt.Sprintf(`"$GEN" --compile -q -o %q %q`, vo, manifest)); code != 0 {
		t.Fatalf("volume: exit %d\n%s", code, text)
	}
	before := map[string][]byte{}
	ents, _ := os.ReadDir(vo)
	for _, e := range ents {
		before[e.Name()], _ = os.ReadFile(filepath.Join(vo, e.Name()))
	}
	code, text = runBin(t, 120*time.Second, fmt.Sprintf(`ulimit -f 100; "$GEN" --compile -o %q %q`, vo, manifest))
	if code != 1 || !strings.Contains(text, "磁盘已满") || strings.Contains(text, "✓") {
		t.Errorf("volume on a full disk: exit %d\n%s", code, text)
	}
	ents, _ = os.ReadDir(vo)
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(vo, e.Name()))
		if !bytes.Equal(b, before[e.Name()]) {
			t.Errorf("volume file %s changed or appeared", e.Name())
		}
	}
	if len(ents) != 2 {
		t.Errorf("%d files in the volume folder", len(ents))
	}
}

// TestNoHang (item 8): devices, endless pipes, FIFOs (as input, inside a
// folder, as --config, as a font) are refused quickly with a message.
func TestNoHang(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder")
	os.MkdirAll(folder, 0o755)
	syscall.Mkfifo(filepath.Join(folder, "pipe.yaml"), 0o644)
	os.WriteFile(filepath.Join(folder, "a.yaml"), []byte("agency: 民政局\nyear: 2023\nintro: 正文。\n"), 0o644)
	fontCfg := filepath.Join(dir, "font.yaml")
	os.WriteFile(fontCfg, []byte("fonts:\n  body: /dev/zero\n"), 0o644)
	o := filepath.Join(dir, "o")
	cases := []struct {
		name, script string
		code         int
		want         string
	}{
		{"/dev/zero", `"$GEN" -o ` + o + ` /dev/zero`, 1, "这不是普通文件，而是设备"},
		{"/dev/urandom", `"$GEN" -o ` + o + ` /dev/urandom`, 1, "要从标准输入读取请写 -"},
		{"yes | gen /dev/stdin", `yes | "$GEN" -o ` + o + ` /dev/stdin`, 1, "这不是普通文件"},
		{"yes | gen -", `yes | "$GEN" -o ` + o + ` -`, 1, "limits.max_bytes"},
		{"FIFO", `"$GEN" -o ` + o + ` ` + fifo, 1, "管道（FIFO）"},
		{"FIFO in a folder", `"$GEN" -q -o ` + o + ` ` + folder, 0, ""},
		{"--config /dev/zero", `"$GEN" --config /dev/zero -o ` + o + ` ` + folder, 2, "无法读取配置文件"},
		{"font at /dev/zero", `"$GEN" --config ` + fontCfg + ` -o ` + o + ` ` + folder, 2, "fonts.body"},
		{"manifest include at /dev/zero", `printf 'compilation: {title: 汇编, include: [/dev/zero]}\n' > ` + dir + `/m.yaml; "$GEN" --compile -o ` + o + ` ` + dir + `/m.yaml`, 1, "这不是普通文件"},
		{"stdin report", `printf 'agency: 统计局\nyear: 2023\n' | "$GEN" -q -o ` + o + ` -`, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, text := runBin(t, 20*time.Second, c.script)
			if code != c.code || !strings.Contains(text, c.want) {
				t.Errorf("exit %d (want %d)\n%s\nwant %q", code, c.code, text, c.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(o, "统计局2023年工作总结及2024年工作计划.pdf")); err != nil {
		t.Errorf("report from stdin: %v", err)
	}
}
