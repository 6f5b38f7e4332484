package build

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"
)

// tinyPDF is a complete one-page PDF with a classic xref table.
func tinyPDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := []int{}
	for i, o := range []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"} {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	b.WriteString("xref\n0 4\n0000000000 65535 f \n")
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

func tinyDOCX(t *testing.T) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range []string{"[Content_Types].xml", "word/document.xml"} {
		w, _ := zw.Create(n)
		w.Write(bytes.Repeat([]byte("<w:document/>"), 200))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeBytes(b []byte) func(io.Writer) error {
	return func(w io.Writer) error { _, err := w.Write(b); return err }
}

func listDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		out[e.Name()] = string(b)
	}
	return out
}

// TestVerify: complete PDFs and DOCX files pass; every truncation of them
// (as a full disk leaves them) fails with code output-incomplete.
func TestVerify(t *testing.T) {
	pdf, docx := tinyPDF(), tinyDOCX(t)
	check := func(name string, data []byte) error {
		p := filepath.Join(t.TempDir(), name)
		os.WriteFile(p, data, 0o644)
		f, _ := os.Open(p)
		defer f.Close()
		return Verify(p, f)
	}
	if err := check("a.pdf", pdf); err != nil {
		t.Errorf("complete PDF: %v", err)
	}
	if err := check("a.docx", docx); err != nil {
		t.Errorf("complete DOCX: %v", err)
	}
	for _, n := range []int{0, 10, 100, len(pdf) / 2, len(pdf) - 30, len(pdf) - 6} {
		err := check("a.pdf", pdf[:n])
		var oe *OutputError
		if !errors.As(err, &oe) || oe.Code != "output-incomplete" || !strings.Contains(oe.EN, "incomplete") {
			t.Errorf("PDF cut at %d of %d: %v", n, len(pdf), err)
		}
	}
	// startxref pointing at garbage, or past the end.
	bad := bytes.Replace(pdf, []byte("startxref\n"), []byte("startxref\n1"), 1)
	if check("a.pdf", bad) == nil {
		t.Error("startxref past the end accepted")
	}
	for _, n := range []int{0, 22, len(docx) / 2, len(docx) - 1} {
		if err := check("a.docx", docx[:n]); err == nil {
			t.Errorf("DOCX cut at %d of %d accepted", n, len(docx))
		}
	}
	if err := check("a.txt", []byte("x")); err != nil {
		t.Errorf("other extensions are not checked: %v", err)
	}
}

// TestBatch: the outputs of one job appear together or not at all.
func TestBatch(t *testing.T) {
	ctx := context.Background()
	t.Run("commit replaces both", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "r.pdf"), []byte("old pdf"), 0o644)
		b := NewBatch(ctx)
		if err := b.Stage(filepath.Join(dir, "r.pdf"), writeBytes(tinyPDF())); err != nil {
			t.Fatal(err)
		}
		if got := listDir(t, dir)["r.pdf"]; got != "old pdf" {
			t.Errorf("visible before Commit: %q", got)
		}
		if err := b.Stage(filepath.Join(dir, "r.docx"), writeBytes(tinyDOCX(t))); err != nil {
			t.Fatal(err)
		}
		if err := b.Commit(); err != nil {
			t.Fatal(err)
		}
		got := listDir(t, dir)
		if len(got) != 2 || got["r.pdf"] != string(tinyPDF()) || got["r.docx"] != string(tinyDOCX(t)) {
			t.Errorf("after Commit: %d files", len(got))
		}
	})
	t.Run("second output fails", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "r.docx"), []byte("old docx"), 0o644)
		b := NewBatch(ctx)
		defer b.Discard()
		if err := b.Stage(filepath.Join(dir, "r.docx"), writeBytes(tinyDOCX(t))); err != nil {
			t.Fatal(err)
		}
		// A PDF cut short by a full disk, its exporter saying nothing.
		err := b.Stage(filepath.Join(dir, "r.pdf"), writeBytes(tinyPDF()[:300]))
		if msg, code := ErrorText(err, "zh"); code != "output-incomplete" || !strings.Contains(msg, "未替换原有文件") {
			t.Errorf("error %q %q", code, msg)
		}
		b.Discard()
		if got := listDir(t, dir); len(got) != 1 || got["r.docx"] != "old docx" {
			t.Errorf("after a failed batch: %v", got)
		}
	})
	t.Run("write error swallowed by the exporter", func(t *testing.T) {
		dir := t.TempDir()
		b := NewBatch(ctx)
		defer b.Discard()
		err := b.Stage(filepath.Join(dir, "r.txt"), func(w io.Writer) error {
			w.Write([]byte("a"))
			w.(*checkedWriter).w.(*os.File).Close() // the next write fails
			w.Write([]byte("b"))
			return nil // like gopdf, which drops write errors
		})
		if err == nil {
			t.Error("a failed write was reported as success")
		}
		if got := listDir(t, dir); len(got) != 0 {
			t.Errorf("left: %v", got)
		}
	})
	t.Run("cancelled before commit", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "r.pdf"), []byte("old"), 0o644)
		cctx, cancel := context.WithCancel(ctx)
		b := NewBatch(cctx)
		if err := b.Stage(filepath.Join(dir, "r.docx"), writeBytes(tinyDOCX(t))); err != nil {
			t.Fatal(err)
		}
		cancel() // Ctrl-C while the PDF is written
		err := b.Stage(filepath.Join(dir, "r.pdf"), writeBytes(tinyPDF()))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Stage after cancel: %v", err)
		}
		if err := b.Commit(); !errors.Is(err, context.Canceled) {
			t.Errorf("Commit after cancel: %v", err)
		}
		if got := listDir(t, dir); len(got) != 1 || got["r.pdf"] != "old" {
			t.Errorf("after cancel: %v", got)
		}
	})
	t.Run("rename fails midway", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "a.txt"), []byte("old a"), 0o644)
		b := NewBatch(ctx)
		b.Stage(filepath.Join(dir, "a.txt"), writeBytes([]byte("new a")))
		b.Stage(filepath.Join(dir, "b.txt"), writeBytes([]byte("new b")))
		os.MkdirAll(filepath.Join(dir, "b.txt", "x"), 0o755) // b's name becomes a folder
		err := b.Commit()
		if _, code := ErrorText(err, "en"); code != "name-is-folder" {
			t.Errorf("Commit: %v", err)
		}
		got := listDir(t, dir)
		if len(got) != 2 || got["a.txt"] != "old a" {
			t.Errorf("a.txt not restored: %v", got)
		}
	})
}

// TestNamerFree: titles 同名, 同名-2, 同名 get three different names
// (the third used to overwrite the second).
func TestNamerFree(t *testing.T) {
	var n Namer
	got := []string{n.Name("同名"), n.Name("同名-2"), n.Name("同名"), n.Name("同名-3"), n.Name("同名")}
	if strings.Join(got, ",") != "同名,同名-2,同名-3,同名-3-2,同名-4" {
		t.Errorf("names: %v", got)
	}
}

// TestSafeNameLong: titles up to 200 characters give names the file
// system takes, with room for "-N", the extension and the temporary
// suffix, cut on a character boundary.
func TestSafeNameLong(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{79, 80, 85, 120, 200} {
		for _, unit := range []string{"汇", "a", "𠀀"} {
			title := strings.Repeat(unit, n)
			name := SafeName(title)
			if len(name) > MaxNameBytes || !utf8.ValidString(name) || !strings.HasPrefix(title, name) {
				t.Errorf("%d×%s: %d bytes, valid %v", n, unit, len(name), utf8.ValidString(name))
			}
			p := filepath.Join(dir, name+"-99.docx")
			if err := WriteAtomic(p, writeBytes(tinyDOCX(t))); err != nil {
				t.Errorf("%d×%s: %v", n, unit, err)
			}
		}
	}
}

// TestSafeNameWindows: characters Windows forbids, trailing dots and
// spaces, device names with extensions or spaces.
func TestSafeNameWindows(t *testing.T) {
	cases := map[string]string{
		`报告：关于"x"的<说明>?`:    `报告：关于_x_的_说明__`,
		"报告. . ":            "报告",
		"COM1":              "_COM1",
		"lpt9.年度报告":         "_lpt9.年度报告",
		"Aux ":              "_Aux",
		"C:\\Users\\张三\\桌面": "C__Users_张三_桌面",
	}
	for in, want := range cases {
		if got := SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestExpandFinds: folders with pattern characters in their names,
// upper-case extensions, empty folders, FIFOs.
func TestExpandFinds(t *testing.T) {
	root := t.TempDir()
	br := filepath.Join(root, "[2023] 报告")
	os.MkdirAll(br, 0o755)
	writeFile(t, br, "a.yaml", "x")
	up := filepath.Join(root, "UP")
	os.MkdirAll(up, 0o755)
	writeFile(t, up, "A.YAML", "x")
	writeFile(t, up, "b.Yml", "x")
	writeFile(t, up, ".hidden.yaml", "x")
	writeFile(t, up, "c.txt", "x")
	mkfifo(t, filepath.Join(up, "fifo.yaml"))
	empty := filepath.Join(root, "empty")
	os.MkdirAll(empty, 0o755)
	got, err := Expand([]string{br})
	if err != nil || len(got) != 1 || got[0] != filepath.Join(br, "a.yaml") {
		t.Errorf("bracket folder: %v %v", got, err)
	}
	got, err = Expand([]string{up})
	if err != nil || len(got) != 2 || filepath.Base(got[0]) != "A.YAML" || filepath.Base(got[1]) != "b.Yml" {
		t.Errorf("upper case: %v %v", got, err)
	}
	_, err = Expand([]string{empty})
	if msg, code := ErrorText(err, "zh"); code != "no-data-files" || !strings.Contains(msg, empty) || !strings.Contains(msg, ".yaml") {
		t.Errorf("empty folder: %q %q", code, msg)
	}
	_, err = Expand([]string{filepath.Join(root, "nope*.yaml")})
	if msg, code := ErrorText(err, "en"); code != "not-found" || !strings.Contains(msg, "nope*.yaml") {
		t.Errorf("no match: %q %q", code, msg)
	}
}

// TestSweep: a killed run's temporary files are removed by the next run
// into the same folder; a running process's are kept.
func TestSweep(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("processes are not probed on Windows")
	}
	dir := t.TempDir()
	dead := ".r.pdf" + tempMark + "999999999.123.tmp" // no such process
	live := ".r.pdf" + tempMark + "1.456.tmp"         // init runs
	mine := ".r.pdf" + tempMark + fmt.Sprint(os.Getpid()) + ".789.tmp"
	for _, n := range []string{dead, live, mine, "r.pdf", ".other.tmp"} {
		writeFile(t, dir, n, "x")
	}
	if n := Sweep(dir); n != 1 {
		t.Errorf("removed %d, want 1", n)
	}
	got := listDir(t, dir)
	if _, ok := got[dead]; ok || len(got) != 4 {
		t.Errorf("after Sweep: %v", got)
	}
}

// TestExplainWindows: the errors Windows gives for a file open in WPS or
// Word (access denied, sharing violation) and for a full disk become
// messages that say so; the same numbers mean nothing special elsewhere.
func TestExplainWindows(t *testing.T) {
	p := `C:\Users\张三\桌面\out\报告.pdf`
	for _, no := range []syscall.Errno{5, 32, 33} {
		err := explainFor("windows", p, &os.PathError{Op: "rename", Path: p, Err: no})
		var oe *OutputError
		if !errors.As(err, &oe) || oe.Code != "file-in-use" || !strings.Contains(oe.ZH, "正被其他程序") || !strings.Contains(oe.ZH, "WPS") || !strings.Contains(oe.EN, "open in another program") || !strings.Contains(oe.ZH, p) {
			t.Errorf("errno %d: %v", no, err)
		}
	}
	if _, code := ErrorText(explainFor("windows", p, syscall.Errno(112)), "zh"); code != "disk-full" {
		t.Errorf("ERROR_DISK_FULL: %s", code)
	}
	if _, code := ErrorText(explainFor("linux", p, syscall.ENOSPC), "zh"); code != "disk-full" {
		t.Errorf("ENOSPC: %s", code)
	}
	if _, code := ErrorText(explainFor("linux", p, syscall.EFBIG), "zh"); code != "disk-full" {
		t.Errorf("EFBIG: %s", code)
	}
}

// TestStageAll: outputs staged at the same time are kept in the order of
// their paths, each failure is reported for its own path (a truncated PDF,
// a writer that panics) and leaves no temporary file, the others stay
// staged, and Commit then puts exactly those into place.
func TestStageAll(t *testing.T) {
	pdf, docx := tinyPDF(), tinyDOCX(t)
	cases := []struct {
		name   string
		writes []func(io.Writer) error
		fail   []bool // per path: is an error expected
	}{
		{"both good", []func(io.Writer) error{writeBytes(pdf), writeBytes(docx)}, []bool{false, false}},
		{"truncated pdf", []func(io.Writer) error{writeBytes(pdf[:len(pdf)-20]), writeBytes(docx)}, []bool{true, false}},
		{"panicking docx", []func(io.Writer) error{writeBytes(pdf), func(io.Writer) error { panic("boom") }}, []bool{false, true}},
		{"both fail", []func(io.Writer) error{writeBytes([]byte("x")), writeBytes([]byte("y"))}, []bool{true, true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			paths := []string{filepath.Join(dir, "r.pdf"), filepath.Join(dir, "r.docx")}
			b := NewBatch(context.Background())
			errs := b.StageAll(paths, c.writes)
			var want []string
			for i, err := range errs {
				if (err != nil) != c.fail[i] {
					t.Fatalf("%s: error %v, want failure %v", paths[i], err, c.fail[i])
				}
				if c.fail[i] && strings.Contains(c.name, "panic") && !errors.Is(err, ErrPanic) {
					t.Errorf("%s: %v does not wrap ErrPanic", paths[i], err)
				}
				if err == nil {
					want = append(want, paths[i])
				}
			}
			if got := b.Paths(); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("staged %q, want %q", got, want)
			}
			if n := len(listDir(t, dir)); n != len(want) {
				t.Errorf("%d files in the folder before Commit, want %d temporary ones: %v", n, len(want), listDir(t, dir))
			}
			if err := b.Commit(); err != nil {
				t.Fatal(err)
			}
			got := listDir(t, dir)
			if len(got) != len(want) {
				t.Errorf("after Commit: %v, want only %q", got, want)
			}
			for _, p := range want {
				if _, ok := got[filepath.Base(p)]; !ok {
					t.Errorf("%s not in place after Commit", p)
				}
			}
		})
	}
}
