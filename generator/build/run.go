package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

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
	// as diagnostics, failures as an error. Info carries what the export
	// measured (pages), when it knows.
	Export(w io.Writer, r *model.Report) (Info, diag.List, error)
}

// Info is what an exporter reports about a written document.
type Info struct {
	Pages int
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
	Workers   int      // parallel reports; 0 means the number of cores
	Progress  Progress // told about every finished report; nil for none
	// Preload, if not nil, is the loading of Inputs with Limits started
	// earlier (StartPreload); Run takes its result instead of loading them
	// again. One made for other inputs or limits is ignored.
	Preload *Preload

	sync *groupSync // set by Run for a batch (see groupSync)
}

// groupSyncFrom is the number of reports from which a run syncs its files
// together (groupSync): one report's two files are synced on their own,
// at once, which does not wait for other programs' writes to the disk.
const groupSyncFrom = 3

// Preload is the expansion and loading of a run's inputs, started before
// the run so that it overlaps the command's other preparations (the
// template and fonts). Loading has no effect but reading: a run that never
// starts (a bad template, say) leaves nothing behind.
type Preload struct {
	inputs []string
	lim    load.Limits
	done   chan struct{}
	files  []string
	all    []loaded
	err    error
}

// StartPreload expands inputs and reads and parses their files in the
// background, as Run would, for a Run with the same Inputs and Limits.
func StartPreload(inputs []string, lim load.Limits) *Preload {
	p := &Preload{inputs: slices.Clone(inputs), lim: lim, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		if p.files, p.err = Expand(p.inputs); p.err == nil {
			p.all = loadAll(p.files, lim)
		}
	}()
	return p
}

// inputs expands the run's inputs, or takes them, loaded, from its
// Preload; all is nil when the files are still to be loaded.
func (opt Options) inputs() (files []string, all []loaded, err error) {
	if p := opt.Preload; p != nil && slices.Equal(p.inputs, opt.Inputs) && p.lim == opt.Limits {
		<-p.done
		return p.files, p.all, p.err
	}
	files, err = Expand(opt.Inputs)
	return files, nil, err
}

// Progress is told when a run knows its size and when a report is done.
type Progress interface {
	Start(total int)
	Done(o Outcome)
}

// JSONVersion is the "version" of the JSON that --json prints (a Summary,
// or a check report): raised whenever a field changes meaning or goes away;
// new fields may appear without it.
const JSONVersion = 1

// Outcome is what happened to one report (or to a file that did not load).
type Outcome struct {
	Input       string        `json:"input"`
	Agency      string        `json:"agency,omitempty"`
	Title       string        `json:"title,omitempty"`
	Outputs     []string      `json:"outputs"`
	Pages       int           `json:"pages,omitempty"`
	Warnings    int           `json:"warnings"`
	Diagnostics []diag.Record `json:"diagnostics"`          // every error and warning, with positions and codes
	Messages    []string      `json:"messages,omitempty"`   // the exporters' messages, formatted (as printed)
	Error       string        `json:"error,omitempty"`      // localized
	ErrorCode   string        `json:"error_code,omitempty"` // stable: see the README
	Elapsed     time.Duration `json:"-"`
	Err         error         `json:"-"`
	Diags       diag.List     `json:"-"` // load errors and the exporters' warnings
	Lint        diag.List     `json:"-"` // gen check's findings (placeholders …), counted in Warnings
}

// Summary is the result of a run.
type Summary struct {
	Version     int       `json:"version"` // JSONVersion
	Reports     []Outcome `json:"reports"`
	OK          int       `json:"ok"`
	Failed      int       `json:"failed"`
	Warnings    int       `json:"warnings"`
	OutDir      string    `json:"out_dir"`
	Interrupted bool      `json:"interrupted,omitempty"`
	Skipped     []string  `json:"skipped,omitempty"` // manifests, and reports not started or interrupted
}

type job struct {
	path   string
	report *model.Report
	base   string
	failed *Outcome  // a file that did not load
	diags  diag.List // the loader's warnings about this report
}

// Run generates every selected report of every input, in parallel. One bad
// report does not stop the others. When ctx is cancelled, reports not yet
// started are skipped and the ones under way leave no file behind.
func Run(ctx context.Context, opt Options) (Summary, error) {
	files, all, err := opt.inputs()
	if err != nil {
		return Summary{}, err
	}
	for _, f := range opt.Formats {
		if _, ok := opt.Exporters[f]; !ok {
			return Summary{}, fmt.Errorf("%w: %s", ErrNotBuilt, f)
		}
	}
	if opt.OutDir == "" {
		return Summary{}, ErrEmptyOut
	}
	if err := os.MkdirAll(opt.OutDir, 0o755); err != nil {
		return Summary{}, &OutputError{Path: opt.OutDir, Code: "out-dir", Err: err,
			ZH: fmt.Sprintf("无法创建输出文件夹 %s：%v：请用 --out 换一个文件夹", opt.OutDir, err),
			EN: fmt.Sprintf("cannot create the output folder %s: %v: choose another with --out", opt.OutDir, err)}
	}
	Sweep(opt.OutDir)
	if opt.Limits.MaxBytes == 0 {
		opt.Limits = load.DefaultLimits
	}
	sum := Summary{Version: JSONVersion, OutDir: opt.OutDir}
	jobs, skipped := plan(files, all, opt)
	sum.Skipped = skipped
	if opt.Agency != "" && len(jobs) == 0 {
		return sum, &OutputError{Code: "agency-none",
			ZH: fmt.Sprintf("没有找到机关为 %q 的报告：请检查 --agency 的写法（在 %s 中查找）", opt.Agency, strings.Join(opt.Inputs, " ")),
			EN: fmt.Sprintf("no report of agency %q: check the spelling of --agency (searched %s)", opt.Agency, strings.Join(opt.Inputs, " "))}
	}
	if len(jobs) == 0 {
		return sum, &OutputError{Code: "no-reports",
			ZH: fmt.Sprintf("在 %s 中没有找到报告（只有汇编清单）：汇编请用 gen --compile", strings.Join(opt.Inputs, " ")),
			EN: fmt.Sprintf("no report found in %s (only compilation manifests): bind a volume with gen --compile", strings.Join(opt.Inputs, " "))}
	}
	if opt.Progress != nil {
		opt.Progress.Start(len(jobs))
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if len(jobs) >= groupSyncFrom {
		opt.sync = newGroupSync(opt.OutDir)
	}
	if workers > len(jobs) {
		workers = len(jobs)
	}
	results := make([]*Outcome, len(jobs))
	next := make(chan int)
	var wg, writing sync.WaitGroup
	var mu sync.Mutex
	// A worker makes a report's files in memory, then hands them to a
	// writer goroutine and goes on with the next report: writing waits on
	// the disk (each file is synced before it is renamed into place, ~5 ms),
	// which would otherwise leave a core idle. At most one report per worker
	// waits to be written, so memory stays bounded.
	pending := make(chan struct{}, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				write := opt.prepare(ctx, jobs[i])
				// The loaded report is not needed once made: a batch of
				// 1,000 would otherwise keep every model to the end, which
				// the collector marks again at every cycle.
				jobs[i].report = nil
				pending <- struct{}{}
				writing.Add(1)
				go func() {
					defer writing.Done()
					o := write()
					<-pending
					results[i] = &o
					if opt.Progress != nil && !o.interrupted() {
						mu.Lock()
						opt.Progress.Done(o)
						mu.Unlock()
					}
				}()
			}
		}()
	}
feed:
	for i := range jobs {
		select {
		case <-ctx.Done():
			break feed
		case next <- i:
		}
	}
	close(next)
	wg.Wait()
	writing.Wait()
	for i, r := range results {
		if r == nil || r.interrupted() {
			sum.Interrupted = true
			sum.Skipped = append(sum.Skipped, jobs[i].path)
			continue
		}
		sum.Reports = append(sum.Reports, *r)
		sum.Warnings += r.Warnings
		if r.Err != nil {
			sum.Failed++
		} else {
			sum.OK++
		}
	}
	if ctx.Err() != nil {
		sum.Interrupted = true
	}
	return sum, nil
}

// plan loads every file and names every report's outputs, in input order,
// so names do not depend on which worker finishes first.
func plan(files []string, all []loaded, opt Options) ([]job, []string) {
	var jobs []job
	var skipped []string
	var namer Namer
	// The files are read and parsed on every core (a batch of 1,000 takes
	// seconds on one), unless the Preload did, then named one after the
	// other in input order.
	if all == nil {
		all = loadAll(files, opt.Limits)
	}
	for i, path := range files {
		f, ds := all[i].f, all[i].ds
		all[i] = loaded{}
		if ds.HasErrors() {
			o := Outcome{Input: path, Err: ds.Err(), Diags: ds}
			jobs = append(jobs, job{path: path, failed: &o})
			continue
		}
		if f.Compilation != nil {
			skipped = append(skipped, path)
			continue
		}
		for _, r := range pick(f.Reports, opt.Agency) {
			jobs = append(jobs, job{path: path, report: r, base: namer.Name(SafeName(r.Title.Value)), diags: warningsOf(f.Reports, r, ds)})
		}
	}
	return jobs, skipped
}

// loaded is one data file as load read it.
type loaded struct {
	f  *model.File
	ds diag.List
}

// loadAll reads and parses files on every core; the results are in the
// order of files.
func loadAll(files []string, lim load.Limits) []loaded {
	all := make([]loaded, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(files)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				all[i].f, all[i].ds = load.ReadFileLimits(files[i], lim)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return all
}

// warningsOf picks the loader's warnings that belong to report r of a
// file: those from its first line up to the next report's.
func warningsOf(all []*model.Report, r *model.Report, ds diag.List) diag.List {
	if len(all) == 1 {
		return ds
	}
	from, to := r.Pos.Line, int(^uint(0)>>1)
	for i, x := range all {
		if x != r {
			continue
		}
		if i == 0 {
			from = 0
		}
		if i+1 < len(all) {
			to = all[i+1].Pos.Line
		}
	}
	var out diag.List
	for _, d := range ds {
		if d.Pos.Line >= from && d.Pos.Line < to {
			out = append(out, d)
		}
	}
	return out
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

// prepare makes a report's outputs in memory and returns the step that
// writes them and tells the outcome.
func (opt Options) prepare(ctx context.Context, j job) func() Outcome {
	start := time.Now()
	if j.failed != nil {
		o := *j.failed
		o.finish(opt.Lang)
		return func() Outcome { return o }
	}
	r := j.report
	o := Outcome{Input: j.path, Agency: r.Agency.Value, Title: r.Title.Value, Outputs: []string{}}
	o.Diags = append(o.Diags, j.diags...)
	o.Lint = lint.Report(r).Diags
	o.Warnings = len(o.Lint) + len(j.diags)
	paths := make([]string, len(opt.Formats))
	for i, format := range opt.Formats {
		paths[i] = filepath.Join(opt.OutDir, j.base+"."+format)
	}
	exports := exportAll(ctx, opt.Formats, paths, opt.Exporters, r, opt.sync)
	// A report made whole before the run was cancelled is still written
	// (it is in memory; writing it takes milliseconds) even if the
	// cancellation comes while it waits for the disk: "under way" means
	// being made. One cancelled while being made leaves nothing.
	wctx := ctx
	if ctx.Err() == nil {
		wctx = context.WithoutCancel(ctx)
	}
	return func() Outcome { return opt.write(wctx, paths, o, exports, start) }
}

// write stages and commits the outputs prepare made for a report.
func (opt Options) write(ctx context.Context, paths []string, o Outcome, exports []export, start time.Time) Outcome {
	// The report's files are committed together: all of them, or none
	// (a failed PDF leaves no DOCX; Ctrl-C leaves nothing of this report).
	// Those not staged yet (see exportAll) are staged at the same time
	// (their syncs overlap).
	b := NewBatch(ctx)
	b.sync = opt.sync
	defer b.Discard()
	errs := b.stageExports(paths, exports)
	for i, format := range opt.Formats {
		x := &exports[i]
		warn, info, err := x.warn, x.info, errs[i]
		o.Diags = append(o.Diags, warn...)
		o.Warnings += len(warn)
		if info.Pages > 0 && format == "pdf" {
			o.Pages = info.Pages
		}
		if err != nil {
			o.Err = err
			break
		}
	}
	if o.Err == nil {
		paths := b.Paths()
		if err := b.Commit(); err != nil {
			o.Err = err
		} else {
			o.Outputs = paths
		}
	}
	o.Elapsed = time.Since(start)
	o.finish(opt.Lang)
	return o
}

// export is one output made in memory: its bytes, or why it failed.
type export struct {
	buf  bytes.Buffer
	info Info
	warn diag.List
	err  error

	// early is the output already staged by exportAll, while the report's
	// other formats were still being made (nil: not staged yet).
	early *earlyStage
}

// earlyStage is an output's temporary file, or why staging it failed.
type earlyStage struct {
	s   staged
	err error
}

// writeTo writes the output made into w, or returns why it was not made.
func (x *export) writeTo(w io.Writer) error {
	if x.err != nil {
		return x.err
	}
	_, err := x.buf.WriteTo(w)
	return err
}

// exportAll runs the exporters of a report's formats in parallel (the PDF
// and the DOCX are independent), each into memory. An output finished
// while another format is still being made is staged at once (written to
// its temporary file next to paths[i], synced — or, in a batch, left to
// the group sync at Commit — and checked), so its wait
// for the disk overlaps the other's making (the DOCX of a report is ready
// well before its PDF); the last one is left to write, which stages it
// off the worker. Staging under ctx: a run cancelled meanwhile removes it.
func exportAll(ctx context.Context, formats, paths []string, exps map[string]Exporter, r *model.Report, gs *groupSync) []export {
	r.Resolve() // now, once: the exporters then only read the report
	var left atomic.Int32
	left.Store(int32(len(formats)))
	early := &Batch{ctx: ctx, sync: gs} // synced with the report's Commit
	return inParallel(len(formats), true, func(i int, x *export) (err error) {
		x.info, x.warn, err = exps[formats[i]].Export(&x.buf, r)
		if left.Add(-1) > 0 && err == nil {
			s, serr := early.stage(paths[i], x.writeTo)
			x.early = &earlyStage{s: s, err: serr}
		}
		return err
	})
}

// inParallel runs produce(i, x) for i in [0, n), each in its own goroutine
// when parallel (else one after the other); produce writes output i into
// x.buf (and may fill in x.info, x.warn). It returns the n outputs, with
// produce's error in x.err; a panic becomes an error wrapping ErrPanic.
func inParallel(n int, parallel bool, produce func(i int, x *export) error) []export {
	res := make([]export, n)
	one := func(i int) {
		x := &res[i]
		defer func() {
			if p := recover(); p != nil {
				x.err = fmt.Errorf("%w: %v\n%s", ErrPanic, p, debug.Stack())
			}
		}()
		x.err = produce(i, x)
	}
	if !parallel {
		for i := range res {
			one(i)
		}
		return res
	}
	var wg sync.WaitGroup
	for i := range res {
		wg.Add(1)
		go func() {
			defer wg.Done()
			one(i)
		}()
	}
	wg.Wait()
	return res
}

// interrupted tells a report stopped by the cancellation of the run: it
// counts as not generated (its unfinished file was removed), not as failed.
// Formats it finished before stay, listed in Outputs.
func (o *Outcome) interrupted() bool {
	return o.Err != nil && (errors.Is(o.Err, context.Canceled) || errors.Is(o.Err, context.DeadlineExceeded))
}

func (o *Outcome) finish(lang string) {
	if o.Err != nil {
		o.Error, o.ErrorCode = ErrorText(o.Err, lang)
	}
	for _, d := range o.Diags {
		o.Messages = append(o.Messages, d.Format(lang))
	}
	all := append(append(diag.List{}, o.Diags...), o.Lint...)
	all.Sort()
	o.Diagnostics = all.Records(lang)
	if o.Outputs == nil {
		o.Outputs = []string{}
	}
}

// Line is the one-line account of an outcome used in plain output,
// followed by the exporters' warnings (with positions), one a line.
func (o Outcome) Line(lang string) string {
	if o.Err != nil {
		name := o.Agency
		if name == "" {
			name = o.Input
		}
		var b strings.Builder
		fmt.Fprintf(&b, "✗ %s", name)
		if o.Diags.HasErrors() {
			b.WriteString("\n")
			for _, d := range o.Diags {
				b.WriteString("  " + d.Format(lang) + "\n")
			}
			return strings.TrimRight(b.String(), "\n")
		}
		msg, _ := ErrorText(o.Err, lang)
		fmt.Fprintf(&b, ": %s", msg)
		return b.String()
	}
	s := fmt.Sprintf("✓ %s → %s", o.Agency, strings.Join(o.Outputs, ", "))
	if o.Pages > 0 {
		if lang == "en" {
			s += fmt.Sprintf(" (%d pages)", o.Pages)
		} else {
			s += fmt.Sprintf("（%d 页）", o.Pages)
		}
	}
	if o.Warnings > 0 {
		if lang == "en" {
			s += fmt.Sprintf(", %d warnings", o.Warnings)
		} else {
			s += fmt.Sprintf("，警告 %d 条", o.Warnings)
		}
	}
	// The exporters' warnings (characters no font has), with positions.
	for _, d := range o.Diags {
		s += "\n  " + d.Format(lang)
	}
	return s
}
