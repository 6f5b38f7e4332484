package load

import (
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// HardMaxDepth caps Limits.MaxDepth: the YAML parser's time grows with the
// square of the nesting depth, so no configuration may ask for more.
const HardMaxDepth = 1000

// withDefaults fills the zero fields of l from DefaultLimits and caps
// MaxDepth at HardMaxDepth.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxNodes <= 0 {
		l.MaxNodes = d.MaxNodes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxDepth > HardMaxDepth {
		l.MaxDepth = HardMaxDepth
	}
	if l.MaxChars <= 0 {
		l.MaxChars = d.MaxChars
	}
	if l.MaxParagraphs <= 0 {
		l.MaxParagraphs = d.MaxParagraphs
	}
	return l
}

// scanDepth estimates the nesting depth of YAML source without parsing it,
// in one pass, and reports where the estimate first exceeds limit. The
// parser takes time (and stack) growing with the square of the depth, so a
// file nested 10,000 deep is stopped here before it reaches the parser.
//
// The estimate counts, per line, the enclosing block indentation levels,
// the "- " sequence markers and the open flow brackets ([ and {) outside
// quotes and comments; block scalars (| and >) and the further lines of
// plain scalars are skipped. It does not
// exceed the real depth for ordinary YAML, and Parse compares it with twice
// the configured MaxDepth, so that the exact check (with its position) is
// still the converter's.
func scanDepth(data []byte, limit int) (line, col int, over bool) {
	var stack []int    // indentation of the enclosing block levels
	flow, base := 0, 0 // open flow brackets; block depth where flow began
	var quote byte     // open quote, kept across lines
	scalarIndent := -1 // skip lines indented more than this (block scalar)
	plain := false     // the last line ended inside a plain scalar
	lineNo := 0
	for start := 0; start <= len(data); {
		end := start
		for end < len(data) && data[end] != '\n' {
			end++
		}
		l := data[start:end]
		lineStart := start
		start = end + 1
		lineNo++
		if len(l) > 0 && l[len(l)-1] == '\r' {
			l = l[:len(l)-1]
		}
		ind := 0
		for ind < len(l) && l[ind] == ' ' {
			ind++
		}
		if scalarIndent >= 0 {
			if ind == len(l) || ind > scalarIndent {
				continue
			}
			scalarIndent = -1
		}
		depth := base
		if flow == 0 && quote == 0 {
			if ind == len(l) || l[ind] == '#' {
				continue
			}
			if plain && len(stack) > 0 && ind > stack[len(stack)-1] {
				continue // more lines of a plain scalar
			}
			for len(stack) > 0 && stack[len(stack)-1] >= ind {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, ind)
			depth = len(stack) - 1
		}
		atStart := flow == 0 && quote == 0
		content := ind // column (0-based) of the line's content after "- "
		for i := ind; i < len(l); i++ {
			c := l[i]
			if quote != 0 {
				switch {
				case quote == '"' && c == '\\':
					i++
				case c == quote && quote == '\'' && i+1 < len(l) && l[i+1] == '\'':
					i++
				case c == quote:
					quote = 0
				}
				continue
			}
			if c == '#' && (i == 0 || l[i-1] == ' ' || l[i-1] == '\t') {
				break
			}
			blank := i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t'
			if atStart {
				switch {
				case c == ' ' || c == '\t':
					continue
				case c == '-' && blank && flow == 0:
					depth++
					content = i + 2
				case c == '?' && blank && flow == 0:
					content = i + 2
				case c == '[' || c == '{':
					if flow == 0 {
						base = depth
					}
					flow++
				case c == '"' || c == '\'':
					quote = c
					atStart = false
				case (c == '|' || c == '>') && flow == 0:
					scalarIndent = content
					atStart = false
				default:
					atStart = false
				}
				if depth+flow > limit {
					return lineNo, utf8.RuneCount(data[lineStart:lineStart+i]) + 1, true
				}
				continue
			}
			switch {
			case flow > 0 && (c == '[' || c == '{'):
				flow++
				if depth+flow > limit {
					return lineNo, utf8.RuneCount(data[lineStart:lineStart+i]) + 1, true
				}
			case flow > 0 && (c == ']' || c == '}'):
				flow--
			case flow > 0 && c == ',':
				atStart = true
			case c == ':' && blank:
				atStart = true
			}
		}
		if flow == 0 {
			base = 0
		}
		plain = flow == 0 && quote == 0 && !atStart && scalarIndent < 0
	}
	return 0, 0, false
}

// expanded returns how many values n stands for once its aliases are
// expanded, as the converter counts them, but at most max+1: the sizes of
// anchored values are remembered, so a "billion laughs" file costs as many
// steps as it has nodes, and is stopped at its first alias that would take
// the count over the limit, before anything is expanded.
func (c *converter) expanded(n ast.Node, max int) int {
	if n == nil {
		return 0
	}
	if s, ok := c.sizes[n]; ok {
		return s
	}
	c.sizes[n] = max + 1 // an alias inside its own anchor expands forever
	s := 1
	add := func(m ast.Node) {
		if s <= max {
			s += c.expanded(m, max)
		}
	}
	switch v := n.(type) {
	case *ast.AnchorNode:
		s = c.expanded(v.Value, max)
	case *ast.TagNode:
		s = c.expanded(v.Value, max)
	case *ast.AliasNode:
		s = max + 1
		if t, ok := c.anchors[v.Value.GetToken().Value]; ok {
			s = c.expanded(t, max)
		}
	case *ast.MappingNode:
		for _, mv := range v.Values {
			add(mv.Value)
		}
	case *ast.MappingValueNode:
		add(v.Value)
	case *ast.SequenceNode:
		for _, e := range v.Values {
			add(e)
		}
	}
	if s > max {
		s = max + 1
	}
	c.sizes[n] = s
	return s
}

// checkSize applies MaxChars and MaxParagraphs to a decoded report: the
// characters of all its text, and its paragraphs, points and table rows
// (each one line or more of the printed document). The position is that
// of the value that went over.
func checkSize(r *model.Report, lim Limits) *diag.Diagnostic {
	chars, paras := 0, 0
	var over *diag.Diagnostic
	count := func(t model.Text, para bool) {
		if over != nil {
			return
		}
		chars += utf8.RuneCountInString(t.Value)
		if para {
			paras++
		}
		switch {
		case chars > lim.MaxChars:
			d := diag.New(t.Pos, "too-many-chars", lim.MaxChars)
			over = &d
		case paras > lim.MaxParagraphs:
			d := diag.New(t.Pos, "too-many-paragraphs", lim.MaxParagraphs)
			over = &d
		}
	}
	for _, t := range []model.Text{r.Agency, r.Issuer, r.Title, r.Recipient, r.Signature} {
		count(t, false)
	}
	for _, t := range r.Intro {
		count(t, true)
	}
	var block func(b *model.Block)
	block = func(b *model.Block) {
		count(b.Heading, b.Heading.Value != "")
		for _, t := range b.Text {
			count(t, true)
		}
		count(b.Lead, false)
		for _, t := range b.Points {
			count(t, true)
		}
		if b.Table != nil {
			count(b.Table.Caption, false)
			for _, t := range b.Table.Columns {
				count(t, false)
			}
			for _, row := range b.Table.Rows {
				at := b.Table.Pos
				if len(row) > 0 {
					at = row[0].Pos
				}
				count(model.Text{Pos: at}, true)
				for _, t := range row {
					count(t, false)
				}
			}
		}
		for _, c := range b.Items {
			block(c)
		}
	}
	for _, b := range r.Sections {
		block(b)
	}
	for _, t := range r.Closing {
		count(t, true)
	}
	for _, t := range r.Attachments {
		count(t, true)
	}
	return over
}
