package tmpl

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"text/template"
	"time"
)

// TestGuard (issue 11 item 10): templates that would exhaust memory or run
// for ever stop quickly with ErrTemplateLimit; ordinary ones run as
// before, also concurrently on one parsed template.
func TestGuard(t *testing.T) {
	cases := []struct {
		src  string
		want string // "" for success: the output
	}{
		{`{{repeat 3000000000 "x"}}`, "repeat"},
		{`{{range until 400000000}}{{end}}`, "until"},
		{`{{range 100000000000}}{{end}}`, "range"},
		{`{{range $i := 100000000000}}{{end}}`, "range"},
		{`{{range until 3000}}{{range until 3000}}{{end}}{{end}}`, "上限"},
		{`{{define "a"}}{{repeat 2000000 "x"}}{{end}}{{range until 4}}{{template "a"}}{{end}}`, "repeat"},
		{`{{range untilStep 0 1000000000 1}}{{end}}`, "untilStep"},
		{`{{range $i, $e := until 100}}{{.}}{{end}}`, ""},
		{`{{range 3}}a{{else}}none{{end}}`, ""},
		{`{{repeat 3 "ab"}}|{{indent 2 "x"}}`, ""},
	}
	for _, c := range cases {
		tp := template.Must(template.New("t").Funcs(Guard(template.FuncMap{})).Parse(c.src))
		Bound(tp)
		start := time.Now()
		var b strings.Builder
		err := Execute(tp, &b, nil)
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("%s: took %v", c.src, el)
		}
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: %v", c.src, err)
			}
			continue
		}
		if !errors.Is(err, ErrTemplateLimit) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "请检查模板") {
			t.Errorf("%s: %v", c.src, err)
		}
	}
	// Output beyond MaxOutput stops at the writer.
	tp := template.Must(template.New("t").Funcs(Guard(template.FuncMap{})).Parse(`{{range until 2000000}}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{{end}}`))
	Bound(tp)
	if err := Execute(tp, io.Discard, nil); !errors.Is(err, ErrTemplateLimit) || !strings.Contains(err.Error(), "字节") {
		t.Errorf("output limit: %v", err)
	}
	// Budgets are per execution: many small runs in parallel all succeed.
	ok := template.Must(template.New("t").Funcs(Guard(template.FuncMap{})).Parse(`{{range until 1000000}}{{end}}ok`))
	Bound(ok)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b strings.Builder
			if err := Execute(ok, &b, nil); err != nil || b.String() != "ok" {
				t.Errorf("parallel: %v %q", err, b.String())
			}
		}()
	}
	wg.Wait()
}

// TestReadPart: template parts must be regular files of at most
// MaxPartBytes.
func TestReadPart(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "big.xml"), make([]byte, MaxPartBytes+1), 0o644)
	os.WriteFile(filepath.Join(dir, "ok.xml"), []byte("<a/>"), 0o644)
	os.Mkdir(filepath.Join(dir, "d.xml"), 0o755)
	fsys := os.DirFS(dir)
	if b, err := ReadPart(fsys, "ok.xml"); err != nil || string(b) != "<a/>" {
		t.Errorf("ok: %v", err)
	}
	if _, err := ReadPart(fsys, "big.xml"); err == nil || !strings.Contains(err.Error(), "超过上限") {
		t.Errorf("big: %v", err)
	}
	if _, err := ReadPart(fsys, "d.xml"); err == nil || !strings.Contains(err.Error(), "不是普通文件") {
		t.Errorf("folder: %v", err)
	}
}

// TestBounded: a Bounded reuses its copies of the template, and each run
// still gets a budget of its own: runs that each spend 3/5 of the budget
// succeed one after another and in parallel, a run stopped by a limit
// leaves the next run its full budget, and the output and loop limits hold
// on reused copies as on fresh ones.
func TestBounded(t *testing.T) {
	src := `{{if .}}{{range until 1500000}}{{end}}ok{{else}}{{range until 3000000}}{{end}}{{end}}`
	tp := template.Must(template.New("t").Funcs(Guard(template.FuncMap{})).Parse(src))
	Bound(tp)
	x := NewBounded(tp)
	if c := x.first.Load(); c == nil || c.t != tp {
		t.Fatal("NewBounded does not keep the template itself for the first run")
	}
	run := func(heavy bool) (string, error) {
		var b strings.Builder
		err := x.Execute(&b, !heavy)
		return b.String(), err
	}
	for i := 0; i < 4; i++ {
		if out, err := run(false); err != nil || out != "ok" {
			t.Fatalf("run %d: %v %q", i, err, out)
		}
		if x.first.Load() != nil {
			t.Fatal("the first run did not take the template itself")
		}
		if _, err := run(true); !errors.Is(err, ErrTemplateLimit) {
			t.Fatalf("heavy run %d: %v, want the loop limit", i, err)
		}
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if out, err := run(false); err != nil || out != "ok" {
				t.Errorf("parallel: %v %q", err, out)
			}
		}()
	}
	wg.Wait()
	big := template.Must(template.New("t").Funcs(Guard(template.FuncMap{})).Parse(`{{define "p"}}{{range until 2000000}}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{{end}}{{end}}small`))
	Bound(big)
	y := NewBounded(big)
	for i := 0; i < 3; i++ {
		if err := y.ExecuteTemplate(io.Discard, "p", nil); !errors.Is(err, ErrTemplateLimit) || !strings.Contains(err.Error(), "字节") {
			t.Errorf("output limit, run %d: %v", i, err)
		}
		var b strings.Builder
		if err := y.Execute(&b, nil); err != nil || b.String() != "small" {
			t.Errorf("after the limit, run %d: %v %q", i, err, b.String())
		}
	}
}
