package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/gongwen/gen/generator/load"
)

// lineRef ties a line of written YAML to the form field it came from, in
// the path notation of json-editor ("root.sections.0.heading").
type lineRef struct {
	Line int
	Path string
}

// written is YAML written from form data, with the field of every line.
type written struct {
	YAML  []byte
	Lines []lineRef // increasing Line
}

// pathAt is the form field a diagnostic at line belongs to: the last field
// that starts on or before it ("root" when none does).
func (w *written) pathAt(line int) string {
	i := sort.Search(len(w.Lines), func(i int) bool { return w.Lines[i].Line > line })
	if i == 0 {
		return "root"
	}
	return w.Lines[i-1].Path
}

// linesOf are the first and last line of the field path and what it holds
// (0, 0 when the YAML has no such field).
func (w *written) linesOf(path string) [2]int {
	var out [2]int
	for i, l := range w.Lines {
		if l.Path == path || strings.HasPrefix(l.Path, path+".") {
			if out[0] == 0 {
				out[0] = l.Line
			}
			out[1] = l.Line
			if i+1 < len(w.Lines) {
				out[1] = w.Lines[i+1].Line - 1
			} else {
				out[1] = l.Line + strings.Count(string(w.YAML), "\n")
			}
		}
	}
	return out
}

var intText = regexp.MustCompile(`^[+-]?[0-9]+$`)

// writeYAML writes one report from the form's data as YAML in the order of
// the schema, block style, paragraphs as literal blocks (|-), so the file
// reads like the examples. Empty fields are left out: an empty box in the
// form means "not given", as a missing key does.
func (s *schemaInfo) writeYAML(data any) (*written, error) {
	return s.writeYAMLComments(data, nil)
}

// writeYAMLComments is writeYAML that puts the comments cm back at their
// fields.
func (s *schemaInfo) writeYAMLComments(data any, cm *comments) (*written, error) {
	m, ok := data.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("form data is not an object")
	}
	e := &emitter{s: s, cm: cm}
	root := s.defs["report"]
	m, _ = s.prune(m, root).(map[string]any)
	e.object(m, root, 0, "root", false)
	return &written{YAML: e.buf.Bytes(), Lines: e.lines}, nil
}

type emitter struct {
	s     *schemaInfo
	cm    *comments
	buf   bytes.Buffer
	line  int
	lines []lineRef
}

func (e *emitter) put(s string) {
	e.buf.WriteString(s)
	e.buf.WriteByte('\n')
	e.line++
}

// mark ties the next line to path, after the comments that stand above
// the field (indented as the line will be).
func (e *emitter) mark(path string, indent int) {
	if e.cm != nil {
		for _, c := range e.cm.head[path] {
			e.put(strings.Repeat(" ", indent) + c)
		}
	}
	e.lines = append(e.lines, lineRef{Line: e.line + 1, Path: path})
}

// trail is the comment beside path's line, with its separating space.
func (e *emitter) trail(path string) string {
	if e.cm == nil || e.cm.trail[path] == "" {
		return ""
	}
	return " " + e.cm.trail[path]
}

// orderedKeys are the keys of m in the schema's order, unknown keys after
// them in sorted order (they reach the loader, which names them).
func (e *emitter) orderedKeys(m map[string]any, n *snode) []string {
	n = e.s.resolve(n)
	var out []string
	seen := map[string]bool{}
	if n != nil {
		for _, k := range n.Props {
			if _, ok := m[k]; ok {
				out = append(out, k)
				seen[k] = true
			}
		}
	}
	var rest []string
	for k := range m {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// object writes mapping m at indent; dash puts its first key after "- ".
func (e *emitter) object(m map[string]any, n *snode, indent int, path string, dash bool) {
	keys := e.orderedKeys(m, n)
	if len(keys) == 0 {
		if dash {
			e.put(strings.Repeat(" ", indent-2) + "- {}")
		}
		return
	}
	for i, k := range keys {
		prefix := strings.Repeat(" ", indent)
		if dash && i == 0 {
			prefix = strings.Repeat(" ", indent-2) + "- "
		}
		child := e.s.prop(n, k)
		p := path + "." + k
		if dash && i == 0 {
			e.mark(p, indent-2) // comments go above the "- " line
		} else {
			e.mark(p, indent)
		}
		e.value(prefix+yamlKey(k)+":", m[k], child, indent, p)
		e.foot(p, indent)
	}
	if dash || path == "root" {
		// A key's mapping has its foot written with the key.
		e.foot(path, indent)
	}
}

// foot writes the comments that stood below path's value.
func (e *emitter) foot(path string, indent int) {
	if e.cm == nil {
		return
	}
	for _, c := range e.cm.foot[path] {
		e.put(strings.Repeat(" ", indent) + c)
	}
}

// value writes v after head ("key:" or "-"), its nested lines at indent+2.
func (e *emitter) value(head string, v any, n *snode, indent int, path string) {
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 0 {
			e.put(head + " {}")
			return
		}
		if strings.HasSuffix(head, "-") {
			// "- key: v" on one line.
			e.object(t, n, indent+2, path, true)
			return
		}
		e.put(head)
		e.object(t, n, indent+2, path, false)
	case []any:
		if len(t) == 0 {
			e.put(head + " []")
			return
		}
		e.put(head)
		items := e.s.items(n)
		for i, x := range t {
			p := path + "." + strconv.Itoa(i)
			e.mark(p, indent+2)
			e.value(strings.Repeat(" ", indent+2)+"-", x, items, indent+2, p)
		}
	case string:
		if lines, chomp, ok := literal(t); ok && !n.is("integer") && !n.is("boolean") {
			e.put(head + " |" + chomp + e.trail(path))
			pad := strings.Repeat(" ", indent+2)
			for _, l := range lines {
				if l == "" {
					e.put("")
				} else {
					e.put(pad + l)
				}
			}
			return
		}
		e.put(head + " " + scalar(t, n) + e.trail(path))
	default:
		e.put(head + " " + scalar(t, n) + e.trail(path))
	}
}

// scalar is the YAML of one value; integer and boolean fields typed as text
// in the form become numbers and booleans when they read as such.
func scalar(v any, n *snode) string {
	switch t := v.(type) {
	case string:
		s := strings.TrimSpace(t)
		if (n.is("integer") || n.is("number")) && intText.MatchString(s) {
			return s
		}
		if n.is("boolean") && (s == "true" || s == "false") {
			return s
		}
		return yamlString(t)
	case json.Number:
		return t.String()
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(t)
	case nil:
		return "null"
	}
	return yamlString(fmt.Sprint(v))
}

// yamlKey writes a mapping key (plain when it is a simple word).
func yamlKey(k string) string {
	for _, r := range k {
		if !(r == '_' || r == '-' || r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			return quoted(k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}

// yamlString writes s plain when YAML reads it back as the same string,
// else double-quoted.
func yamlString(s string) string {
	if s == "" {
		return `""`
	}
	if s != strings.TrimSpace(s) {
		return quoted(s)
	}
	simple := true
	first, _ := utf8.DecodeRuneInString(s)
	for _, r := range s {
		if r < utf8.RuneSelf && !(unicode.IsLetter(r) || unicode.IsDigit(r)) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
			simple = false
			break
		}
	}
	if simple && first >= utf8.RuneSelf {
		return s
	}
	if load.PlainText(s) {
		return s
	}
	return quoted(s)
}

// quoted is a YAML double-quoted scalar (JSON's escapes are YAML's).
func quoted(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// literal splits a multi-line string for a literal block scalar: its lines
// and the chomping indicator ("-" no final newline, "" one, "+" more).
// It refuses strings a literal block cannot hold exactly.
func literal(s string) ([]string, string, bool) {
	if !strings.Contains(s, "\n") || strings.ContainsAny(s, "\r\t") {
		return nil, "", false
	}
	for _, r := range s {
		if r != '\n' && (unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff' || r == '\u0085') {
			return nil, "", false
		}
	}
	chomp := "-"
	body := s
	switch {
	case strings.HasSuffix(s, "\n\n"):
		chomp = "+"
		body = strings.TrimSuffix(s, "\n")
	case strings.HasSuffix(s, "\n"):
		chomp = ""
		body = strings.TrimSuffix(s, "\n")
	}
	lines := strings.Split(body, "\n")
	for _, l := range lines {
		if l != "" && strings.TrimSpace(l) == "" {
			return nil, "", false // a line of spaces only
		}
		if strings.TrimRightFunc(l, unicode.IsSpace) != l {
			return nil, "", false // trailing white space: the YAML parser drops it from a literal block's last line
		}
	}
	if strings.HasPrefix(lines[0], " ") || lines[0] == "" {
		return nil, "", false // would need an indentation indicator
	}
	return lines, chomp, true
}

// prune drops what the form holds but the data does not say: empty text,
// empty lists and objects as values of keys, nulls. Elements of lists stay
// (an empty table cell is a cell; a section just added is a section), except
// empty strings in lists whose items may not be empty (points).
func (s *schemaInfo) prune(v any, n *snode) any {
	n = s.resolve(n)
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range t {
			x = s.prune(x, s.prop(n, k))
			if empty(x) {
				continue
			}
			out[k] = x
		}
		return out
	case []any:
		items := s.items(n)
		dropEmpty := items != nil && items.is("string") && items.raw["minLength"] != nil
		out := []any{}
		for _, x := range t {
			x = s.prune(x, items)
			if x == nil || dropEmpty && x == "" {
				continue
			}
			out = append(out, x)
		}
		return out
	}
	return v
}

func empty(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(t) == ""
	case map[string]any:
		return len(t) == 0
	case []any:
		return len(t) == 0
	}
	return false
}

// formData turns a YAML data file into the form's data: numbers and
// booleans as text (the form edits them as text), dates as 2024-01-10.
// It fails when the YAML does not parse or is not one report.
func (s *schemaInfo) formData(src []byte) (map[string]any, error) {
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		return nil, err
	}
	if v == nil {
		return map[string]any{}, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not a mapping")
	}
	if _, multi := m["reports"]; multi {
		return nil, errMulti
	}
	if _, comp := m["compilation"]; comp {
		return nil, errManifest
	}
	return s.toForm(m, s.defs["report"]).(map[string]any), nil
}

var (
	errMulti    = fmt.Errorf("file holds several reports")
	errManifest = fmt.Errorf("file is a compilation manifest")
)

func (s *schemaInfo) toForm(v any, n *snode) any {
	n = s.resolve(n)
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range t {
			out[k] = s.toForm(x, s.prop(n, k))
		}
		return out
	case []any:
		out := make([]any, len(t))
		items := s.items(n)
		for i, x := range t {
			out[i] = s.toForm(x, items)
		}
		return out
	case time.Time:
		return t.Format("2006-01-02")
	case nil, string:
		if t == nil {
			return ""
		}
		return t
	default:
		return fmt.Sprint(t)
	}
}

// header is the comment block at the top of a data file (the
// yaml-language-server line, the notes of `gen init`): kept when the form
// saves the file. Comments further down are not kept.
func header(src []byte) []byte {
	var out []byte
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		line := src
		if i >= 0 {
			line = src[:i+1]
		}
		t := bytes.TrimSpace(line)
		if len(t) > 0 && t[0] != '#' {
			break
		}
		out = append(out, line...)
		src = src[len(line):]
	}
	out = bytes.TrimRight(out, " \t\r\n")
	if len(out) == 0 {
		return nil
	}
	return append(out, "\n\n"...)
}
