package main

import (
	"fmt"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gongwen/gen/fonts"
	"github.com/gongwen/gen/generator/docx"
	"github.com/gongwen/gen/templates"

	"github.com/gongwen/gen/generator/build"
	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/pdf"
	"github.com/gongwen/gen/generator/tmpl"
	"github.com/gongwen/gen/internal/stamp"
)

// env holds what every exporter of a run shares: the template and the
// fonts (the DOCX needs them too, to break titles like the PDF).
type env struct {
	tpl   *tmpl.Template
	fonts *fontset.Set
	// shared holds a report's layout between its PDF and its DOCX (both
	// formats asked for, made at the same time): the first exporter to ask
	// lays it out, the other waits for it, and the second one takes it out
	// of the map so a batch keeps no layout of a finished report.
	shared sync.Map // *model.Report → *sharedLayout
	both   bool
}

type sharedLayout struct {
	once  sync.Once
	doc   *layout.Document
	taken atomic.Int32
}

// layout lays r out with the PDF's fonts, or takes the layout the other
// exporter made for it.
func (e *env) layout(r *model.Report) *layout.Document {
	if !e.both {
		return e.lay(r)
	}
	v, _ := e.shared.LoadOrStore(r, &sharedLayout{})
	s := v.(*sharedLayout)
	s.once.Do(func() { s.doc = e.lay(r) })
	if s.taken.Add(1) == 2 {
		e.shared.Delete(r)
	}
	return s.doc
}

func (e *env) lay(r *model.Report) *layout.Document {
	return layout.Layout(r.Elements(), &e.tpl.Layout, pdf.Measurer(e.fonts), layout.Options{})
}

// newEnv loads the template (with gen.yaml's layout overrides) and the font
// of every role: the template's choice, unless gen.yaml names a file for
// the role. Its errors are usage errors.
func newEnv(cfg *config) (*env, error) {
	tpl, err := tmpl.Load(cfg.v.GetString("template"), cfg.layoutOverrides())
	if err != nil {
		return nil, usageErr(err)
	}
	spec := map[string]string{}
	for role, f := range tpl.Layout.Fonts {
		spec[role] = f.PDF
	}
	for role, path := range cfg.fonts() {
		spec[role] = path
	}
	if !isBuiltinTemplate(cfg.v.GetString("template")) {
		if err := docx.Validate(tpl); err != nil {
			return nil, usageErr(fmt.Errorf("模板 %s 有误（bad template）: %w", tpl.Name, err))
		}
	}
	set, err := fontset.Load(spec)
	if err != nil {
		return nil, usageErr(err)
	}
	return &env{tpl: tpl, fonts: set}, nil
}

// prepareDOCX starts parsing the template's DOCX parts in the background
// when a DOCX is asked for, so that they are ready (or nearly) when the
// first report is laid out; the first DOCX waits for them if need be.
func (e *env) prepareDOCX(formats []string) {
	if slices.Contains(formats, "docx") {
		tpl := e.tpl
		inBackground(func() { docx.Prepare(tpl) })
	}
}

// exporters builds the exporters for the requested formats.
func exporters(cfg *config, formats []string) (map[string]build.Exporter, error) {
	e, err := newEnv(cfg)
	if err != nil {
		return nil, err
	}
	e.prepareDOCX(formats)
	out := map[string]build.Exporter{}
	e.both = slices.Contains(formats, "pdf") && slices.Contains(formats, "docx")
	for _, f := range formats {
		switch f {
		case "pdf":
			out[f] = pdfExporter{e}
		case "docx":
			out[f] = docxExporter{e: e, embed: cfg.v.GetBool("embed_fonts"), now: stamp.Now()}
		default:
			return nil, usageErr(fmt.Errorf("%s 输出尚未实现，本版本不生成 %s 文件（%w: %s）", f, f, build.ErrNotBuilt, f))
		}
	}
	return out, nil
}

type pdfExporter struct{ e *env }

func (pdfExporter) Format() string { return "pdf" }

func (p pdfExporter) Export(w io.Writer, r *model.Report) (build.Info, diag.List, error) {
	doc := p.e.layout(r)
	warns, err := pdf.RenderLayout(r, doc, p.e.fonts, w)
	if err != nil {
		return build.Info{}, warns, err
	}
	return build.Info{Pages: len(doc.Pages)}, warns, nil
}

type docxExporter struct {
	e     *env
	embed bool
	now   time.Time
}

func (docxExporter) Format() string { return "docx" }

func (d docxExporter) Export(w io.Writer, r *model.Report) (build.Info, diag.List, error) {
	// The DOCX is laid out with the PDF's fonts: every decision is the PDF's.
	err := docx.Write(w, r, d.e.tpl, docx.Options{EmbedFonts: d.embed, Fonts: fonts.FS, Created: d.now, Metrics: d.e.fonts, Layout: d.e.layout(r)})
	return build.Info{}, nil, err
}

func isBuiltinTemplate(name string) bool {
	for _, n := range templates.Names {
		if n == name || name == "" {
			return true
		}
	}
	return false
}
