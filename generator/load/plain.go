package load

import (
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// PlainText reports whether s, written unquoted after a key ("key: s"),
// is read back by the loader's parser as the string s. Which unquoted
// values are numbers, booleans or null ("+-23" is an integer, "1e3" is
// not) is the parser's business, so the writers of data files (gen import,
// gen serve) ask it instead of keeping lists of patterns that drift from
// it; a value that starts with an indicator, holds ": " or " #", or has
// spaces at its ends does not read back either.
func PlainText(s string) bool {
	f, err := parser.ParseBytes([]byte("k: "+s+"\n"), 0)
	if err != nil || len(f.Docs) != 1 {
		return false
	}
	var m *ast.MappingValueNode
	switch b := f.Docs[0].Body.(type) {
	case *ast.MappingValueNode:
		m = b
	case *ast.MappingNode:
		if len(b.Values) != 1 {
			return false
		}
		m = b.Values[0]
	default:
		return false
	}
	v, ok := m.Value.(*ast.StringNode)
	return ok && v.Value == s
}
