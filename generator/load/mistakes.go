package load

import (
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// knownKeys are all the keys of the data format.
var knownKeys = func() map[string]bool {
	m := map[string]bool{"compilation": true, "reports": true}
	for _, ks := range Keys {
		for _, k := range ks {
			m[k] = true
		}
	}
	return m
}()

// keyLine splits a line that starts (after indentation and "- ") with a
// key of the format: the indentation, the key, what follows the key and
// the byte offset of that. ok is false for other lines.
func keyLine(line string) (indent, key, rest string, at int, ok bool) {
	i := 0
	for i < len(line) {
		r, n := utf8.DecodeRuneInString(line[i:])
		if r != ' ' && r != '\t' && r != '\u3000' {
			break
		}
		i += n
	}
	indent = line[:i]
	j := i
	if strings.HasPrefix(line[j:], "- ") {
		j += 2
	}
	k := j
	for k < len(line) && (line[k] >= 'a' && line[k] <= 'z' || line[k] == '_') {
		k++
	}
	if k == j || !knownKeys[line[j:k]] {
		return "", "", "", 0, false
	}
	return indent, line[j:k], line[k:], k, true
}

func col(line string, byteOff int) int { return utf8.RuneCountInString(line[:byteOff]) + 1 }

// checkLines finds, before parsing, the mistakes whose parser messages
// would mislead: a full-width colon after a key (agency：民政局),
// indentation with full-width spaces or tabs before a key.
func checkLines(name string, lines []string) (diag.Diagnostic, bool) {
	for n, line := range lines {
		indent, key, rest, at, ok := keyLine(line)
		if !ok {
			continue
		}
		trimmed := strings.TrimLeft(rest, " \t")
		isKey := strings.HasPrefix(trimmed, ":") || strings.HasPrefix(trimmed, "：")
		if !isKey {
			continue
		}
		p := model.Pos{File: name, Line: n + 1}
		if strings.HasPrefix(trimmed, "：") {
			p.Col = col(line, at+len(rest)-len(trimmed))
			return diag.New(p, "fullwidth-colon", key), false
		}
		if i := strings.Index(indent, "\u3000"); i >= 0 {
			p.Col = col(line, i)
			return diag.New(p, "fullwidth-indent", key), false
		}
		if i := strings.IndexByte(indent, '\t'); i >= 0 {
			p.Col = col(line, i)
			return diag.New(p, "tab-indent", key), false
		}
	}
	return diag.Diagnostic{}, true
}

// specialStart finds the value of a text field that starts with a
// character YAML takes as syntax ([ { * & ! % @ ` or a quoted part followed
// by more text, as in "重要"工作): the commonest reason a clerk's file does
// not parse, or parses into something else.
func specialStart(name string, lines []string) (diag.Diagnostic, bool) {
	for n, line := range lines {
		_, key, rest, at, ok := keyLine(line)
		if !ok || !proseKeys[key] || !strings.HasPrefix(rest, ":") {
			continue
		}
		v := strings.TrimLeft(rest[1:], " \t")
		if v == "" || len(v) == len(rest)-1 {
			continue
		}
		vAt := at + len(rest) - len(v)
		c := v[0]
		bad := strings.IndexByte("[{*&!%@`", c) >= 0
		switch {
		case (c == '|' || c == '>') && len(v) > 1:
			// "|开头": text after a block indicator on its line.
			bad = strings.IndexByte(" \t+-0123456789#", v[1]) < 0
		case (c == '-' || c == '?') && len(v) > 1 && v[1] == ' ':
			bad = true // "- 开头" or "? 开头" starts a list or a complex key
		}
		if c == '"' || c == '\'' {
			if end := closingQuote(v); end > 0 {
				after := strings.TrimSpace(v[end+1:])
				bad = after != "" && after[0] != '#'
			}
		}
		if bad {
			return diag.New(model.Pos{File: name, Line: n + 1, Col: col(line, vAt)}, "special-start", string(c), key, strings.TrimSpace(strings.SplitN(v, " #", 2)[0])), false
		}
	}
	return diag.Diagnostic{}, true
}

// closingQuote is the index of the quote closing the one at v[0], or -1.
func closingQuote(v string) int {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

// mixedTop refuses a file that has reports: (or compilation:) next to the
// keys of a single report: they would be silently ignored or reported as
// unknown keys with a useless hint.
func mixedTop(root map[string]any, idx map[string]*loc) (diag.Diagnostic, bool) {
	for _, top := range []string{"reports", "compilation"} {
		if _, ok := root[top]; !ok {
			continue
		}
		var first *loc
		var key string
		for k := range root {
			if k == top {
				continue
			}
			if l := idx["/"+escapePtr(k)]; l != nil && (first == nil || l.Key.Line < first.Key.Line) {
				first, key = l, k
			}
		}
		if first != nil {
			return diag.New(first.Key, top+"-mixed", key), false
		}
	}
	return diag.Diagnostic{}, true
}

// checkUTF16 recognises a file saved as UTF-16 (with or without a byte
// order mark): every other byte of ASCII text is zero.
func checkUTF16(name string, data []byte) (diag.Diagnostic, bool) {
	p := model.Pos{File: name, Line: 1, Col: 1}
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		return diag.New(p, "utf16"), false
	}
	n := min(len(data), 512)
	if n < 4 {
		return diag.Diagnostic{}, true
	}
	zeros := [2]int{}
	for i := 0; i < n; i++ {
		if data[i] == 0 {
			zeros[i%2]++
		}
	}
	if zeros[0] > n/4 || zeros[1] > n/4 {
		return diag.New(p, "utf16"), false
	}
	return diag.Diagnostic{}, true
}

// withSource attaches to each message the source line it points at, so
// that it is printed with a caret under the column.
func withSource(ds diag.List, lines []string) diag.List {
	for i := range ds {
		if l := ds[i].Pos.Line; l >= 1 && l <= len(lines) && ds[i].Src == "" {
			ds[i].Src = strings.TrimRight(lines[l-1], "\r")
		}
	}
	return ds
}

// hashInFlow finds, on the line of a syntax error or the line before, a
// " #" after an opening [ or {: YAML takes the rest of the line, closing
// bracket included, as a comment.
func hashInFlow(name string, lines []string, errLine int) (diag.Diagnostic, bool) {
	for n := errLine; n >= errLine-1 && n >= 1; n-- {
		if n > len(lines) {
			continue
		}
		line := lines[n-1]
		open := strings.IndexAny(line, "[{")
		if open < 0 {
			continue
		}
		if i := CommentAfter(line, open); i >= 0 {
			return diag.New(model.Pos{File: name, Line: n, Col: col(line, i)}, "hash-in-flow"), false
		}
	}
	return diag.Diagnostic{}, true
}

// AttachSource gives every message of ds that points into data (a file's
// bytes, as read) and has no quoted line yet the line it points at, for
// messages found after loading (placeholders, punctuation).
func AttachSource(ds diag.List, data []byte) diag.List {
	return withSource(ds, strings.Split(string(data), "\n"))
}
