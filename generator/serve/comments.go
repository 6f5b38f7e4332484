package serve

import (
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// comments are the hand-written comments of a data file, tied to the field
// they stand above (head) or beside (trail), by form path. When the form
// saves the file they are written again at their fields; the comments of
// a field that was removed go with it.
type comments struct {
	head  map[string][]string
	trail map[string]string
	foot  map[string][]string // below the field's value
}

// readComments collects the comments of src; nil when it does not parse.
// The block at the very top is left to header (it keeps its blank lines).
func readComments(src []byte) *comments {
	f, err := parser.ParseBytes(src, parser.ParseComments)
	if err != nil || len(f.Docs) == 0 || f.Docs[0] == nil {
		return nil
	}
	c := &comments{head: map[string][]string{}, trail: map[string]string{}, foot: map[string][]string{}}
	c.walk(f.Docs[0].Body, "root")
	top := strings.Fields(strings.ReplaceAll(string(header(src)), "\n", " "))
	for p, lines := range c.head {
		if strings.Join(strings.Fields(strings.Join(lines, " ")), " ") == strings.Join(top, " ") && len(top) > 0 {
			delete(c.head, p)
		}
	}
	return c
}

func commentLines(g *ast.CommentGroupNode) []string {
	if g == nil {
		return nil
	}
	var out []string
	for _, l := range strings.Split(g.String(), "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func (c *comments) walk(n ast.Node, path string) {
	switch t := n.(type) {
	case *ast.MappingNode:
		for _, v := range t.Values {
			c.walk(v, path)
		}
		c.foot[path] = append(c.foot[path], commentLines(t.FootComment)...)
	case *ast.MappingValueNode:
		key := t.Key.GetToken().Value
		p := path + "." + key
		if l := commentLines(t.GetComment()); len(l) > 0 {
			c.head[p] = append(c.head[p], l...)
		}
		vc := commentLines(t.Value.GetComment())
		switch t.Value.(type) {
		case *ast.SequenceNode:
			if len(vc) > 0 {
				c.head[p+".0"] = append(c.head[p+".0"], vc...)
			}
		case *ast.MappingNode:
			if len(vc) > 0 {
				c.head[p] = append(c.head[p], vc...)
			}
		default:
			if len(vc) == 1 {
				c.trail[p] = vc[0]
			}
		}
		c.walk(t.Value, p)
		c.foot[p] = append(c.foot[p], commentLines(t.FootComment)...)
	case *ast.SequenceNode:
		c.foot[path] = append(c.foot[path], commentLines(t.FootComment)...)
		for i, v := range t.Values {
			p := path + "." + strconv.Itoa(i)
			if i < len(t.ValueHeadComments) {
				if l := commentLines(t.ValueHeadComments[i]); len(l) > 0 {
					c.head[p] = append(c.head[p], l...)
				}
			}
			switch v.(type) {
			case *ast.MappingNode, *ast.SequenceNode:
			default:
				if l := commentLines(v.GetComment()); len(l) == 1 {
					c.trail[p] = l[0]
				}
			}
			c.walk(v, p)
		}
	}
}
