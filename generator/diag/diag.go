// Package diag holds the messages gen gives about its input: each with a
// source position, a severity, a stable code, and a text in Chinese and
// English. Messages say what is wrong and what to do.
package diag

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gen/generator/model"
)

// Severity tells errors from warnings.
type Severity int

// Severities.
const (
	Error Severity = iota
	Warning
)

// Diagnostic is one message about an input.
type Diagnostic struct {
	Pos      model.Pos
	Severity Severity
	Code     string // stable identifier, e.g. "unknown-key"
	ZH, EN   string // the message, without position and severity
	Src      string // the source line it points at, if known: printed with a caret
}

// Text returns the message in the language ("zh" or "en").
func (d Diagnostic) Text(lang string) string {
	if lang == "en" && d.EN != "" {
		return d.EN
	}
	return d.ZH
}

// Format renders "file:line:col: 错误：message" in the language.
func (d Diagnostic) Format(lang string) string {
	sev := "错误"
	if lang == "en" {
		sev = "error"
	}
	if d.Severity == Warning {
		sev = "警告"
		if lang == "en" {
			sev = "warning"
		}
	}
	sep := "："
	if lang == "en" {
		sep = ": "
	}
	s := fmt.Sprintf("%s: %s%s%s", d.Pos, sev, sep, d.Text(lang))
	if d.Src != "" && d.Pos.Col >= 1 {
		s += "\n" + Caret(d.Src, d.Pos.Col)
	}
	return s
}

// Caret quotes a source line, indented, with a caret under rune column col
// on the next line: East Asian wide characters count two columns, a tab
// is repeated, so the caret stands under the character in a terminal.
// Lines longer than 100 characters are shortened around the column.
func Caret(line string, col int) string {
	n := utf8.RuneCountInString(line)
	if col > n+1 {
		col = n + 1
	}
	from, to, pre := 0, n, ""
	if n > 100 {
		from = max(0, col-1-50)
		to = min(n, from+100)
		if from > 0 {
			pre = "…"
		}
	}
	// Byte offsets of runes from and to, and the pad under from..col-1,
	// in one pass over the line (a paragraph's line is thousands of
	// characters; only the window is copied).
	var pad strings.Builder
	pad.WriteString("    ")
	if pre != "" {
		pad.WriteString(" ")
	}
	bFrom, bTo, i := 0, len(line), 0
	for b, r := range line {
		switch {
		case i == to:
			bTo = b
		case i == from:
			bFrom = b
		}
		if i >= to {
			break
		}
		if i >= from && i < col-1 {
			switch {
			case r == '\t':
				pad.WriteByte('\t')
			case wide(r):
				pad.WriteString("  ")
			default:
				pad.WriteByte(' ')
			}
		}
		i++
	}
	post := ""
	if to < n {
		post = "…"
	}
	return "    " + pre + line[bFrom:bTo] + post + "\n" + pad.String() + "^"
}

// wide reports East Asian wide and full-width characters.
func wide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF && r != 0x303F ||
		r >= 0xAC00 && r <= 0xD7A3 || r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F ||
		r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6 || r >= 0x1F300 && r <= 0x1FAFF || r >= 0x20000 && r <= 0x3FFFD)
}

// Error makes a Diagnostic usable as an error (in Chinese).
func (d Diagnostic) Error() string { return d.Format("zh") }

// New makes an error diagnostic from a catalogue code and arguments.
func New(pos model.Pos, code string, args ...any) Diagnostic {
	m, ok := catalog[code]
	if !ok {
		panic("diag: unknown code " + code)
	}
	return Diagnostic{Pos: pos, Severity: Error, Code: code, ZH: fmt.Sprintf(m[0], args...), EN: fmt.Sprintf(m[1], args...)}
}

// Warn makes a warning diagnostic from a catalogue code and arguments.
func Warn(pos model.Pos, code string, args ...any) Diagnostic {
	d := New(pos, code, args...)
	d.Severity = Warning
	return d
}

// List is a set of diagnostics.
type List []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}

// Sort orders the list by file, line and column.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Format renders the whole list, one message a line.
func (l List) Format(lang string) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.Format(lang))
		b.WriteByte('\n')
	}
	return b.String()
}

// Err returns the list as an error when it holds errors, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return ListError(l)
}

// ListError is a List used as an error.
type ListError List

func (e ListError) Error() string { return strings.TrimRight(List(e).Format(Lang()), "\n") }

// Lang picks the message language from the environment: "en" when
// GEN_LANG, LC_ALL, LC_MESSAGES or LANG starts with "en", else "zh".
func Lang() string {
	for _, k := range []string{"GEN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "en") {
				return "en"
			}
			return "zh"
		}
	}
	return "zh"
}
