package docx

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"text/template"

	"github.com/gongwen/gen/generator/tmpl"
)

// A template folder holds the OOXML parts of the document under their
// package names ([Content_Types].xml, _rels/, word/, docProps/, customXml/).
// A part whose file name ends in .tmpl is a Go text/template executed with
// Data (the suffix is dropped from the part name); a template that renders
// to nothing but white space omits its part. Files whose name starts with
// "_" and ends in .tmpl (e.g. word/_pagenum.tmpl) are partials: their
// {{define}}s are available to every part, and a template that extends
// another may redefine them (gongwen-redhead defines "redhead"). A part or
// partial missing from a template is taken from the template it extends.

// TemplateSuffix marks a part file that is a Go text/template.
const TemplateSuffix = ".tmpl"

// RequiredParts are the parts every DOCX template must provide (itself or
// through the template it extends).
var RequiredParts = []string{
	"[Content_Types].xml",
	"_rels/.rels",
	"word/document.xml",
	"word/_rels/document.xml.rels",
	"word/styles.xml",
	"word/settings.xml",
	"word/fontTable.xml",
	"word/theme/theme1.xml",
	"docProps/core.xml",
	"docProps/app.xml",
}

var partDirs = []string{"_rels", "word", "docProps", "customXml"}

// source is one file of a template folder.
type source struct {
	part   string // package part name, or the partial's file name
	file   string // file name inside the template folder
	origin string // template name (built-in) or folder
	fsys   fs.FS
}

func (s source) display() string { return path.Join(s.origin, s.file) }

// compiled is a template's parts, parsed once.
type compiled struct {
	parts []compiledPart // sorted by part name, [Content_Types].xml last
}

type compiledPart struct {
	name   string
	src    source
	static []byte
	tpl    *template.Template
	run    *tmpl.Bounded // tpl, run within the template limits
}

// boxes reports whether the document part defines the "colophonbox"
// template that sets the 版记 in a text box pinned to the page.
func (c *compiled) boxes() bool {
	for _, p := range c.parts {
		if p.name == "word/document.xml" && p.tpl != nil {
			return p.tpl.Lookup("colophonbox") != nil
		}
	}
	return false
}

var cache sync.Map // *tmpl.Template → *cached

// cached is one template's compilation, made once: callers that arrive
// while it is being made wait for it instead of making it again.
type cached struct {
	once sync.Once
	c    *compiled
	err  error
}

// compile collects the parts of t and its ancestors and parses the
// templates; the result is kept per template (an error too: a template
// does not change while it is loaded).
func compile(t *tmpl.Template) (*compiled, error) {
	v, ok := cache.Load(t)
	if !ok {
		v, _ = cache.LoadOrStore(t, &cached{})
	}
	e := v.(*cached)
	e.once.Do(func() { e.c, e.err = compileUncached(t) })
	return e.c, e.err
}

// Prepare parses t's DOCX parts now, so that the first Write or Render
// with t does not wait for it. A command that knows it will write a DOCX
// calls it in a goroutine as soon as the template is loaded, while it
// reads its input on the other core (parsing the built-in templates'
// parts takes about 5 ms). Errors are not returned here: Write returns
// them.
func Prepare(t *tmpl.Template) {
	if t != nil {
		_, _ = compile(t)
	}
}

func compileUncached(t *tmpl.Template) (*compiled, error) {
	parts, partials, err := collect(t)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, p := range RequiredParts {
		if _, ok := parts[p]; !ok {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("模板 %s 缺少 DOCX 部件 %s（missing template parts）", t.Name, strings.Join(missing, "、"))
	}
	funcs := FuncMap()
	// The partials are parsed once; every part template gets their parse
	// trees (AddParseTree), added after its own text so that a partial's
	// definition wins as before. Parsing them again for each part took
	// half of the compilation.
	var partialTrees []*template.Template // each partial's templates, in order
	for _, p := range partials {
		b, err := tmpl.ReadPart(p.fsys, p.file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.display(), err)
		}
		pt, err := template.New(p.display()).Funcs(funcs).Parse(string(b))
		if err != nil {
			return nil, templateError(err)
		}
		partialTrees = append(partialTrees, pt)
	}
	c := &compiled{}
	for name, src := range parts {
		b, err := tmpl.ReadPart(src.fsys, src.file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.display(), err)
		}
		cp := compiledPart{name: name, src: src}
		if strings.HasSuffix(src.file, TemplateSuffix) {
			tp := template.New(src.display()).Funcs(funcs).Option("missingkey=error")
			if _, err := tp.Parse(string(b)); err != nil {
				return nil, templateError(err)
			}
			for _, pt := range partialTrees {
				for _, d := range pt.Templates() {
					if _, err := tp.AddParseTree(d.Name(), d.Tree); err != nil {
						return nil, templateError(err)
					}
				}
			}
			tmpl.Bound(tp)
			cp.tpl, cp.run = tp, tmpl.NewBounded(tp)
		} else {
			cp.static = b
		}
		c.parts = append(c.parts, cp)
	}
	sort.Slice(c.parts, func(i, j int) bool {
		a, b := c.parts[i].name, c.parts[j].name
		if (a == contentTypesPart) != (b == contentTypesPart) {
			return b == contentTypesPart
		}
		return a < b
	})
	return c, nil
}

const contentTypesPart = "[Content_Types].xml"

// templateError keeps text/template's "template: FILE:LINE: …" message and
// adds a Chinese lead.
func templateError(err error) error {
	return fmt.Errorf("DOCX 模板有误（template error）: %w", err)
}

// collect gathers the parts and partials of t, its own files overriding
// those of the templates it extends.
func collect(t *tmpl.Template) (map[string]source, []source, error) {
	var chain []*tmpl.Template
	for p := t; p != nil; p = p.Parent {
		chain = append([]*tmpl.Template{p}, chain...)
	}
	parts := map[string]source{}
	partials := map[string]source{}
	var order []string // partial names, ancestors first
	for _, tp := range chain {
		if tp.FS == nil {
			continue
		}
		own := map[string]string{}
		err := fs.WalkDir(tp.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p == "." {
					return nil
				}
				top, _, _ := strings.Cut(p, "/")
				for _, dir := range partDirs {
					if top == dir {
						return nil
					}
				}
				return fs.SkipDir
			}
			base := path.Base(p)
			if strings.HasPrefix(base, ".") && base != ".rels" {
				return nil
			}
			if !strings.Contains(p, "/") && strings.TrimSuffix(p, TemplateSuffix) != contentTypesPart {
				return nil // layout.yaml, README, previews
			}
			src := source{file: p, origin: tp.Name, fsys: tp.FS}
			if strings.HasPrefix(base, "_") && strings.HasSuffix(base, TemplateSuffix) && base != "_rels" {
				if _, seen := partials[p]; !seen {
					order = append(order, p)
				}
				src.part = p
				partials[p] = src
				return nil
			}
			name := strings.TrimSuffix(p, TemplateSuffix)
			if other, dup := own[name]; dup {
				return fmt.Errorf("模板 %s 中 %s 与 %s 重复（the same part twice）", tp.Name, other, p)
			}
			own[name] = p
			src.part = name
			parts[name] = src
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	list := make([]source, 0, len(order))
	for _, p := range order {
		list = append(list, partials[p])
	}
	return parts, list, nil
}

// render executes the part templates; parts that render to white space
// only are left out. [Content_Types].xml is rendered last, with the
// overrides of all other parts.
func (c *compiled) render(d *Data, extra map[string][]byte) ([]renderedPart, error) {
	out := make([]renderedPart, 0, len(c.parts)+len(extra))
	var buf bytes.Buffer
	for _, p := range c.parts {
		if p.name == contentTypesPart {
			d.Overrides = overrides(out)
		}
		if p.tpl == nil {
			out = append(out, renderedPart{name: p.name, data: p.static, src: p.src})
			continue
		}
		buf.Reset()
		if err := p.run.Execute(&buf, d); err != nil {
			return nil, templateError(err)
		}
		if len(bytes.TrimSpace(buf.Bytes())) == 0 {
			continue
		}
		out = append(out, renderedPart{name: p.name, data: bytes.Clone(bytes.TrimLeft(buf.Bytes(), " \t\r\n")), src: p.src, templated: true})
	}
	for name, data := range extra {
		out = append(out, renderedPart{name: name, data: data, binary: true})
	}
	return out, nil
}

type renderedPart struct {
	name      string
	data      []byte
	src       source
	templated bool
	binary    bool
}

// contentTypes maps well-known part names to their content types.
func contentType(name string) string {
	const wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	base := path.Base(name)
	switch {
	case name == "word/document.xml":
		return wml + "document.main+xml"
	case name == "word/styles.xml":
		return wml + "styles+xml"
	case name == "word/settings.xml":
		return wml + "settings+xml"
	case name == "word/fontTable.xml":
		return wml + "fontTable+xml"
	case name == "word/webSettings.xml":
		return wml + "webSettings+xml"
	case name == "word/numbering.xml":
		return wml + "numbering+xml"
	case name == "word/footnotes.xml":
		return wml + "footnotes+xml"
	case name == "word/endnotes.xml":
		return wml + "endnotes+xml"
	case name == "word/comments.xml":
		return wml + "comments+xml"
	case strings.HasPrefix(name, "word/") && strings.HasPrefix(base, "header") && strings.HasSuffix(base, ".xml"):
		return wml + "header+xml"
	case strings.HasPrefix(name, "word/") && strings.HasPrefix(base, "footer") && strings.HasSuffix(base, ".xml"):
		return wml + "footer+xml"
	case strings.HasPrefix(name, "word/theme/") && strings.HasSuffix(base, ".xml"):
		return "application/vnd.openxmlformats-officedocument.theme+xml"
	case name == "docProps/core.xml":
		return "application/vnd.openxmlformats-package.core-properties+xml"
	case name == "docProps/app.xml":
		return "application/vnd.openxmlformats-officedocument.extended-properties+xml"
	case name == "docProps/custom.xml":
		return "application/vnd.openxmlformats-officedocument.custom-properties+xml"
	}
	return ""
}

func overrides(parts []renderedPart) []Override {
	var o []Override
	for _, p := range parts {
		if ct := contentType(p.name); ct != "" {
			o = append(o, Override{PartName: p.name, ContentType: ct})
		}
	}
	return o
}
