package build

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
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

// TestExpandSkipsConfig: gen.yaml (any case) beside the data files is the
// configuration, not a report: a folder and a pattern pass over it, so a
// manifest's include "*.yaml" binds only the reports; named alone it is
// still taken.
func TestExpandSkipsConfig(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"01.yaml", "gen.yaml", "GEN.YML", "汇编.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("agency: x\nyear: 2023\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{filepath.Join(dir, "01.yaml"), filepath.Join(dir, "汇编.yaml")}
	for _, in := range []string{dir, filepath.Join(dir, "*.y*ml")} {
		got, err := Expand([]string{in})
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Expand(%s) = %v, %v; want %v", in, got, err, want)
		}
	}
	alone := filepath.Join(dir, "gen.yaml")
	if got, err := Expand([]string{alone}); err != nil || len(got) != 1 || got[0] != alone {
		t.Errorf("Expand(gen.yaml) = %v, %v", got, err)
	}
}
