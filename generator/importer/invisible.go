package importer

import (
	"strings"
	"unicode"

	"github.com/gongwen/gen/generator/diag"
)

// invisible tells the characters the loader refuses in a data file, which a
// report's text never needs and which come with text pasted from web pages
// or other programs: control characters (tab and line breaks aside), the
// non-characters U+FFFE and U+FFFF, and the bidirectional embedding,
// override and isolate controls.
func invisible(r rune) bool {
	return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' ||
		r == 0xFFFE || r == 0xFFFF || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// dropInvisible removes invisible characters from the paragraphs' text,
// run-in headings and table cells, with a warning for each paragraph that
// had any: the data file written must load, and a literal block cannot
// escape them.
func dropInvisible(ps []Para) diag.List {
	var ds diag.List
	for i := range ps {
		p := &ps[i]
		n := 0
		drop := func(s string) string {
			if strings.IndexFunc(s, invisible) < 0 {
				return s
			}
			return strings.Map(func(r rune) rune {
				if invisible(r) {
					n++
					return -1
				}
				return r
			}, s)
		}
		p.Text, p.Head = drop(p.Text), drop(p.Head)
		for _, row := range p.Table {
			for k := range row {
				row[k] = drop(row[k])
			}
		}
		if n > 0 {
			ds = append(ds, warn(p.Pos, "imp-invisible", n, quote(p.Text)))
		}
	}
	return ds
}
