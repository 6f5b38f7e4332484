package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gongwen/gen/generator/compile"
	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/docx"
	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/pdf"
	"github.com/gongwen/gen/generator/tmpl"
)

// The volume (汇编) part of the run path: collect the reports of the
// inputs, bind them (package compile, which assembles what package layout
// sets) and write the volume's PDF and DOCX, committed together like a
// report's outputs (Batch).

// Collect builds a volume from inputs: either one compilation manifest, or
// any set of data files (files, folders, globs). Files that fail to load
// are returned as problems; the caller decides whether that stops the
// volume. Manifests found among plain inputs are skipped.
func Collect(inputs []string, lim load.Limits) (*compile.Volume, []compile.Problem, error) {
	files, err := Expand(inputs)
	if err != nil {
		return nil, nil, err
	}
	vol := &compile.Volume{}
	var order []string
	var single *model.File          // the one input, loaded already
	named := map[string]model.Pos{} // includes named literally, by path
	if len(files) == 1 {
		f, ds := load.ReadFileLimits(files[0], lim)
		if ds.HasErrors() {
			return nil, []compile.Problem{{Path: files[0], Diags: ds}}, nil
		}
		single = f
		if c := f.Compilation; c != nil {
			single = nil
			vol.Title, vol.Issuer, vol.Date = c.Title.Value, c.Issuer.Value, c.Date
			base := filepath.Dir(files[0])
			var pats []string
			for _, inc := range c.Include {
				p := inc.Value
				if !filepath.IsAbs(p) {
					p = filepath.Join(base, p)
				}
				pats = append(pats, p)
				if !strings.ContainsAny(inc.Value, "*?[") {
					named[filepath.Clean(p)] = inc.Pos
				}
			}
			files, err = Expand(pats)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", c.Include[0].Pos, err)
			}
			for _, o := range c.Order {
				order = append(order, o.Value)
			}
		}
	}
	var problems []compile.Problem
	var all []loaded
	if single == nil {
		all = loadAll(files, lim)
	}
	for i, path := range files {
		f, ds := single, diag.List(nil)
		if f == nil {
			f, ds = all[i].f, all[i].ds
			all[i] = loaded{}
		}
		if ds.HasErrors() {
			problems = append(problems, compile.Problem{Path: path, Diags: ds})
			continue
		}
		if f.Compilation != nil {
			// A manifest named in another's include is a mistake; one a
			// pattern found (the manifest itself, say) is passed over.
			if at, ok := named[filepath.Clean(path)]; ok {
				problems = append(problems, compile.Problem{Path: path, Diags: diag.List{diag.New(at, "manifest-include", path)}})
			}
			continue
		}
		for _, r := range f.Reports {
			vol.Entries = append(vol.Entries, compile.Entry{Path: path, Report: r})
		}
	}
	compile.Order(vol.Entries, order)
	if vol.Title == "" && len(vol.Entries) > 0 {
		vol.Title = fmt.Sprintf("%d年工作总结及%d年工作计划汇编", vol.Entries[0].Report.Year, vol.Entries[0].Report.PlanYear)
	}
	return vol, problems, nil
}

// VolumeOptions configure RunVolume.
type VolumeOptions struct {
	Inputs    []string
	OutDir    string
	Formats   []string // pdf, docx
	Limits    load.Limits
	Template  *tmpl.Template
	Fonts     *fontset.Set
	Bind      compile.Options
	KeepGoing bool // leave out files that do not load
	// EmbedFonts, FontFiles and Created are passed to the DOCX writer.
	EmbedFonts bool
	FontFiles  fs.FS
	Created    time.Time
	// Preload, if not nil, is Collect of Inputs with Limits started earlier
	// (StartCollect); one made for other inputs or limits is ignored.
	Preload *Collecting
}

// Collecting is a Collect running in the background, started before
// RunVolume so that the reading of the volume's files overlaps the
// command's other preparations (the template and fonts). It only reads.
type Collecting struct {
	inputs   []string
	lim      load.Limits
	done     chan struct{}
	vol      *compile.Volume
	problems []compile.Problem
	err      error
}

// StartCollect runs Collect(inputs, lim) in the background.
func StartCollect(inputs []string, lim load.Limits) *Collecting {
	if lim.MaxBytes == 0 {
		lim = load.DefaultLimits // as RunVolume
	}
	c := &Collecting{inputs: slices.Clone(inputs), lim: lim, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		c.vol, c.problems, c.err = Collect(c.inputs, lim)
	}()
	return c
}

// collect is Collect of the volume's inputs, or its Preload's result.
func (opt VolumeOptions) collect() (*compile.Volume, []compile.Problem, error) {
	if c := opt.Preload; c != nil && slices.Equal(c.inputs, opt.Inputs) && c.lim == opt.Limits {
		<-c.done
		return c.vol, c.problems, c.err
	}
	return Collect(opt.Inputs, opt.Limits)
}

// VolumeResult is what RunVolume did.
type VolumeResult struct {
	Volume   *compile.Volume
	Book     *compile.Book
	Problems []compile.Problem // files left out (KeepGoing) or that stopped the volume
	Outputs  []string
}

// ErrVolumeProblems stops a volume with files that do not load (without
// KeepGoing); VolumeResult.Problems lists them.
var ErrVolumeProblems = errors.New("汇编中有文件不能读入（files of the volume do not load）")

// parallelVolumePages is the largest volume whose formats are written in
// parallel.
const parallelVolumePages = 1000

// RunVolume collects the reports of the inputs, binds them into one volume
// and writes it in every format, named after the volume's title; all its
// files are committed together or none (Ctrl-C or a failed format leaves
// none and the older files untouched).
func RunVolume(ctx context.Context, opt VolumeOptions) (VolumeResult, error) {
	var res VolumeResult
	if opt.Limits.MaxBytes == 0 {
		opt.Limits = load.DefaultLimits
	}
	vol, problems, err := opt.collect()
	res.Volume, res.Problems = vol, problems
	if err != nil {
		return res, err
	}
	if len(problems) > 0 && !opt.KeepGoing {
		return res, ErrVolumeProblems
	}
	book, err := compile.Bind(vol, &opt.Template.Layout, pdf.Measurer(opt.Fonts), opt.Bind)
	if err != nil {
		return res, err
	}
	res.Book = book
	if err := os.MkdirAll(opt.OutDir, 0o755); err != nil {
		return res, fmt.Errorf("无法创建输出文件夹 %s（cannot create output folder）: %v", opt.OutDir, err)
	}
	base := filepath.Join(opt.OutDir, SafeName(vol.Title))
	b := NewBatch(ctx)
	defer b.Discard()
	// The formats are written at the same time, into memory, then staged;
	// a very large volume one format after the other, so that their memory
	// peaks do not add up (a volume of 1,000 reports: 838 MiB in parallel).
	parallel := len(book.Doc.Pages) <= parallelVolumePages
	outs := inParallel(len(opt.Formats), parallel, func(i int, x *export) error {
		w := &x.buf
		switch f := opt.Formats[i]; f {
		case "pdf":
			return WriteVolumePDF(w, book, opt.Fonts)
		case "docx":
			return WriteVolumeDOCX(w, book, opt.Template, docx.Options{EmbedFonts: opt.EmbedFonts, Fonts: opt.FontFiles, Created: opt.Created, Metrics: opt.Fonts, Measurer: pdf.Measurer(opt.Fonts)})
		default:
			return fmt.Errorf("%w: %s", ErrNotBuilt, f)
		}
	})
	paths := make([]string, len(opt.Formats))
	writes := make([]func(io.Writer) error, len(opt.Formats))
	for i, f := range opt.Formats {
		paths[i] = base + "." + f
		writes[i] = outs[i].writeTo
	}
	for _, err := range b.StageAll(paths, writes) {
		if err != nil {
			return res, err
		}
	}
	paths = b.Paths()
	if err := b.Commit(); err != nil {
		return res, err
	}
	res.Outputs = paths
	return res, nil
}

// WriteVolumePDF writes a bound volume as one PDF: its pages, one bookmark
// per report with the report's first-level headings under it, contents
// entries that link to their reports, and the volume's title as document
// title.
func WriteVolumePDF(w io.Writer, b *compile.Book, fonts *fontset.Set) error {
	info := pdf.Info{Title: b.Volume.FullTitle(), Author: b.Volume.Issuer, Subject: b.Volume.Title}
	return pdf.WriteVolume(w, b.Doc, fonts, info, pdf.VolumeOptions{})
}

// WriteVolumeDOCX writes a bound volume as one DOCX document with template
// t: the cover, a table-of-contents field pre-filled with the book's page
// numbers, then every report as its own section rendered from its layout
// (see docx.RenderVolume).
func WriteVolumeDOCX(w io.Writer, b *compile.Book, t *tmpl.Template, opt docx.Options) error {
	return docx.WriteVolume(w, VolumeDOCX(b), t, opt)
}

// VolumeDOCX is the book as docx.WriteVolume takes it: the cover as laid
// out (its title lines and geometry), the reports with their layouts and
// first page numbers.
func VolumeDOCX(b *compile.Book) *docx.Volume {
	o := b.Options
	v := &docx.Volume{
		Title:      b.Volume.FullTitle(),
		TitleLines: b.CoverTitle,
		Issuer:     b.Volume.Issuer,
		Contents:   o.Contents,
		Duplex:     o.Duplex,
		TitleSize:  o.CoverTitleSize,
		TitlePitch: o.CoverTitlePitch,
		TitleTop:   float64(o.CoverTitleLine) * b.Pitch,
		IssuerTop:  float64(o.CoverIssuerLine) * b.Pitch,
		HangChars:  o.HangChars,
	}
	if len(v.TitleLines) == 0 {
		v.TitleLines = []string{v.Title}
	}
	if b.Volume.Date != nil {
		v.Date = b.Volume.Date.Format()
	}
	for _, p := range b.Parts {
		v.Entries = append(v.Entries, docx.VolumeEntry{Report: p.Report, Page: p.FirstPage, Layout: p.Doc})
	}
	return v
}
