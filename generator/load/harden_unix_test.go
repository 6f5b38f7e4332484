//go:build unix

package load

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestNotRegular (item 8): devices, FIFOs and folders are refused without
// being read; standard input is read through the size limit.
func TestNotRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "p.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/dev/zero", "/dev/urandom", fifo, dir} {
		_, ds := ReadFileLimits(p, DefaultLimits)
		if len(ds) != 1 || ds[0].Code != "not-regular" || !strings.Contains(ds[0].ZH, "要从标准输入读取请写 -") {
			t.Errorf("%s: %s", p, ds.Format("zh"))
		}
	}
	r, w, _ := os.Pipe()
	old := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = old }()
	go func() {
		for i := 0; i < 3000; i++ {
			if _, err := w.Write([]byte(strings.Repeat("y\n", 512))); err != nil {
				break
			}
		}
		w.Close()
	}()
	_, ds := ReadFileLimits("-", Limits{MaxBytes: 1 << 20})
	r.Close()
	if len(ds) != 1 || ds[0].Code != "too-large-stream" || !strings.Contains(ds[0].ZH, "limits.max_bytes") {
		t.Errorf("endless stdin: %s", ds.Format("zh"))
	}
}
