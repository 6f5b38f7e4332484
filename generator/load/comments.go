package load

import (
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// proseKeys are the keys whose values are printed text: a comment after
// their unquoted value on the same line eats the rest of the sentence.
var proseKeys = map[string]bool{
	"title": true, "intro": true, "heading": true, "text": true, "lead": true, "closing": true,
	"recipient": true, "issuer": true, "signature": true, "caption": true, "agency": true,
}

// proseLists are the keys whose list elements are printed text.
var proseLists = map[string]bool{"points": true, "attachments": true, "columns": true}

// isProse reports whether the value at JSON pointer ptr is printed text.
func isProse(ptr string) bool {
	parts := strings.Split(ptr, "/")
	n := len(parts)
	if n < 2 {
		return false
	}
	if proseKeys[parts[n-1]] {
		return n < 3 || parts[n-2] != "compilation" || parts[n-1] == "title"
	}
	if proseLists[parts[n-2]] {
		return true
	}
	return n >= 3 && parts[n-3] == "rows"
}

// CommentAfter returns the byte offset in line of a YAML comment that
// follows a plain (unquoted) scalar starting at byte start, or -1: the
// first "#" after start preceded by a space or a tab. A plain scalar
// cannot contain " #", so whatever follows is a comment and is lost.
func CommentAfter(line string, start int) int {
	if start < 0 || start >= len(line) {
		return -1
	}
	for i := start + 1; i < len(line); i++ {
		if line[i] == '#' && (line[i-1] == ' ' || line[i-1] == '\t') {
			return i
		}
	}
	return -1
}

// lostComments warns about every comment that follows the unquoted value
// of a prose field on its line: YAML drops it, and with it the text the
// clerk meant to print.
func (c *converter) lostComments() diag.List {
	var out diag.List
	for _, pv := range c.plain {
		if !isProse(pv.ptr) || pv.line < 1 || pv.line > len(c.lines) {
			continue
		}
		line := c.lines[pv.line-1]
		start := byteOfCol(line, pv.col)
		i := CommentAfter(line, start)
		if i < 0 {
			continue
		}
		col := utf8.RuneCountInString(line[:i]) + 1
		lost := strings.TrimSpace(line[i:])
		if utf8.RuneCountInString(lost) > 20 {
			lost = string([]rune(lost)[:20]) + "…"
		}
		out = append(out, diag.Warn(model.Pos{File: c.file, Line: pv.line, Col: col}, "comment-in-text", lost))
	}
	return out
}

// byteOfCol is the byte offset of 1-based rune column col in line.
func byteOfCol(line string, col int) int {
	n := 1
	for i := range line {
		if n == col {
			return i
		}
		n++
	}
	return len(line)
}
