package load

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/agnivade/levenshtein"
	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/schema"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// The schema definitions a file is checked against, chosen by its top key.
const (
	defReport      = "#/$defs/report"
	defReports     = "#/$defs/reportsFile"
	defCompilation = "#/$defs/compilationFile"
)

var (
	schemaOnce sync.Once
	schemas    map[string]*jsonschema.Schema
	schemaErr  error
)

// Prepare compiles the embedded schema now (once per process), so that the
// first file loaded does not wait for it. A command that will load data
// files calls it in a goroutine at its start, while it reads its
// configuration and templates on the other core.
func Prepare() {
	_, _ = compiled(defReport)
}

func compiled(def string) (*jsonschema.Schema, error) {
	schemaOnce.Do(func() {
		schemas, schemaErr = compileSchemas()
	})
	return schemas[def], schemaErr
}

// compileSchemas compiles the embedded schema and its three file
// definitions.
func compileSchemas() (map[string]*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.ReportJSON))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(schema.URL, doc); err != nil {
		return nil, err
	}
	out := map[string]*jsonschema.Schema{}
	for _, d := range []string{"", defReport, defReports, defCompilation} {
		s, err := c.Compile(schema.URL + d)
		if err != nil {
			return nil, err
		}
		out[d] = s
	}
	return out, nil
}

// Keys lists the keys the contract allows for each kind of object; a test
// checks them against the schema.
var Keys = map[string][]string{
	"report":      {"agency", "issuer", "year", "plan_year", "kind", "title", "recipient", "intro", "numbering", "sections", "closing", "signature", "date", "attachments", "doc_number", "signer", "copy_to", "printed_by", "printed_date"},
	"reportsFile": {"reports"},
	"compilation": {"title", "include", "order", "issuer", "date"},
	"block":       {"heading", "text", "lead", "points", "points_style", "table", "items", "numbering", "runin"},
	"table":       {"caption", "columns", "rows"},
}

// objectKind names the kind of object found at a JSON pointer.
func objectKind(ptr []string) string {
	if len(ptr) == 0 {
		return "report"
	}
	last := ptr[len(ptr)-1]
	switch {
	case len(ptr) == 1 && ptr[0] == "compilation":
		return "compilation"
	case last == "table":
		return "table"
	case len(ptr) >= 2 && (ptr[len(ptr)-2] == "sections" || ptr[len(ptr)-2] == "items"):
		return "block"
	case len(ptr) == 2 && ptr[0] == "reports":
		return "report"
	}
	return ""
}

// hints say what a required key or a value of a field should look like.
var hints = map[string]string{
	"agency":    "请写上机关简称，如 agency: 民政局",
	"year":      "请写上总结的年度，如 year: 2023",
	"plan_year": "如 plan_year: 2024",
	"reports":   "请列出各篇报告",
	"title":     "请写上标题",
	"include":   "请列出要收录的文件，如 include: [\"2023/*.yaml\"]",
	"columns":   "请写上表头各列，如 columns: [任务, 完成情况]",
	"rows":      "请写上表格各行，如 rows: [[……, ……]]",
}

var enHints = map[string]string{
	"agency":    "write the agency's short name, e.g. agency: 民政局",
	"year":      "write the year summarised, e.g. year: 2023",
	"plan_year": "e.g. plan_year: 2024",
	"reports":   "list the reports",
	"title":     "write the title",
	"include":   "list the files to include, e.g. include: [\"2023/*.yaml\"]",
	"columns":   "write the column names, e.g. columns: [任务, 完成情况]",
	"rows":      "write the rows, e.g. rows: [[……, ……]]",
}

var typeNames = map[string][2]string{
	"object":  {"键值对（如 key: 值）", "a mapping (key: value)"},
	"array":   {"列表（每项以 - 开头，或写成 [a, b]）", "a list (items starting with -, or [a, b])"},
	"string":  {"文字", "text"},
	"integer": {"整数", "a whole number"},
	"number":  {"数字", "a number"},
	"boolean": {"true 或 false", "true or false"},
	"null":    {"空值", "empty"},
}

func typeName(t, lang string) string {
	if n, ok := typeNames[t]; ok {
		if lang == "en" {
			return n[1]
		}
		return n[0]
	}
	return t
}

// validate checks the converted document against the schema and turns every
// violation into a positioned message.
func validate(file string, doc any, idx map[string]*loc) diag.List {
	def := defReport
	if m, ok := doc.(map[string]any); ok {
		if _, ok := m["compilation"]; ok {
			def = defCompilation
		} else if _, ok := m["reports"]; ok {
			def = defReports
		}
	}
	sch, err := compiled(def)
	if err != nil {
		panic("embedded schema does not compile: " + err.Error())
	}
	err = sch.Validate(doc)
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return diag.List{diag.New(model.Pos{File: file, Line: 1, Col: 1}, "schema", "", err.Error())}
	}
	var out diag.List
	seen := map[string]bool{}
	suggested := map[string]bool{}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		for _, d := range translate(file, e, idx, suggested) {
			key := d.Pos.String() + d.ZH
			if !seen[key] {
				seen[key] = true
				out = append(out, d)
			}
		}
	}
	walk(ve)
	// A mistyped required key yields "unknown key, did you mean X" and
	// "missing X"; the first says it all.
	var kept diag.List
	for _, d := range out {
		if d.Code == "required" && suggested[d.Pos.String()+"|"+missingKey(d)] {
			continue
		}
		kept = append(kept, d)
	}
	out = kept
	out.Sort()
	return out
}

// translate turns one violation into messages; for an unknown key with a
// suggestion it notes "object position|suggested key" in suggested.
func translate(file string, e *jsonschema.ValidationError, idx map[string]*loc, suggested map[string]bool) []diag.Diagnostic {
	ptr := "/" + strings.Join(escapeAll(e.InstanceLocation), "/")
	if len(e.InstanceLocation) == 0 {
		ptr = ""
	}
	l := idx[ptr]
	if l == nil {
		l = &loc{Key: model.Pos{File: file, Line: 1, Col: 1}, Val: model.Pos{File: file, Line: 1, Col: 1}}
	}
	name := fieldName(e.InstanceLocation)
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		// One message per unknown key, at the key.
		props := append([]string(nil), k.Properties...)
		sort.Strings(props)
		allowed := Keys[objectKind(e.InstanceLocation)]
		var out []diag.Diagnostic
		for _, prop := range props {
			p := l.Key
			if pl := idx[ptr+"/"+escapePtr(prop)]; pl != nil {
				p = pl.Key
			}
			if s := suggest(prop, allowed); s != "" {
				suggested[l.Val.String()+"|"+s] = true
				out = append(out, diag.New(p, "unknown-key-suggest", prop, s))
			} else {
				out = append(out, diag.New(p, "unknown-key", prop, strings.Join(allowed, ", ")))
			}
		}
		return out
	case *kind.Required:
		m := k.Missing[0]
		d := diag.New(l.Val, "required", m, hints[m])
		d.EN = fmt.Sprintf("missing required key \"%s\": %s", m, enHints[m])
		return []diag.Diagnostic{d}
	case *kind.Type:
		got := k.Got
		if l.Kind != "" {
			got = l.Kind
		}
		shown := ""
		if got == "string" {
			shown = fmt.Sprintf(" \"%s\"", clip(l.Text.Value))
		}
		d := diag.New(l.Val, "type", name, typeName(k.Want[0], "zh"), typeName(got, "zh"), shown)
		d.EN = fmt.Sprintf("\"%s\" must be %s, not %s%s", name, typeName(k.Want[0], "en"), typeName(got, "en"), shown)
		if h, ok := hints[name]; ok && (k.Want[0] == "integer" || k.Want[0] == "number") {
			d.ZH += "：" + h
			d.EN += ": " + enHints[name]
		}
		return []diag.Diagnostic{d}
	case *kind.Minimum:
		return []diag.Diagnostic{diag.New(l.Val, "minimum", name, k.Got.RatString(), k.Want.RatString(), rangeHint(name))}
	case *kind.Maximum:
		return []diag.Diagnostic{diag.New(l.Val, "maximum", name, k.Got.RatString(), k.Want.RatString(), rangeHint(name))}
	case *kind.Enum:
		var want []string
		for _, w := range k.Want {
			want = append(want, fmt.Sprintf("\"%v\"", w))
		}
		return []diag.Diagnostic{diag.New(l.Val, "enum", name, fmt.Sprintf("\"%v\"", k.Got), strings.Join(want, "、"))}
	case *kind.MinLength:
		return []diag.Diagnostic{diag.New(l.Val, "min-length", name)}
	case *kind.MaxLength:
		return []diag.Diagnostic{diag.New(l.Val, "max-length", name, k.Got, k.Want)}
	case *kind.MinItems:
		return []diag.Diagnostic{diag.New(l.Val, "min-items", name, k.Want)}
	case *kind.Format:
		return []diag.Diagnostic{diag.New(l.Val, "bad-date", fmt.Sprint(k.Got))}
	case *kind.Reference, *kind.Schema, *kind.Group, *kind.AnyOf, *kind.OneOf, *kind.AllOf:
		return nil
	}
	return []diag.Diagnostic{diag.New(l.Val, "schema", name, e.Error())}
}

func rangeHint(name string) string {
	switch name {
	case "year", "plan_year":
		return "（年度应在 1949–2100 之间，如 2023）"
	}
	return ""
}

// fieldName is the last key of a pointer, or the list with its index.
func fieldName(ptr []string) string {
	for i := len(ptr) - 1; i >= 0; i-- {
		if !isIndex(ptr[i]) {
			if i == len(ptr)-1 {
				return ptr[i]
			}
			return ptr[i] + "[" + strings.Join(ptr[i+1:], "][") + "]"
		}
	}
	return "（顶层）"
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func escapeAll(p []string) []string {
	out := make([]string, len(p))
	for i, s := range p {
		out[i] = escapePtr(s)
	}
	return out
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 20 {
		return string(r[:20]) + "…"
	}
	return s
}

// suggest returns the allowed key closest to a mistyped one, if close enough.
func suggest(got string, allowed []string) string {
	best, bestD := "", 1<<30
	sorted := append([]string(nil), allowed...)
	sort.Strings(sorted)
	for _, a := range sorted {
		d := levenshtein.ComputeDistance(strings.ToLower(got), a)
		if d < bestD {
			best, bestD = a, d
		}
	}
	limit := 2
	if len(got) > 8 {
		limit = 3
	}
	if bestD <= limit || (len(got) >= 3 && strings.HasPrefix(best, strings.ToLower(got))) {
		return best
	}
	return ""
}

// missingKey extracts the key named by a "required" diagnostic.
func missingKey(d diag.Diagnostic) string {
	if i := strings.Index(d.EN, "\""); i >= 0 {
		if j := strings.Index(d.EN[i+1:], "\""); j >= 0 {
			return d.EN[i+1 : i+1+j]
		}
	}
	return ""
}
