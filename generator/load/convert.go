package load

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// loc is what the converter remembers about one value: where its key and
// its value stand, and for strings the positioned text.
type loc struct {
	Key  model.Pos
	Val  model.Pos
	Text model.Text
	Kind string // JSON type name: object, array, string, integer, number, boolean, null
}

// converter turns the YAML syntax tree into plain Go values (the form a JSON
// Schema validator takes) while recording positions by JSON pointer.
type converter struct {
	file    string
	lines   []string // source lines, for the columns of literal blocks
	limits  Limits
	index   map[string]*loc
	anchors map[string]ast.Node
	sizes   map[ast.Node]int // expanded sizes of anchored values (see expanded)
	nodes   int
	stop    *diag.Diagnostic
	plain   []plainVal // one-line unquoted strings, for lostComments
}

// plainVal is where an unquoted one-line string value stands.
type plainVal struct {
	ptr       string
	line, col int
}

func (c *converter) pos(n ast.Node) model.Pos {
	t := n.GetToken()
	if t == nil {
		return model.Pos{File: c.file, Line: 1, Col: 1}
	}
	return model.Pos{File: c.file, Line: t.Position.Line, Col: t.Position.Column}
}

func (c *converter) fail(d diag.Diagnostic) {
	if c.stop == nil {
		c.stop = &d
	}
}

// value converts n found at pointer ptr; key is the position of its key.
func (c *converter) value(n ast.Node, ptr string, key model.Pos, depth int) any {
	if c.stop != nil {
		return nil
	}
	c.nodes++
	if c.nodes > c.limits.MaxNodes {
		c.fail(diag.New(c.pos(n), "too-many-nodes", c.limits.MaxNodes))
		return nil
	}
	if depth > c.limits.MaxDepth {
		c.fail(diag.New(c.pos(n), "too-deep", c.limits.MaxDepth))
		return nil
	}
	l := &loc{Key: key, Val: c.pos(n)}
	if key.Line == 0 {
		l.Key = l.Val
	}
	c.index[ptr] = l
	switch v := n.(type) {
	case *ast.AnchorNode:
		c.anchors[v.Name.GetToken().Value] = v.Value
		return c.value(v.Value, ptr, key, depth)
	case *ast.AliasNode:
		name := v.Value.GetToken().Value
		target, ok := c.anchors[name]
		if !ok {
			c.fail(diag.New(c.pos(n), "unknown-alias", name, name))
			return nil
		}
		if room := c.limits.MaxNodes - c.nodes; c.expanded(target, room) > room {
			c.fail(diag.New(c.pos(n), "too-many-nodes", c.limits.MaxNodes))
			return nil
		}
		return c.value(target, ptr, key, depth+1)
	case *ast.TagNode:
		return c.value(v.Value, ptr, key, depth)
	case *ast.MappingNode:
		l.Kind = "object"
		if len(v.Values) > 0 && !v.IsFlowStyle {
			l.Val = c.pos(v.Values[0].Key)
		}
		return c.mapping(v.Values, ptr, depth)
	case *ast.MappingValueNode:
		l.Kind = "object"
		l.Val = c.pos(v.Key)
		return c.mapping([]*ast.MappingValueNode{v}, ptr, depth)
	case *ast.SequenceNode:
		l.Kind = "array"
		out := make([]any, 0, len(v.Values))
		for i, e := range v.Values {
			out = append(out, c.value(e, ptr+"/"+strconv.Itoa(i), model.Pos{}, depth+1))
		}
		return out
	case *ast.NullNode:
		l.Kind = "null"
		return nil
	case *ast.BoolNode:
		l.Kind = "boolean"
		return v.Value
	case *ast.IntegerNode:
		l.Kind = "integer"
		if strings.HasSuffix(ptr, "/numbering") {
			return c.text(l, v.GetToken().Value, n)
		}
		return json.Number(fmt.Sprint(v.Value))
	case *ast.FloatNode:
		l.Kind = "number"
		if strings.HasSuffix(ptr, "/numbering") {
			// An unquoted 1. is read as a number; the contract accepts it.
			return c.text(l, v.GetToken().Value, n)
		}
		return json.Number(strconv.FormatFloat(v.Value, 'f', -1, 64))
	case *ast.InfinityNode, *ast.NanNode:
		l.Kind = "number"
		return json.Number("1e999")
	case *ast.StringNode:
		out := c.text(l, v.Value, n)
		if l.Text.Pos == l.Val && len(l.Text.Lines) == 0 {
			c.plain = append(c.plain, plainVal{ptr: ptr, line: l.Val.Line, col: l.Val.Col})
		}
		return out
	case *ast.LiteralNode:
		return c.literal(l, v)
	}
	// Anything else (comments, directives) is treated as text.
	return c.text(l, n.GetToken().Value, n)
}

func (c *converter) mapping(pairs []*ast.MappingValueNode, ptr string, depth int) map[string]any {
	out := make(map[string]any, len(pairs))
	for _, mv := range pairs {
		kp := c.pos(mv.Key)
		var k string
		switch kn := mv.Key.(type) {
		case *ast.StringNode:
			k = kn.Value
		case *ast.MappingKeyNode:
			k = kn.Value.GetToken().Value
		default:
			k = mv.Key.GetToken().Value
		}
		out[k] = c.value(mv.Value, ptr+"/"+escapePtr(k), kp, depth+1)
	}
	return out
}

// text records a single-line scalar (plain or quoted).
func (c *converter) text(l *loc, s string, n ast.Node) string {
	l.Kind = "string"
	p := l.Val
	if t := n.GetToken(); t != nil && p.Line > 0 && p.Line <= len(c.lines) {
		// The token position of a quoted scalar is its opening quote.
		line := c.lines[p.Line-1]
		if r := []rune(line); p.Col-1 < len(r) && p.Col >= 1 && (r[p.Col-1] == '"' || r[p.Col-1] == '\'') {
			p.Col++
		}
	}
	l.Text = model.Text{Value: s, Pos: p}
	if strings.Contains(s, "\n") {
		l.Text = c.spread(s, p.Line, p.Col, 0)
	}
	return s
}

// literal records a block scalar (| or >): its content starts on the line
// after the indicator, at the block's indentation.
func (c *converter) literal(l *loc, v *ast.LiteralNode) string {
	l.Kind = "string"
	s := v.Value.Value
	first := l.Val.Line + 1
	indent := 0
	for i := first; i <= len(c.lines); i++ {
		line := c.lines[i-1]
		if strings.TrimSpace(line) == "" {
			continue
		}
		indent = len(line) - len(strings.TrimLeft(line, " "))
		break
	}
	l.Text = c.spread(s, first, indent+1, 0)
	return s
}

// spread positions a multi-line value whose first line starts at line:col
// and whose further lines start at column col on the following lines.
func (c *converter) spread(s string, line, col, _ int) model.Text {
	t := model.Text{Value: s, Pos: model.Pos{File: c.file, Line: line, Col: col}}
	off := 0
	for i, part := range strings.Split(s, "\n") {
		t.Lines = append(t.Lines, model.Pos{File: c.file, Line: line + i, Col: col})
		t.LineOffs = append(t.LineOffs, off)
		off += len(part) + 1
	}
	return t
}

func escapePtr(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}
