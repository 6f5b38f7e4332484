package build

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/lint"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
)

// Exporter writes one report in one format.
type Exporter interface {
	// Format is the file extension and --format name, e.g. "pdf".
	Format() string
	// Export writes the report; warnings (e.g. missing glyphs) are returned
	// as diagnostics, failures as an error.
	Export(w io.Writer, r *model.Report) (diag.List, error)
}

// ErrNotBuilt marks a format the generator does not produce yet.
var ErrNotBuilt = errors.New("format not built yet")

// Options configure a run.
type Options struct {
	Inputs    []string
	Agency    string
	OutDir    string
	Formats   []string
	Exporters map[string]Exporter // by format
	Limits    load.Limits
	Lang      string
	Log       io.Writer // one line per report; nil for none
}

// Outcome is what happened to one report.
type Outcome struct {
	Input    string
	Agency   string
	Title    string
	Outputs  []string
	Warnings int
	Err      error
	Diags    diag.List
}

// Summary is the result of a run.
type Summary struct {
	Reports []Outcome
	Files   int
}

// Failed counts the reports (or files) that failed.
func (s Summary) Failed() int {
	n := 0
	for _, o := range s.Reports {
		if o.Err != nil {
			n++
		}
	}
	return n
}

// Run generates every selected report of every input. One bad report does
// not stop the others.
func Run(opt Options) (Summary, error) {
	files, err := Expand(opt.Inputs)
	if err != nil {
		return Summary{}, err
	}
	for _, f := range opt.Formats {
		if _, ok := opt.Exporters[f]; !ok {
			return Summary{}, fmt.Errorf("%w: %s", ErrNotBuilt, f)
		}
	}
	if err := os.MkdirAll(opt.OutDir, 0o755); err != nil {
		return Summary{}, fmt.Errorf("无法创建输出文件夹 %s（cannot create output folder）: %v", opt.OutDir, err)
	}
	if opt.Limits.MaxBytes == 0 {
		opt.Limits = load.DefaultLimits
	}
	var sum Summary
	var namer Namer
	for _, path := range files {
		sum.Files++
		f, ds := load.ReadFileLimits(path, opt.Limits)
		if ds.HasErrors() {
			o := Outcome{Input: path, Err: ds.Err(), Diags: ds}
			sum.Reports = append(sum.Reports, o)
			opt.logf("✗ %s\n%s", path, indent(ds.Format(opt.Lang)))
			continue
		}
		if f.Compilation != nil {
			opt.logf("· %s 是汇编清单，单篇生成时跳过（a compilation manifest: skipped）\n", path)
			continue
		}
		picked := pick(f.Reports, opt.Agency)
		for _, r := range picked {
			sum.Reports = append(sum.Reports, opt.one(path, r, &namer))
		}
	}
	if opt.Agency != "" && len(sum.Reports) == 0 {
		return sum, fmt.Errorf("没有找到机关为 %q 的报告（no report of that agency）", opt.Agency)
	}
	return sum, nil
}

func pick(rs []*model.Report, agency string) []*model.Report {
	if agency == "" {
		return rs
	}
	var out []*model.Report
	for _, r := range rs {
		if r.Agency.Value == agency {
			out = append(out, r)
		}
	}
	return out
}

func (opt Options) one(path string, r *model.Report, namer *Namer) Outcome {
	o := Outcome{Input: path, Agency: r.Agency.Value, Title: r.Title.Value}
	lr := lint.Report(r)
	o.Warnings = len(lr.Diags)
	base := namer.Name(SafeName(r.Title.Value))
	for _, format := range opt.Formats {
		ex := opt.Exporters[format]
		out := filepath.Join(opt.OutDir, base+"."+format)
		var warn diag.List
		err := WriteAtomic(out, func(w io.Writer) error {
			var err error
			warn, err = ex.Export(w, r)
			return err
		})
		o.Diags = append(o.Diags, warn...)
		o.Warnings += len(warn)
		if err != nil {
			o.Err = fmt.Errorf("%s：%w", out, err)
			break
		}
		o.Outputs = append(o.Outputs, out)
	}
	if o.Err != nil {
		opt.logf("✗ %s %s: %v\n", path, o.Agency, o.Err)
	} else {
		opt.logf("✓ %s → %s\n", o.Agency, strings.Join(o.Outputs, ", "))
		for _, d := range o.Diags {
			opt.logf("  %s\n", d.Format(opt.Lang))
		}
	}
	return o
}

func (opt Options) logf(format string, args ...any) {
	if opt.Log != nil {
		fmt.Fprintf(opt.Log, format, args...)
	}
}

func indent(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}
