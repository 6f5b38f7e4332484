package load

import (
	"strings"

	"github.com/gongwen/gen/generator/model"
)

// paragraphs splits a text value at blank lines. Lines inside a paragraph
// are joined (without a space between Chinese characters, with one between
// Latin words); leading full-width spaces that clerks type as an indent are
// dropped, since the generator indents paragraphs itself.
func paragraphs(t model.Text) []model.Text {
	if strings.TrimSpace(t.Value) == "" {
		return nil
	}
	var out []model.Text
	var cur *model.Text
	off := 0
	loc := locator{t: t}
	for _, line := range strings.Split(t.Value, "\n") {
		start := off
		off += len(line) + 1
		trimmedLine := strings.TrimRight(line, " \t\u3000\r")
		lead := len(trimmedLine) - len(strings.TrimLeft(trimmedLine, " \t\u3000"))
		content := trimmedLine[lead:]
		if content == "" {
			if cur != nil {
				out = append(out, *cur)
				cur = nil
			}
			continue
		}
		p := loc.at(start + lead)
		if cur == nil {
			cur = &model.Text{Pos: p}
		} else if needsSpace(cur.Value, content) {
			cur.Value += " "
		}
		cur.Lines = append(cur.Lines, p)
		cur.LineOffs = append(cur.LineOffs, len(cur.Value))
		cur.Value += content
	}
	if cur != nil {
		out = append(out, *cur)
	}
	for i := range out {
		if len(out[i].Lines) == 1 {
			out[i].Lines, out[i].LineOffs = nil, nil
		}
	}
	return out
}

func needsSpace(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	x, y := a[len(a)-1], b[0]
	return isWord(x) && isWord(y)
}

func isWord(c byte) bool {
	return c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
}

// locator is model.Text.Locate for offsets that only grow: it remembers the
// source line reached so far, so that splitting a text of n lines costs O(n)
// rather than O(n²) (100,000 paragraphs would otherwise take half a minute).
type locator struct {
	t model.Text
	i int // index into t.LineOffs of the line holding the last offset
}

// at returns the source position of byte off of the text; off must not be
// smaller than in the previous call.
func (l *locator) at(off int) model.Pos {
	t := l.t
	if len(t.LineOffs) == 0 || len(t.Lines) == 0 {
		return t.Locate(off)
	}
	for l.i+1 < len(t.LineOffs) && l.i+1 < len(t.Lines) && t.LineOffs[l.i+1] <= off {
		l.i++
	}
	if t.LineOffs[l.i] > off {
		return t.Locate(off)
	}
	// Locate of a text that starts at that line gives the same column.
	sub := model.Text{Value: t.Value[t.LineOffs[l.i]:], Pos: t.Lines[l.i]}
	return sub.Locate(off - t.LineOffs[l.i])
}
