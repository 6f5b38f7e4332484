package importer

import (
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gen/generator/model"
)

var (
	mdHeading = lazyRegexp(`^(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdList    = lazyRegexp(`^(\d{1,3})[.)]\s+`)
	mdBullet  = lazyRegexp(`^[-*+]\s+`)
	mdImage   = lazyRegexp(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink    = lazyRegexp(`\[([^\]]*)\]\([^)]*\)`)
	mdEmph    = lazyRegexp(`(\*\*|__)(.+?)(\*\*|__)`)
	mdTableRe = lazyRegexp(`^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$`)
)

// ReadMarkdown reads a Markdown report: # headings (their level is
// evidence), paragraphs (lines joined until a blank line; a line that
// starts with a structure number starts a new one), numbered lists, pipe
// tables. Emphasis and links keep their text; pictures, code and quotes
// are kept as text with a warning.
func ReadMarkdown(name string, s string) []Para {
	var out []Para
	var cur *Para
	flush := func() {
		if cur != nil {
			out = append(out, *cur)
			cur = nil
		}
	}
	lines := strings.Split(s, "\n")
	fence := false
	for i := 0; i < len(lines); i++ {
		raw := strings.TrimRight(lines[i], " \t")
		line := strings.TrimLeft(raw, " \t\u3000")
		pos := model.Pos{File: name, Line: i + 1, Col: 1 + utf8.RuneCountInString(raw[:len(raw)-len(line)])}
		if strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~") {
			flush()
			if !fence {
				out = append(out, Para{Pos: pos, Note: "imp-md-code"})
			}
			fence = !fence
			continue
		}
		if fence {
			if line != "" {
				out = append(out, Para{Text: line, Pos: pos})
			}
			continue
		}
		if line == "" || line == "---" || line == "***" {
			flush()
			continue
		}
		if m := mdHeading().FindStringSubmatch(line); m != nil {
			flush()
			out = append(out, Para{Text: inline(m[2]), Pos: pos, Level: len(m[1])})
			continue
		}
		if strings.HasPrefix(line, "|") {
			flush()
			var rows [][]string
			j := i
			for ; j < len(lines); j++ {
				l := strings.TrimSpace(lines[j])
				if !strings.HasPrefix(l, "|") {
					break
				}
				if mdTableRe().MatchString(l) {
					continue
				}
				var cells []string
				for _, c := range strings.Split(strings.Trim(l, "|"), "|") {
					cells = append(cells, inline(strings.TrimSpace(c)))
				}
				rows = append(rows, cells)
			}
			out = append(out, Para{Table: rows, Pos: pos})
			i = j - 1
			continue
		}
		if strings.HasPrefix(line, ">") {
			flush()
			out = append(out, Para{Pos: pos, Note: "imp-md-quote"})
			line = strings.TrimSpace(strings.TrimLeft(line, ">"))
			if line != "" {
				out = append(out, Para{Text: inline(line), Pos: pos})
			}
			continue
		}
		if mdImage().MatchString(line) {
			out = append(out, Para{Pos: pos, Note: "imp-md-image"})
			line = strings.TrimSpace(mdImage().ReplaceAllString(line, "$1"))
			if line == "" {
				continue
			}
		}
		if m := mdList().FindStringSubmatch(line); m != nil {
			// "1. text" is a typed structure number; keep it as 1.
			flush()
			line = m[1] + "." + line[len(m[0]):]
		} else if m := mdBullet().FindString(line); m != "" {
			flush()
			line = line[len(m):]
		} else if _, ok := ParseNumber(line); ok {
			flush()
		}
		line = inline(line)
		if cur == nil {
			cur = &Para{Text: line, Pos: pos}
			continue
		}
		if latinEnd(cur.Text) && latinStart(line) {
			cur.Text += " "
		}
		cur.Text += line
	}
	flush()
	return out
}

// inline drops Markdown's inline marks, keeping the text.
func inline(s string) string {
	s = mdLink().ReplaceAllString(s, "$1")
	s = mdEmph().ReplaceAllString(s, "$2")
	s = strings.ReplaceAll(s, "`", "")
	s = strings.TrimSuffix(s, "  ")
	return strings.ReplaceAll(s, `\`, "")
}
