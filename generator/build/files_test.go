package build

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSafeName(t *testing.T) {
	cases := map[string]string{
		"民政局2023年工作总结":     "民政局2023年工作总结",
		"../../etc/passwd": "_._etc_passwd",
		`a\b:c*d?"e<f>g|h`: "a_b_c_d__e_f_g_h",
		"CON":              "_CON",
		"nul.txt":          "_nul.txt",
		"  ..  ":           "报告",
		"标题\u200b含\x01零宽":  "标题含零宽",
	}
	for in, want := range cases {
		got := SafeName(in)
		if got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
		if strings.ContainsAny(got, `/\`) || got == ".." {
			t.Errorf("unsafe: %q", got)
		}
	}
}

func TestNamer(t *testing.T) {
	var n Namer
	got := []string{n.Name("民政局"), n.Name("民政局"), n.Name("公安局"), n.Name("民政局")}
	if strings.Join(got, ",") != "民政局,民政局-2,公安局,民政局-3" {
		t.Errorf("names: %v", got)
	}
}

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	os.WriteFile(p, []byte("old"), 0o644)
	err := WriteAtomic(p, func(w io.Writer) error {
		w.Write([]byte("partial"))
		return errors.New("boom")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("old file changed: %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("temporary file left behind: %v", ents)
	}
	if err := WriteAtomic(p, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("not replaced: %q", b)
	}
}

func TestExpand(t *testing.T) {
	got, err := Expand([]string{"../../examples/2023", "../../examples/2023/01-*.yaml"})
	if err != nil || len(got) != 15 {
		t.Fatalf("%d files, %v", len(got), err)
	}
	if _, err := Expand([]string{"../../examples/none-*.yaml"}); err == nil {
		t.Error("a glob without match must fail")
	}
}
