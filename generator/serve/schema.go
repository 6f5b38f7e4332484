package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// snode is one schema of schema/report.schema.json with its properties in
// the order the file lists them: the YAML the form writes follows that
// order, so a saved file reads like the examples.
type snode struct {
	Type  []string          // "string", "integer", "boolean", "array", "object", …
	Props []string          // property names, in file order
	Prop  map[string]*snode // property schemas
	Items *snode            // array items
	Ref   string            // "#/$defs/NAME"
	Enum  []any
	raw   map[string]any // the schema as decoded, for the form
}

// schemaInfo is the parsed data-format schema.
type schemaInfo struct {
	defs map[string]*snode
}

// parseSchema reads the JSON Schema, keeping property order.
func parseSchema(data []byte) (*schemaInfo, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := orderedValue(dec)
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	root, ok := v.(*omap)
	if !ok {
		return nil, fmt.Errorf("schema: not an object")
	}
	info := &schemaInfo{defs: map[string]*snode{}}
	if d, ok := root.get("$defs").(*omap); ok {
		for _, k := range d.keys {
			info.defs[k] = toNode(d.vals[k])
		}
	}
	if info.defs["report"] == nil || info.defs["block"] == nil {
		return nil, fmt.Errorf("schema: $defs.report or $defs.block missing")
	}
	return info, nil
}

// resolve follows a $ref.
func (s *schemaInfo) resolve(n *snode) *snode {
	for i := 0; n != nil && n.Ref != "" && i < 8; i++ {
		name := strings.TrimPrefix(n.Ref, "#/$defs/")
		d := s.defs[name]
		if d == nil {
			return n
		}
		// Keep the referring schema's own keywords (title, description)
		// but take the type and properties of the target.
		n = d
	}
	return n
}

// prop is the schema of property key of object schema n (nil if unknown).
func (s *schemaInfo) prop(n *snode, key string) *snode {
	n = s.resolve(n)
	if n == nil || n.Prop == nil {
		return nil
	}
	return s.resolve(n.Prop[key])
}

// items is the schema of the elements of array schema n.
func (s *schemaInfo) items(n *snode) *snode {
	n = s.resolve(n)
	if n == nil {
		return nil
	}
	return s.resolve(n.Items)
}

// is tells whether schema n allows type t (and no other, for scalars).
func (n *snode) is(t string) bool {
	return n != nil && len(n.Type) == 1 && n.Type[0] == t
}

func toNode(v any) *snode {
	m, ok := v.(*omap)
	if !ok {
		return nil
	}
	n := &snode{raw: m.plain().(map[string]any)}
	switch t := m.get("type").(type) {
	case string:
		n.Type = []string{t}
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				n.Type = append(n.Type, s)
			}
		}
	}
	if r, ok := m.get("$ref").(string); ok {
		n.Ref = r
	}
	if e, ok := m.get("enum").([]any); ok {
		n.Enum = e
	}
	if p, ok := m.get("properties").(*omap); ok {
		n.Prop = map[string]*snode{}
		for _, k := range p.keys {
			n.Props = append(n.Props, k)
			n.Prop[k] = toNode(p.vals[k])
		}
	}
	n.Items = toNode(m.get("items"))
	return n
}

// omap is a JSON object with its key order.
type omap struct {
	keys []string
	vals map[string]any
}

func (m *omap) get(k string) any { return m.vals[k] }

// plain turns ordered values back into maps and slices.
func (m *omap) plain() any {
	out := map[string]any{}
	for k, v := range m.vals {
		out[k] = plainValue(v)
	}
	return out
}

func plainValue(v any) any {
	switch t := v.(type) {
	case *omap:
		return t.plain()
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = plainValue(x)
		}
		return out
	}
	return v
}

func orderedValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			m := &omap{vals: map[string]any{}}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := orderedValue(dec)
				if err != nil {
					return nil, err
				}
				if _, dup := m.vals[k]; !dup {
					m.keys = append(m.keys, k)
				}
				m.vals[k] = v
			}
			_, err := dec.Token()
			return m, err
		case '[':
			var a []any
			for dec.More() {
				v, err := orderedValue(dec)
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			_, err := dec.Token()
			if a == nil {
				a = []any{}
			}
			return a, err
		}
	}
	return tok, nil
}
