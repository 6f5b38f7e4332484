package build

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// textExporter writes the report's plain text; it fails for one agency
// after writing part of the file.
type textExporter struct{ failFor string }

func (textExporter) Format() string { return "txt" }

func (e textExporter) Export(w io.Writer, r *model.Report) (Info, diag.List, error) {
	io.WriteString(w, r.PlainText()[:10])
	if r.Agency.Value == e.failFor {
		return Info{}, nil, errors.New("disk full")
	}
	_, err := io.WriteString(w, r.PlainText()[10:])
	return Info{Pages: 1}, nil, err
}

func writeFile(t *testing.T, dir, name, body string) string {
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunBatch(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeFile(t, in, "a.yaml", "agency: 民政局\nyear: 2023\nintro: 甲。\n")
	writeFile(t, in, "b.yaml", "agency: 民政局\nyear: 2023\nintro: 乙。\n") // same title: distinct name
	writeFile(t, in, "c.yaml", "agency: 公安局\nyear: 2023\nheding: x\n") // malformed
	writeFile(t, in, "d.yaml", "reports:\n  - {agency: 统计局, year: 2023}\n  - {agency: 商务局, year: 2023}\n")
	writeFile(t, in, "e.yaml", "agency: 坏局\nyear: 2023\n") // export fails half-way
	writeFile(t, in, "m.yaml", "compilation: {title: 汇编, include: [\"*.yaml\"]}\n")
	os.WriteFile(filepath.Join(out, "坏局2023年工作总结及2024年工作计划.txt"), []byte("previous good file"), 0o644)
	sum, err := Run(context.Background(), Options{
		Inputs: []string{in}, OutDir: out, Formats: []string{"txt"},
		Exporters: map[string]Exporter{"txt": textExporter{failFor: "坏局"}}, Workers: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.OK != 4 || sum.Failed != 2 || len(sum.Skipped) != 1 {
		t.Errorf("ok %d failed %d skipped %v", sum.OK, sum.Failed, sum.Skipped)
	}
	ents, _ := os.ReadDir(out)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	want := []string{
		"商务局2023年工作总结及2024年工作计划.txt",
		"坏局2023年工作总结及2024年工作计划.txt",
		"民政局2023年工作总结及2024年工作计划-2.txt",
		"民政局2023年工作总结及2024年工作计划.txt",
		"统计局2023年工作总结及2024年工作计划.txt",
	}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Errorf("outputs:\n%s", strings.Join(names, "\n"))
	}
	if b, _ := os.ReadFile(filepath.Join(out, "坏局2023年工作总结及2024年工作计划.txt")); string(b) != "previous good file" {
		t.Errorf("a failed export touched the previous file: %q", b)
	}
	var bad *Outcome
	for i := range sum.Reports {
		if strings.HasSuffix(sum.Reports[i].Input, "c.yaml") {
			bad = &sum.Reports[i]
		}
	}
	if bad == nil || !strings.Contains(bad.Line("zh"), "c.yaml:3:1: 错误：未知字段 \"heding\"") {
		t.Errorf("malformed file not reported with its position: %+v", bad)
	}
}

func TestRunInterrupted(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	for _, n := range []string{"a", "b", "c"} {
		writeFile(t, in, n+".yaml", "agency: "+n+"局\nyear: 2023\n")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sum, err := Run(ctx, Options{Inputs: []string{in}, OutDir: out, Formats: []string{"txt"}, Exporters: map[string]Exporter{"txt": textExporter{}}, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted {
		t.Error("not marked interrupted")
	}
	ents, _ := os.ReadDir(out)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
	if len(ents)+len(sum.Skipped) < 3 {
		t.Errorf("%d written + %d skipped, want 3", len(ents), len(sum.Skipped))
	}
}
