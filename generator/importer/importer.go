// Package importer turns a clerk's own report — a Word document (.docx), a
// text file (.txt, UTF-8 or GBK/GB18030) or Markdown (.md) — into the report
// data model, and writes it as a data file that follows
// schema/report.schema.json. It recognises the structure the way GB/T 9704
// numbers it (一、 → （一） → 1. → （1）), Word's automatic numbering
// (numbering.xml), heading styles, the title, recipient, signature, date,
// attachment note and tables. What it cannot map is kept as text and
// reported with its position, never dropped.
//
// The readers (docx.go, text.go, markdown.go) produce paragraphs (Para);
// the detector (detect.go, meta.go) builds the report; yaml.go writes it.
package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// Options tune an import.
type Options struct {
	Agency string // overrides the agency guessed from the title
	Year   int    // overrides the year guessed from the title
	// MaxPartBytes bounds what one part of a DOCX may inflate to; zero
	// means DefaultMaxPartBytes.
	MaxPartBytes int64
	// MaxChars bounds the characters of text read; zero means
	// DefaultMaxChars.
	MaxChars int
	// MaxParagraphs bounds the paragraphs read; zero means
	// DefaultMaxParagraphs.
	MaxParagraphs int
}

// Defaults of Options: far above any real report (a long one is 30,000
// characters, its document.xml a few megabytes).
const (
	DefaultMaxPartBytes  = 32 << 20
	DefaultMaxChars      = 2_000_000
	DefaultMaxParagraphs = 200_000
)

func (o Options) withDefaults() Options {
	if o.MaxPartBytes <= 0 {
		o.MaxPartBytes = DefaultMaxPartBytes
	}
	if o.MaxChars <= 0 {
		o.MaxChars = DefaultMaxChars
	}
	if o.MaxParagraphs <= 0 {
		o.MaxParagraphs = DefaultMaxParagraphs
	}
	return o
}

// Supported reports whether Import reads files with this name's extension.
func Supported(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx", ".docm", ".dotx", ".txt", ".md", ".markdown", ".doc", ".wps", ".rtf":
		return true
	}
	return false
}

// ImportFile reads and imports one file.
func ImportFile(path string, opt Options) ([]*model.Report, diag.List) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.List{fail(model.Pos{File: path}, "imp-read", err)}
	}
	return Import(path, data, opt)
}

// Import reads the document data (its format from name's extension, or
// from its first bytes) and returns its reports: one, or one per title for
// a volume (汇编) such as the DOCX gen --compile writes. Warnings say what
// was not mapped; an error means no report.
func Import(name string, data []byte, opt Options) ([]*model.Report, diag.List) {
	opt = opt.withDefaults()
	paras, ds := Read(name, data, opt)
	if ds.HasErrors() {
		return nil, ds
	}
	groups, front := Split(paras)
	if front != nil {
		ds = append(ds, *front)
	}
	var out []*model.Report
	for _, g := range groups {
		r, rds := Detect(name, g, opt)
		ds = append(ds, rds...)
		if r != nil {
			out = append(out, r)
		}
	}
	if len(out) == 0 && !ds.HasErrors() {
		ds = append(ds, fail(model.Pos{File: name}, "imp-empty"))
	}
	ds.Sort()
	return out, ds
}

// Read turns the document data into paragraphs, without the invisible
// characters a data file may not hold (each removal is a warning).
func Read(name string, data []byte, opt Options) ([]Para, diag.List) {
	ps, ds := read(name, data, opt)
	return ps, append(ds, dropInvisible(ps)...)
}

func read(name string, data []byte, opt Options) ([]Para, diag.List) {
	opt = opt.withDefaults()
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, oleMagic) && ext == ".wps":
		return nil, diag.List{fail(model.Pos{File: name}, "imp-wps")}
	case bytes.HasPrefix(data, oleMagic):
		return nil, diag.List{oleMessage(name, data)}
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		return nil, diag.List{fail(model.Pos{File: name}, "imp-rtf")}
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), ext == ".docx", ext == ".docm", ext == ".dotx":
		return ReadDOCX(name, data, opt)
	case ext == ".md" || ext == ".markdown" || ext == ".txt" || ext == "" || ext == ".text":
		s, ds := decodeText(name, data)
		if ds.HasErrors() {
			return nil, ds
		}
		if utf8.RuneCountInString(s) > opt.MaxChars {
			return nil, append(ds, fail(model.Pos{File: name}, "imp-too-many", opt.MaxChars))
		}
		if strings.Count(s, "\n") > 2*opt.MaxParagraphs {
			return nil, append(ds, fail(model.Pos{File: name}, "imp-too-many-paras", opt.MaxParagraphs))
		}
		if ext == ".md" || ext == ".markdown" {
			return ReadMarkdown(name, s), ds
		}
		return ReadText(name, s), ds
	case ext == ".doc", ext == ".wps":
		return nil, diag.List{fail(model.Pos{File: name}, "imp-doc")}
	case ext == ".rtf":
		return nil, diag.List{fail(model.Pos{File: name}, "imp-rtf")}
	}
	return nil, diag.List{fail(model.Pos{File: name}, "imp-ext", ext)}
}
