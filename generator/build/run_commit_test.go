package build

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
)

// fixedExporter writes data under its format name, or fails.
type fixedExporter struct {
	format string
	data   []byte
	fail   bool
}

func (e fixedExporter) Format() string { return e.format }

func (e fixedExporter) Export(w io.Writer, r *model.Report) (Info, diag.List, error) {
	if e.fail {
		w.Write(e.data[:len(e.data)/2])
		return Info{}, nil, errors.New("render failed")
	}
	_, err := w.Write(e.data)
	return Info{Pages: 1}, nil, err
}

// goroutineProgress records the most goroutines seen while reports ran.
type goroutineProgress struct{ max int }

func (p *goroutineProgress) Start(int) {}
func (p *goroutineProgress) Done(Outcome) {
	if n := runtime.NumGoroutine(); n > p.max {
		p.max = n
	}
}

// TestRunCommitsTogether: a report whose PDF fails leaves no DOCX (item 6),
// and the older pair stays as it was.
func TestRunCommitsTogether(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeFile(t, in, "a.yaml", "agency: 民政局\nyear: 2023\ntitle: 报告\n")
	writeFile(t, out, "报告.docx", "old docx")
	writeFile(t, out, "报告.pdf", "old pdf")
	ex := map[string]Exporter{
		"docx": fixedExporter{format: "docx", data: tinyDOCX(t)},
		"pdf":  fixedExporter{format: "pdf", data: tinyPDF(), fail: true},
	}
	sum, err := Run(context.Background(), Options{Inputs: []string{in}, OutDir: out, Formats: []string{"docx", "pdf"}, Exporters: ex, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 1 || len(sum.Reports[0].Outputs) != 0 || sum.Reports[0].ErrorCode != "write-failed" {
		t.Errorf("summary %+v", sum.Reports[0])
	}
	got := listDir(t, out)
	if len(got) != 2 || got["报告.docx"] != "old docx" || got["报告.pdf"] != "old pdf" {
		t.Errorf("on disk: %v", got)
	}
	// Now both succeed: both replaced.
	ex["pdf"] = fixedExporter{format: "pdf", data: tinyPDF()}
	sum, _ = Run(context.Background(), Options{Inputs: []string{in}, OutDir: out, Formats: []string{"docx", "pdf"}, Exporters: ex, Workers: 1})
	got = listDir(t, out)
	if sum.OK != 1 || len(sum.Reports[0].Outputs) != 2 || got["报告.pdf"] != string(tinyPDF()) || got["报告.docx"] != string(tinyDOCX(t)) {
		t.Errorf("second run: %+v, %d files", sum.Reports[0], len(got))
	}
}

// TestRunDistinctNames: titles 同名, 同名-2, 同名 write three files, none
// overwritten (item 4).
func TestRunDistinctNames(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeFile(t, in, "1.yaml", "agency: 甲\nyear: 2023\ntitle: 同名\nintro: 甲乙丙丁戊己庚辛壬癸。\n")
	writeFile(t, in, "2.yaml", "agency: 乙\nyear: 2023\ntitle: 同名-2\nintro: 甲乙丙丁戊己庚辛壬癸。\n")
	writeFile(t, in, "3.yaml", "agency: 丙\nyear: 2023\ntitle: 同名\nintro: 甲乙丙丁戊己庚辛壬癸。\n")
	sum, err := Run(context.Background(), Options{Inputs: []string{in}, OutDir: out, Formats: []string{"txt"},
		Exporters: map[string]Exporter{"txt": textExporter{}}, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	got := listDir(t, out)
	if sum.OK != 3 || len(got) != 3 || !strings.Contains(got["同名.txt"], "甲") || !strings.Contains(got["同名-2.txt"], "乙") || !strings.Contains(got["同名-3.txt"], "丙") {
		t.Errorf("files %v %+v", got, sum)
	}
}

// TestRunNothingFound: a run that finds no report is an error naming what
// was searched (item 7), and -j 1000000 starts no more workers than there
// are reports (item 11).
func TestRunNothingFound(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	opt := Options{Inputs: []string{in}, OutDir: out, Formats: []string{"txt"}, Exporters: map[string]Exporter{"txt": textExporter{}}}
	if _, err := Run(context.Background(), opt); err == nil || !strings.Contains(err.Error(), in) {
		t.Errorf("empty folder: %v", err)
	}
	writeFile(t, in, "m.yaml", "compilation: {title: 汇编, include: [\"*.yaml\"]}\n")
	_, err := Run(context.Background(), opt)
	if msg, code := ErrorText(err, "zh"); code != "no-reports" || !strings.Contains(msg, "gen --compile") {
		t.Errorf("only a manifest: %q %q", code, msg)
	}
	writeFile(t, in, "a.yaml", "agency: 甲\nyear: 2023\nintro: 甲乙丙丁戊己庚辛壬癸。\n")
	p := &goroutineProgress{}
	opt.Workers, opt.Progress = 1000000, p
	if sum, err := Run(context.Background(), opt); err != nil || sum.OK != 1 {
		t.Fatalf("%v %+v", err, sum)
	}
	if p.max > 50 {
		t.Errorf("%d goroutines for one report with -j 1000000", p.max)
	}
	if _, err := Run(context.Background(), Options{Inputs: []string{in}, OutDir: ""}); !errors.Is(err, ErrEmptyOut) {
		t.Errorf("--out \"\": %v", err)
	}
}

// TestRunSweeps: a temporary file a killed run left is gone after the
// next run into the folder.
func TestRunSweeps(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("processes are not probed on Windows; files go by age")
	}
	in, out := t.TempDir(), t.TempDir()
	writeFile(t, in, "a.yaml", "agency: 甲\nyear: 2023\nintro: 甲乙丙丁戊己庚辛壬癸。\n")
	stale := writeFile(t, out, ".甲.pdf"+tempMark+"999999999.1.tmp", "half")
	Run(context.Background(), Options{Inputs: []string{in}, OutDir: out, Formats: []string{"txt"}, Exporters: map[string]Exporter{"txt": textExporter{}}})
	if _, err := os.Stat(stale); err == nil {
		t.Error("stale temporary file kept")
	}
	if _, err := os.Stat(filepath.Join(out, "甲2023年工作总结及2024年工作计划.txt")); err != nil {
		t.Error(err)
	}
}

// waitingExporter waits, before it finishes, until the output of the
// report's other format is staged (its temporary file is in dir), then
// fails or cancels the run: the early-staged file must not survive.
type waitingExporter struct {
	format string
	dir    string
	data   []byte
	fail   bool
	cancel context.CancelFunc
}

func (e waitingExporter) Format() string { return e.format }

func (e waitingExporter) Export(w io.Writer, r *model.Report) (Info, diag.List, error) {
	seen := false
	for i := 0; i < 2000 && !seen; i++ {
		ents, _ := os.ReadDir(e.dir)
		if seen = len(ents) > 0; !seen {
			time.Sleep(time.Millisecond)
		}
	}
	if !seen {
		return Info{}, nil, errors.New("the other output was not staged while this one was being made")
	}
	if e.cancel != nil {
		e.cancel()
	}
	if e.fail {
		return Info{}, nil, errors.New("render failed")
	}
	_, err := w.Write(e.data)
	return Info{Pages: 1}, nil, err
}

// TestRunEarlyStaged: the output made first is staged while the other is
// still being made; if the other then fails, or the run is cancelled, the
// early one leaves nothing behind; if it succeeds, both are in place and
// listed in the order of the formats.
func TestRunEarlyStaged(t *testing.T) {
	cases := []struct {
		name         string
		fail, cancel bool
		want         int // files in the output folder afterwards
	}{
		{"other succeeds", false, false, 2},
		{"other fails", true, false, 0},
		{"run cancelled", false, true, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, out := t.TempDir(), t.TempDir()
			writeFile(t, in, "a.yaml", "agency: 民政局\nyear: 2023\ntitle: 报告\n")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			slow := waitingExporter{format: "pdf", dir: out, data: tinyPDF(), fail: c.fail}
			if c.cancel {
				slow.cancel = cancel
			}
			ex := map[string]Exporter{"docx": fixedExporter{format: "docx", data: tinyDOCX(t)}, "pdf": slow}
			sum, err := Run(ctx, Options{Inputs: []string{in}, OutDir: out, Formats: []string{"pdf", "docx"}, Exporters: ex, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			got := listDir(t, out)
			if len(got) != c.want {
				t.Fatalf("on disk: %d files %v, want %d", len(got), got, c.want)
			}
			if c.want == 2 {
				o := sum.Reports[0].Outputs
				if len(o) != 2 || !strings.HasSuffix(o[0], ".pdf") || !strings.HasSuffix(o[1], ".docx") || got["报告.docx"] != string(tinyDOCX(t)) {
					t.Errorf("outputs %v, docx %q", o, got["报告.docx"])
				}
			}
			if c.cancel && !sum.Interrupted {
				t.Errorf("not interrupted: %+v", sum)
			}
		})
	}
}

// TestRunPreload: a run takes the files its Preload loaded (here the file
// changes on disk after the preload, and the report keeps the title read
// before), and ignores a Preload made for other inputs or limits.
func TestRunPreload(t *testing.T) {
	in := t.TempDir()
	writeFile(t, in, "a.yaml", "agency: 民政局\nyear: 2023\ntitle: 先读的标题\n")
	lim := load.DefaultLimits
	cases := []struct {
		name   string
		inputs []string
		lim    load.Limits
		want   string
	}{
		{"same inputs", []string{in}, lim, "先读的标题.txt"},
		{"other inputs", []string{filepath.Join(in, "a.yaml")}, lim, "后改的标题.txt"},
		{"other limits", []string{in}, load.Limits{MaxBytes: 1 << 20}, "后改的标题.txt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			writeFile(t, in, "a.yaml", "agency: 民政局\nyear: 2023\ntitle: 先读的标题\n")
			pre := StartPreload(c.inputs, c.lim)
			<-pre.done
			writeFile(t, in, "a.yaml", "agency: 民政局\nyear: 2023\ntitle: 后改的标题\n")
			out := t.TempDir()
			sum, err := Run(context.Background(), Options{Inputs: []string{in}, OutDir: out, Formats: []string{"txt"}, Limits: lim,
				Exporters: map[string]Exporter{"txt": fixedExporter{format: "txt", data: []byte("x")}}, Workers: 1, Preload: pre})
			if err != nil || sum.OK != 1 {
				t.Fatalf("%v %+v", err, sum)
			}
			if got := listDir(t, out); len(got) != 1 || got[c.want] != "x" {
				t.Errorf("outputs %v, want %s", got, c.want)
			}
		})
	}
}

// TestVolumePreload: RunVolume's collection takes what StartCollect read
// for the same inputs and limits (a file changed afterwards keeps the
// agency read first), and collects again otherwise.
func TestVolumePreload(t *testing.T) {
	in := t.TempDir()
	for _, c := range []struct {
		name string
		lim  load.Limits
		want string
	}{{"same", load.Limits{}, "先"}, {"other limits", load.Limits{MaxBytes: 1 << 20}, "后"}} {
		t.Run(c.name, func(t *testing.T) {
			writeFile(t, in, "a.yaml", "agency: 先\nyear: 2023\n")
			pre := StartCollect([]string{in}, c.lim)
			<-pre.done
			writeFile(t, in, "a.yaml", "agency: 后\nyear: 2023\n")
			vol, problems, err := VolumeOptions{Inputs: []string{in}, Limits: load.DefaultLimits, Preload: pre}.collect()
			if err != nil || len(problems) > 0 || len(vol.Entries) != 1 {
				t.Fatalf("%v %v %+v", err, problems, vol)
			}
			if got := vol.Entries[0].Report.Agency.Value; got != c.want {
				t.Errorf("agency %q, want %q", got, c.want)
			}
		})
	}
}
