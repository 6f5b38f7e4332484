package pdf

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/gongwen/gen/internal/testkit"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// tool and run find and run a checking tool (see package testkit).
func tool(t testing.TB, name string) string { t.Helper(); return testkit.Path(t, name) }

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	return testkit.Run(t, name, args...)
}

func defaultFonts(t testing.TB) *fontset.Set {
	t.Helper()
	set, err := fontset.Default()
	if err != nil {
		t.Fatalf("fonts: %v", err)
	}
	return set
}

func gongwen(t testing.TB, over map[string]any) *tmpl.Template {
	t.Helper()
	tp, err := tmpl.Load("gongwen", over)
	if err != nil {
		t.Fatal(err)
	}
	return tp
}

// example is one rendered example report.
type example struct {
	name   string
	report *model.Report
	doc    *layout.Document
	path   string // the PDF
	size   int
}

var (
	exOnce sync.Once
	exList []*example
	exDir  string
	exErr  error
)

// examples renders every report of examples/2023 once per test binary.
func examples(t testing.TB) []*example {
	t.Helper()
	exOnce.Do(func() {
		exDir, exErr = os.MkdirTemp("", "gen-pdf-examples-")
		if exErr != nil {
			return
		}
		files, _ := filepath.Glob("../../examples/2023/[0-9]*.yaml")
		set, err := fontset.Default()
		if err != nil {
			exErr = err
			return
		}
		tp, err := tmpl.Load("gongwen", nil)
		if err != nil {
			exErr = err
			return
		}
		for _, f := range files {
			file, diags := load.ReadFile(f)
			if file == nil || len(file.Reports) == 0 {
				exErr = fmt.Errorf("%s: %v", f, diags)
				return
			}
			for i, r := range file.Reports {
				name := strings.TrimSuffix(filepath.Base(f), ".yaml")
				if i > 0 {
					name += fmt.Sprint("-", i)
				}
				doc := layout.Layout(r.Elements(), &tp.Layout, Measurer(set), layout.Options{})
				var buf bytes.Buffer
				if err := Write(&buf, doc, set, Info{Title: r.Title.Value, Author: r.Issuer.Value}); err != nil {
					exErr = fmt.Errorf("%s: %w", name, err)
					return
				}
				p := filepath.Join(exDir, name+".pdf")
				if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
					exErr = err
					return
				}
				exList = append(exList, &example{name: name, report: r, doc: doc, path: p, size: buf.Len()})
			}
		}
	})
	if exErr != nil {
		t.Fatal(exErr)
	}
	if len(exList) == 0 {
		t.Skip("no examples found")
	}
	return exList
}

func TestMain(m *testing.M) {
	code := m.Run()
	if exDir != "" {
		os.RemoveAll(exDir)
	}
	os.Exit(code)
}

// squash drops all white space.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// docText is the text of a laid-out document in drawing order; with
// artifacts false it leaves out page numbers and repeated table headers.
func docText(doc *layout.Document, artifacts bool) string {
	var b strings.Builder
	for _, p := range doc.Pages {
		for _, r := range p.Runs {
			if r.Kind == layout.KindPageNum || (r.Artifact && !artifacts) {
				continue
			}
			b.WriteString(r.Text)
		}
	}
	return b.String()
}
