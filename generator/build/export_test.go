package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// flattenExporter writes the report's flattened text, as the PDF and the
// DOCX exporters do with Elements; panics when asked to.
type flattenExporter struct {
	format string
	panics bool
}

func (e flattenExporter) Format() string { return e.format }

func (e flattenExporter) Export(w io.Writer, r *model.Report) (Info, diag.List, error) {
	if e.panics {
		panic("exporter bug")
	}
	for _, el := range r.Elements() {
		for _, s := range el.Spans {
			fmt.Fprint(w, s.Text)
		}
		fmt.Fprintln(w)
	}
	return Info{Pages: 1}, nil, nil
}

// A report's formats are exported concurrently (run with -race): every
// output is complete and equal, and a panicking exporter fails the report
// without leaving any of its files.
func TestExportFormatsInParallel(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "r.yaml", "agency: 民政局\nyear: 2023\nintro: 开头。\nsections:\n  - heading: 成效\n    items:\n      - heading: 甲\n        text: 正文。\n      - heading: 乙\n        points: [一, 二]\n")
	out := filepath.Join(dir, "out")
	exps := map[string]Exporter{"a": flattenExporter{format: "a"}, "b": flattenExporter{format: "b"}, "c": flattenExporter{format: "c"}}
	sum, err := Run(context.Background(), Options{Inputs: []string{in}, OutDir: out, Formats: []string{"a", "b", "c"}, Exporters: exps, Workers: 1})
	if err != nil || sum.OK != 1 {
		t.Fatalf("Run: %v, %+v", err, sum)
	}
	var first string
	for _, f := range []string{"a", "b", "c"} {
		b, err := os.ReadFile(filepath.Join(out, "民政局2023年工作总结及2024年工作计划."+f))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "（一）甲") && !strings.Contains(string(b), "甲") {
			t.Errorf("%s: output lacks the items:\n%s", f, b)
		}
		if first == "" {
			first = string(b)
		} else if string(b) != first {
			t.Errorf("%s differs from a:\n%s\n---\n%s", f, b, first)
		}
	}

	out2 := filepath.Join(dir, "out2")
	exps["b"] = flattenExporter{format: "b", panics: true}
	sum, err = Run(context.Background(), Options{Inputs: []string{in}, OutDir: out2, Formats: []string{"a", "b", "c"}, Exporters: exps, Workers: 1})
	if err != nil || sum.Failed != 1 || !errors.Is(sum.Reports[0].Err, ErrPanic) {
		t.Fatalf("panicking exporter: %v, %+v", err, sum)
	}
	if files, _ := os.ReadDir(out2); len(files) != 0 {
		t.Errorf("a failed report left %d files", len(files))
	}
}
