package build

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// failAfter is a writer that fails once n bytes have gone through.
type failAfter struct {
	w io.Writer
	n int
}

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k, _ := f.w.Write(p[:f.n])
		f.n = 0
		return k, errors.New("no space left on device")
	}
	f.n -= len(p)
	return f.w.Write(p)
}

// chunkExporter writes its report in 100-byte chunks through a writer that
// fails after limit bytes (0: never), or panics when told to.
type chunkExporter struct {
	limit int
	panic bool
}

func (chunkExporter) Format() string { return "txt" }

func (e chunkExporter) Export(w io.Writer, r *model.Report) (Info, diag.List, error) {
	if e.panic {
		var m map[string]int
		m["x"] = 1 // a bug in an exporter
	}
	if e.limit > 0 {
		w = &failAfter{w: w, n: e.limit}
	}
	data := []byte(strings.Repeat(r.PlainText(), 50))
	for len(data) > 0 {
		k := min(100, len(data))
		if _, err := w.Write(data[:k]); err != nil {
			return Info{}, nil, err
		}
		data = data[k:]
	}
	return Info{Pages: 1}, nil, nil
}

// TestNothingLost: a failure while writing (a writer that fails after N
// bytes, an exporter that panics, an output name taken by a folder, an
// output folder that is a file) leaves the previous file as it was and no
// temporary file. Tests run as root, where a read-only folder does not stop
// writes, so the failures are simulated this way.
func TestNothingLost(t *testing.T) {
	const name = "民政局2023年工作总结及2024年工作计划.txt"
	cases := []struct {
		name  string
		exp   chunkExporter
		setup func(t *testing.T, out string) string // returns the output folder
		want  string
	}{
		{"fails after 1 byte", chunkExporter{limit: 1}, nil, "no space left"},
		{"fails after 1000 bytes", chunkExporter{limit: 1000}, nil, "no space left"},
		{"exporter panics", chunkExporter{panic: true}, nil, "internal error"},
		{"name taken by a folder", chunkExporter{}, func(t *testing.T, out string) string {
			os.Remove(filepath.Join(out, name))
			os.MkdirAll(filepath.Join(out, name, "keep"), 0o755)
			return out
		}, "file exists"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, out := t.TempDir(), t.TempDir()
			writeFile(t, in, "a.yaml", "agency: 民政局\nyear: 2023\nintro: 甲乙丙丁戊己庚辛壬癸。\n")
			prev := filepath.Join(out, name)
			os.WriteFile(prev, []byte("previous good file"), 0o644)
			if c.setup != nil {
				out = c.setup(t, out)
			}
			sum, err := Run(context.Background(), Options{Inputs: []string{in}, OutDir: out, Formats: []string{"txt"},
				Exporters: map[string]Exporter{"txt": c.exp}, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Failed != 1 || !strings.Contains(sum.Reports[0].Error+sum.Reports[0].Line("en"), c.want) {
				t.Errorf("failed %d, error %q, want %q", sum.Failed, sum.Reports[0].Error, c.want)
			}
			if st, err := os.Stat(prev); err == nil && !st.IsDir() {
				if b, _ := os.ReadFile(prev); string(b) != "previous good file" {
					t.Errorf("previous file changed: %q", b)
				}
			}
			ents, _ := os.ReadDir(out)
			for _, e := range ents {
				if strings.HasSuffix(e.Name(), ".tmp") {
					t.Errorf("temporary file left: %s", e.Name())
				}
			}
		})
	}
	t.Run("output folder is a file", func(t *testing.T) {
		in := t.TempDir()
		writeFile(t, in, "a.yaml", "agency: 民政局\nyear: 2023\n")
		out := writeFile(t, t.TempDir(), "out", "a file, not a folder")
		_, err := Run(context.Background(), Options{Inputs: []string{in}, OutDir: out, Formats: []string{"txt"},
			Exporters: map[string]Exporter{"txt": chunkExporter{}}})
		if msg, code := ErrorText(err, "en"); err == nil || !strings.Contains(msg, "cannot create the output folder") || code != "out-dir" {
			t.Errorf("error %v", err)
		}
		if b, _ := os.ReadFile(out); string(b) != "a file, not a folder" {
			t.Errorf("the file was changed: %q", b)
		}
	})
}

// TestCancelMidWrite: a run cancelled while a report is being written
// removes that report's temporary file, counts it as not generated (not as
// failed) and keeps the reports finished before.
func TestCancelMidWrite(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeFile(t, in, "a.yaml", "agency: 甲局\nyear: 2023\n")
	writeFile(t, in, "b.yaml", "agency: 乙局\nyear: 2023\n")
	ctx, cancel := context.WithCancel(context.Background())
	sum, err := Run(ctx, Options{Inputs: []string{in}, OutDir: out, Formats: []string{"txt"}, Workers: 1,
		Exporters: map[string]Exporter{"txt": cancelExporter{cancel: cancel, on: "乙局"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted || sum.OK != 1 || sum.Failed != 0 || len(sum.Skipped) != 1 {
		t.Errorf("interrupted %v ok %d failed %d skipped %v", sum.Interrupted, sum.OK, sum.Failed, sum.Skipped)
	}
	ents, _ := os.ReadDir(out)
	if len(ents) != 1 || !strings.HasPrefix(ents[0].Name(), "甲局") {
		t.Errorf("outputs: %v", ents)
	}
}

// cancelExporter cancels the run in the middle of writing one agency's
// report.
type cancelExporter struct {
	cancel context.CancelFunc
	on     string
}

func (cancelExporter) Format() string { return "txt" }

func (e cancelExporter) Export(w io.Writer, r *model.Report) (Info, diag.List, error) {
	if _, err := io.WriteString(w, "first half "); err != nil {
		return Info{}, nil, err
	}
	if r.Agency.Value == e.on {
		e.cancel()
	}
	_, err := io.WriteString(w, r.PlainText())
	return Info{}, nil, err
}
