package serve

import (
	"fmt"
	"strings"
)

// textareaKeys are the string properties that hold paragraphs: the form
// gives them a multi-line box.
var textareaKeys = map[string]bool{"intro": true, "text": true, "closing": true, "lead": true}

// formSchema derives the schema the page's form is built from: one report
// ($defs.report) with the Chinese titles and descriptions of the data-format
// schema, arranged for @json-editor/json-editor:
//
//   - $defs become definitions (the library's draft-7 vocabulary);
//   - numbers and booleans are edited as text, so that a clerk who types
//     "2023年" into the year gets the loader's own message at the field
//     instead of a box that silently refuses the key;
//   - choices get a first entry "（默认）" meaning "leave the key out";
//   - validation keywords are dropped: the form never judges, the loader
//     does (the same messages as the CLI).
func (s *schemaInfo) formSchema() map[string]any {
	root := s.form(s.defs["report"], "")
	defs := map[string]any{}
	for name, d := range s.defs {
		if d != nil && d.Prop != nil {
			defs[name] = s.form(d, "")
		}
	}
	root["definitions"] = defs
	root["title"] = "报告"
	return root
}

func (s *schemaInfo) form(n *snode, key string) map[string]any {
	if n == nil {
		return map[string]any{"type": "string"}
	}
	out := map[string]any{}
	for _, k := range []string{"title", "description"} {
		if v, ok := n.raw[k]; ok {
			out[k] = v
		}
	}
	if n.Ref != "" {
		name := strings.TrimPrefix(n.Ref, "#/$defs/")
		d := s.defs[name]
		if d != nil && d.Prop != nil {
			// Objects (the recursive block) stay references.
			out["$ref"] = "#/definitions/" + name
			return out
		}
		// Scalars (numbering) are inlined, keeping the referrer's title.
		inl := s.form(d, key)
		for k, v := range out {
			inl[k] = v
		}
		return inl
	}
	switch {
	case len(n.Enum) > 0:
		enum := []any{""}
		titles := []any{"（默认）"}
		for _, e := range n.Enum {
			enum = append(enum, fmt.Sprint(e))
			titles = append(titles, fmt.Sprint(e))
		}
		out["type"] = "string"
		out["enum"] = enum
		out["options"] = map[string]any{"enum_titles": titles}
	case n.is("integer") || n.is("number"):
		out["type"] = "string"
		out["options"] = map[string]any{"inputAttributes": map[string]any{"inputmode": "numeric"}}
	case n.is("boolean"):
		out["type"] = "string"
		out["enum"] = []any{"", "true", "false"}
		out["options"] = map[string]any{"enum_titles": []any{"（默认）", "是", "否"}}
	case n.is("array"):
		out["type"] = "array"
		it := s.form(n.Items, "")
		if key == "points" {
			it["format"] = "textarea" // a point is a sentence or two
		}
		if s.resolve(n.Items) != nil && s.resolve(n.Items).Prop != nil {
			it["headerTemplate"] = "{{i1}}. {{self.heading}}"
		}
		out["items"] = it
	case n.is("object") || n.Prop != nil:
		// Unknown keys stay (shown, and named by the loader's message)
		// rather than being dropped on save.
		out["type"] = "object"
		props := map[string]any{}
		for i, k := range n.Props {
			p := s.form(n.Prop[k], k)
			p["propertyOrder"] = i + 1
			props[k] = p
		}
		out["properties"] = props
		if key == "table" {
			// A table is rare: folded until asked for.
			out["options"] = map[string]any{"collapsed": true}
		}
	default:
		out["type"] = "string"
		if textareaKeys[key] {
			out["format"] = "textarea"
		}
		if f, _ := n.raw["format"].(string); f == "date" {
			out["options"] = map[string]any{"inputAttributes": map[string]any{"placeholder": "2024-01-10"}}
		}
	}
	return out
}
