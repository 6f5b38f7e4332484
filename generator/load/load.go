// Package load reads report data files (YAML) into the typed model, keeping
// the source position of every value, and checks them against the schema and
// the rules a schema cannot express. It never panics on bad input: every
// problem becomes a positioned message (see package diag).
package load

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// Limits bound what a file may make the loader do.
// Limits bound what one data file may cost to read and to print. Zero
// fields take the value of DefaultLimits; MaxDepth is capped at
// HardMaxDepth. gen.yaml sets them under limits: (see the README).
type Limits struct {
	MaxBytes      int64 // file size
	MaxNodes      int   // values after alias expansion
	MaxDepth      int   // nesting of mappings and lists
	MaxChars      int   // characters of text in one report
	MaxParagraphs int   // paragraphs, points, headings and table rows in one report
}

// DefaultLimits are far above any real report (a long one has 30,000
// characters and 300 paragraphs) and keep a hostile file to seconds and a
// few hundred megabytes.
var DefaultLimits = Limits{MaxBytes: 32 << 20, MaxNodes: 500_000, MaxDepth: 200, MaxChars: 2_000_000, MaxParagraphs: 200_000}

// ReadFile loads one data file with DefaultLimits (see ReadFileLimits).
func ReadFile(path string) (*model.File, diag.List) {
	return ReadFileLimits(path, DefaultLimits)
}

// ReadFileLimits loads one data file, or standard input when path is "-".
// Only regular files are read (a device, a pipe or a FIFO could be endless
// or block forever), always through the size limit.
func ReadFileLimits(path string, lim Limits) (*model.File, diag.List) {
	f, _, ds := ReadFileSource(path, lim)
	return f, ds
}

// ReadFileSource is ReadFileLimits that also returns the bytes it read
// (nil when it could not read them), so that a caller quoting source lines
// (AttachSource) quotes what was parsed: standard input cannot be read
// twice, and a file may change in between.
func ReadFileSource(path string, lim Limits) (*model.File, []byte, diag.List) {
	lim = lim.withDefaults()
	data, d := ReadLimited(path, lim.MaxBytes)
	if d != nil {
		return nil, nil, diag.List{*d}
	}
	if imp := foreign(path); imp != nil {
		f, ds := imp(path, data, lim)
		return f, data, ds
	}
	f, ds := Parse(path, data, lim)
	return f, data, ds
}

// ReadLimited reads a regular file (or standard input for "-") of at most
// max bytes; anything else is a positioned error saying what to do.
func ReadLimited(path string, max int64) ([]byte, *diag.Diagnostic) {
	fail := func(code string, args ...any) ([]byte, *diag.Diagnostic) {
		d := diag.New(model.Pos{File: path}, code, args...)
		return nil, &d
	}
	var r io.Reader
	if path == "-" {
		r = os.Stdin
	} else {
		st, err := os.Stat(path)
		if err != nil {
			return fail("read-file", err)
		}
		if !st.Mode().IsRegular() {
			return fail("not-regular", kindOfFile(st.Mode()))
		}
		if st.Size() > max {
			return fail("too-large", st.Size(), max)
		}
		f, err := os.Open(path)
		if err != nil {
			return fail("read-file", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return fail("read-file", err)
	}
	if int64(len(data)) > max {
		return fail("too-large-stream", max)
	}
	return data, nil
}

// kindOfFile names what a non-regular file is, in Chinese.
func kindOfFile(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "文件夹"
	case m&os.ModeNamedPipe != 0:
		return "管道（FIFO）"
	case m&os.ModeCharDevice != 0, m&os.ModeDevice != 0:
		return "设备"
	case m&os.ModeSocket != 0:
		return "套接字"
	}
	return "特殊文件"
}

// Parse loads a data file from memory; name is used in messages.
func Parse(name string, data []byte, lim Limits) (*model.File, diag.List) {
	lim = lim.withDefaults()
	if lim.MaxBytes > 0 && int64(len(data)) > lim.MaxBytes {
		return nil, diag.List{diag.New(model.Pos{File: name}, "too-large", len(data), lim.MaxBytes)}
	}
	if d, ok := checkUTF16(name, data); !ok {
		return nil, diag.List{d}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if d, ok := checkBytes(name, data); !ok {
		return nil, diag.List{d}
	}
	lines := strings.Split(string(data), "\n")
	if d, ok := checkLines(name, lines); !ok {
		return nil, withSource(diag.List{d}, lines)
	}
	if len(bytes.TrimSpace(stripComments(data))) == 0 {
		return nil, diag.List{diag.New(model.Pos{File: name, Line: 1, Col: 1}, "empty-file")}
	}
	if line, col, over := scanDepth(data, 2*lim.MaxDepth); over {
		return nil, diag.List{diag.New(model.Pos{File: name, Line: line, Col: col}, "too-deep", lim.MaxDepth)}
	}
	f, ds := parse(name, data, lines, lim)
	return f, withSource(ds, lines)
}

func parse(name string, data []byte, lines []string, lim Limits) (*model.File, diag.List) {
	tree, err := parser.ParseBytes(data, 0)
	if err != nil {
		if d, ok := specialStart(name, lines); !ok {
			return nil, diag.List{d}
		}
		d := syntaxError(name, err)
		if h, ok := hashInFlow(name, lines, d.Pos.Line); !ok {
			return nil, diag.List{h}
		}
		return nil, diag.List{d}
	}
	var docs []*ast.DocumentNode
	for _, doc := range tree.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc)
		}
	}
	if len(docs) == 0 {
		return nil, diag.List{diag.New(model.Pos{File: name, Line: 1, Col: 1}, "empty-file")}
	}
	if len(docs) > 1 {
		p := model.Pos{File: name, Line: 1, Col: 1}
		if t := docs[1].Start; t != nil {
			p.Line, p.Col = t.Position.Line, t.Position.Column
		} else if t := docs[1].Body.GetToken(); t != nil {
			p.Line, p.Col = t.Position.Line, t.Position.Column
		}
		return nil, diag.List{diag.New(p, "second-document")}
	}
	c := &converter{file: name, lines: lines, limits: lim, index: map[string]*loc{}, anchors: map[string]ast.Node{}, sizes: map[ast.Node]int{}}
	doc := c.value(docs[0].Body, "", model.Pos{}, 0)
	if c.stop != nil {
		if c.stop.Code == "unknown-alias" {
			if d, ok := specialStart(name, lines); !ok {
				return nil, diag.List{d}
			}
		}
		return nil, diag.List{*c.stop}
	}
	root, ok := doc.(map[string]any)
	if !ok {
		l := c.index[""]
		return nil, diag.List{diag.New(l.Val, "root-not-map", typeName(l.Kind, "zh"))}
	}
	if d, ok := mixedTop(root, c.index); !ok {
		return nil, diag.List{d}
	}
	if ds := validate(name, doc, c.index); len(ds) > 0 {
		if d, ok := specialStart(name, lines); !ok {
			return nil, diag.List{d}
		}
		return nil, ds
	}
	d := &decoder{file: name, idx: c.index}
	f := d.decodeFile(root)
	for _, r := range f.Reports {
		if over := checkSize(r, lim); over != nil {
			return nil, diag.List{*over}
		}
	}
	d.out = append(d.out, c.lostComments()...)
	d.out.Sort()
	if d.out.HasErrors() {
		return nil, d.out
	}
	return f, d.out
}

// checkBytes rejects invalid UTF-8 and control characters with a position.
func checkBytes(name string, data []byte) (diag.Diagnostic, bool) {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		p := model.Pos{File: name, Line: line, Col: col}
		if r == utf8.RuneError && size <= 1 {
			return diag.New(p, "invalid-utf8", data[i]), false
		}
		if r == '\n' {
			line, col = line+1, 1
			i += size
			continue
		}
		if (unicode.IsControl(r) && r != '\t' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			return diag.New(p, "control-char", r), false
		}
		if isBidiControl(r) {
			return diag.New(p, "bidi-control", r), false
		}
		col++
		i += size
	}
	return diag.Diagnostic{}, true
}

func stripComments(data []byte) []byte {
	var out [][]byte
	for _, l := range bytes.Split(data, []byte("\n")) {
		t := bytes.TrimSpace(l)
		if len(t) == 0 || t[0] == '#' || string(t) == "---" {
			continue
		}
		out = append(out, l)
	}
	return bytes.Join(out, []byte("\n"))
}

// syntaxErrorHints turns the YAML parser's common messages into advice.
var syntaxErrorHints = []struct{ in, zh, en string }{
	{"mapping value is not allowed", "同一行里出现了第二个“: ”；含冒号加空格的文字请用引号括起来，或改用全角冒号“：”", "a second \": \" on one line; quote text that contains a colon and a space, or use the full-width \"：\""},
	{"value is not allowed in this context", "缩进不一致：同一层的字段要对齐，下一层多缩进两个空格", "inconsistent indentation: keys of one level line up, the next level is indented two more spaces"},
	{"could not find end character", "引号没有配对：请补上结尾的引号", "an unclosed quote: add the closing quote"},
	{"sequence end token", "方括号没有配对：请补上“]”", "an unclosed [: add the ]"},
	{"mapping end token", "花括号没有配对：请补上“}”", "an unclosed {: add the }"},
	{"tab character", "不能用 Tab 缩进：请改用空格", "tabs cannot indent: use spaces"},
	{"found character that cannot start", "这里的字符不能作为值的开头（如 @ 或 `）：请把整段文字用引号括起来", "this character cannot start a value (like @ or `): quote the whole text"},
	{"unexpected key name", "缩进不一致：请检查这一行和上一行的缩进", "inconsistent indentation: check this line and the one above"},
}

func syntaxError(name string, err error) diag.Diagnostic {
	p := model.Pos{File: name, Line: 1, Col: 1}
	msg := err.Error()
	if se, ok := err.(*yaml.SyntaxError); ok {
		msg = se.GetMessage()
		if t := se.GetToken(); t != nil {
			p = model.Pos{File: name, Line: t.Position.Line, Col: t.Position.Column}
		}
	}
	if strings.Contains(msg, "already defined at") {
		// goccy reports duplicate keys as syntax errors: `mapping key "a" already defined at [1:1]`.
		key, first := msg, ""
		if i := strings.Index(msg, "\""); i >= 0 {
			if j := strings.Index(msg[i+1:], "\""); j >= 0 {
				key = msg[i+1 : i+1+j]
			}
		}
		if i := strings.LastIndex(msg, "["); i >= 0 {
			first = strings.Trim(msg[i:], "[]")
		}
		return diag.New(p, "duplicate-key", key, fmt.Sprintf("%s:%s", name, first))
	}
	zh, en := "请检查这一行及上一行的缩进、冒号和引号", "check the indentation, colons and quotes of this line and the one above"
	for _, h := range syntaxErrorHints {
		if strings.Contains(msg, h.in) {
			zh, en = h.zh, h.en
			break
		}
	}
	d := diag.New(p, "yaml-syntax", msg, zh)
	d.EN = fmt.Sprintf("YAML syntax error (%s): %s", msg, en)
	return d
}

// isBidiControl reports the bidirectional embedding, override and isolate
// controls (U+202A–U+202E, U+2066–U+2069): invisible, they reorder the text
// around them, so that what prints is not what the editor seemed to show.
// The plain marks U+200E and U+200F are not rejected.
func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// SyntaxCheck parses data as YAML (gen.yaml, layout.yaml) and returns the
// first syntax error with its position, the quoted line and advice in both
// languages, or nil.
func SyntaxCheck(name string, data []byte) *diag.Diagnostic {
	if d, ok := checkUTF16(name, data); !ok {
		return &d
	}
	lines := strings.Split(string(data), "\n")
	if _, err := parser.ParseBytes(data, 0); err != nil {
		d := withSource(diag.List{syntaxError(name, err)}, lines)[0]
		return &d
	}
	return nil
}
