package load

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/schema"
	"github.com/kaptinlin/jsonschema"
)

// The schema definitions a file is checked against, chosen by its top key.
const (
	defReport      = "#/$defs/report"
	defReports     = "#/$defs/reportsFile"
	defCompilation = "#/$defs/compilationFile"
)

// The validator is github.com/kaptinlin/jsonschema: its package init costs
// about 0.05 ms, where santhosh-tekuri/jsonschema compiled five drafts'
// metaschemas in init (8 ms before main in every gen process). It reports
// which keyword failed at which instance location; what a message needs
// beyond that (the bound, the allowed values, the missing key) is read from
// our own schema at that location and from the document's value, never
// from the library's English strings.
var (
	schemaOnce sync.Once
	schemas    map[string]*jsonschema.Schema
	schemaErr  error

	treeOnce   sync.Once
	schemaTree map[string]any // schema.ReportJSON decoded, for the messages (see tree)
)

// Prepare compiles the embedded schema now (once per process), so that the
// first file loaded does not wait for it. A command that will load data
// files calls it in a goroutine at its start, while it reads its
// configuration and templates on the other core.
func Prepare() {
	_, _ = compiled(defReport)
}

func compiled(def string) (*jsonschema.Schema, error) {
	schemaOnce.Do(func() { schemas, schemaErr = compileSchemas() })
	return schemas[def], schemaErr
}

// tree returns the embedded schema decoded, which the messages read their
// bounds, allowed values and keys from. It is decoded on first use: a
// valid file never needs it (0.6 ms a process, on gen check's critical
// path while the schema compiled).
func tree() map[string]any {
	treeOnce.Do(func() {
		dec := json.NewDecoder(bytes.NewReader(schema.ReportJSON))
		dec.UseNumber()
		if err := dec.Decode(&schemaTree); err != nil {
			panic("embedded schema is no JSON: " + err.Error())
		}
	})
	return schemaTree
}

// compileSchemas compiles the embedded schema and its three file
// definitions.
func compileSchemas() (map[string]*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.SetAssertFormat(true)
	if _, err := c.Compile(schema.ReportJSON); err != nil {
		return nil, err
	}
	out := map[string]*jsonschema.Schema{}
	for _, d := range []string{"", defReport, defReports, defCompilation} {
		s, err := c.Schema(schema.URL + d)
		if err != nil {
			return nil, err
		}
		if s == nil {
			return nil, fmt.Errorf("%s%s not found", schema.URL, d)
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

// typeOrder is the order in which a "type" list is named: a value that may
// be text or a number is said to need a number.
var typeOrder = []string{"null", "boolean", "number", "integer", "string", "array", "object"}

func typeName(t, lang string) string {
	if n, ok := typeNames[t]; ok {
		if lang == "en" {
			return n[1]
		}
		return n[0]
	}
	return t
}

// violation is one failed keyword at one place of the document.
type violation struct {
	path []string // instance location, unescaped
	kw   string   // the schema keyword that failed
	msg  string   // the library's own text, for a keyword we do not translate
}

// violations lists the failed keywords of a result tree with their instance
// locations. Each level of the tree adds at most one segment ("/name" or
// "/index", unescaped); a $ref adds none.
func violations(r *jsonschema.EvaluationResult, path []string, out []violation) []violation {
	if r.InstanceLocation != "" {
		path = append(path[:len(path):len(path)], strings.TrimPrefix(r.InstanceLocation, "/"))
	}
	for kw, e := range r.Errors {
		out = append(out, violation{path: path, kw: kw, msg: e.Error()})
	}
	for _, d := range r.Details {
		out = append(out, violations(d, path, nil)...)
	}
	return out
}

// The validator formats every string it meets with %#v (a key for its
// cycle check): a report's paragraphs, quoted rune by rune (a binary search
// of the printable ranges for each Chinese character), took 40 % of
// validating it. No keyword of our schema tells a string apart from as
// many ASCII letters when it is longer than every enum value and a date
// (10 characters): both pass type and fail enum and format alike, and
// minLength and maxLength see the same length; past the largest bound any
// length fails the same maxLength and passes the same minLength. So the
// validator is given the document with each such string replaced by x's
// (shorten); the messages read the original document.

// stringBounds are what shorten needs of the schema: strings of up to
// keep characters are given as they are, longer ones as min(length, cap)
// x's.
type stringBounds struct{ keep, cap int }

// schemaStrings are our schema's string bounds: its longest enum value is
// "summary_plan" (12 characters), its largest maxLength 200.
// TestShortenKeepsVerdicts checks them against boundsOf the schema, which
// would cost every process a decoding of it.
var schemaStrings = stringBounds{keep: 12, cap: 201}

// boundsOf finds the longest enum string of a schema tree (at least 10, a
// date's length) and one more than its largest maxLength or minLength.
func boundsOf(tree any) stringBounds {
	b := stringBounds{keep: 10}
	var walk func(v any, inEnum bool)
	walk = func(v any, inEnum bool) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				if k == "maxLength" || k == "minLength" {
					if num, ok := c.(json.Number); ok {
						if i, err := num.Int64(); err == nil {
							b.cap = max(b.cap, int(i)+1)
						}
					}
				}
				walk(c, k == "enum" || k == "const")
			}
		case []any:
			for _, c := range x {
				walk(c, inEnum)
			}
		case string:
			if inEnum {
				b.keep = max(b.keep, utf8.RuneCountInString(x))
			}
		}
	}
	walk(tree, false)
	b.cap = max(b.cap, b.keep+1)
	return b
}

// shorten returns doc with every string of more than b.keep characters
// replaced by min(its length, b.cap) x's, copying only the maps and lists
// that hold one, and whether it replaced anything.
func shorten(doc any, b stringBounds) (any, bool) {
	switch x := doc.(type) {
	case string:
		if len(x) > b.keep {
			if n := utf8.RuneCountInString(x); n > b.keep {
				return xs(min(n, b.cap)), true
			}
		}
	case map[string]any:
		var out map[string]any
		for k, c := range x {
			if s, ok := shorten(c, b); ok {
				if out == nil {
					out = maps.Clone(x)
				}
				out[k] = s
			}
		}
		if out != nil {
			return out, true
		}
	case []any:
		var out []any
		for i, c := range x {
			if s, ok := shorten(c, b); ok {
				if out == nil {
					out = slices.Clone(x)
				}
				out[i] = s
			}
		}
		if out != nil {
			return out, true
		}
	}
	return doc, false
}

// xsRun is schemaStrings.cap x's.
var xsRun = strings.Repeat("x", schemaStrings.cap)

// xs returns n x's (n ≤ schemaStrings.cap), from one string kept for all.
func xs(n int) string { return xsRun[:n] }

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
	short, _ := shorten(doc, schemaStrings)
	res := sch.Validate(short)
	if res.IsValid() {
		return nil
	}
	vs := violations(res, nil, nil)
	// The library also checks an absent required key as a null value: a
	// place the document does not have is not reported, the missing key is.
	// A value of the wrong type gets that one message, not also its range.
	typed := map[string]bool{}
	kept := vs[:0]
	for _, v := range vs {
		if _, ok := idx[pointer(v.path)]; !ok {
			continue
		}
		if v.kw == "type" {
			typed[pointer(v.path)] = true
		}
		kept = append(kept, v)
	}
	var out diag.List
	seen := map[string]bool{}
	suggested := map[string]bool{}
	for _, v := range kept {
		if v.kw != "type" && typed[pointer(v.path)] {
			continue
		}
		for _, d := range translate(file, def, v, doc, idx, suggested) {
			if key := d.Pos.String() + d.ZH; !seen[key] {
				seen[key] = true
				out = append(out, d)
			}
		}
	}
	// A mistyped required key yields "unknown key, did you mean X" and
	// "missing X"; the first says it all. At one place the missing key
	// comes first: it is put ahead, and the stable sort by position keeps
	// it there.
	var required, other diag.List
	for _, d := range out {
		switch {
		case d.Code != "required":
			other = append(other, d)
		case !suggested[d.Pos.String()+"|"+missingKey(d)]:
			required = append(required, d)
		}
	}
	final := append(required, other...)
	final.Sort()
	return final
}

// pointer is the JSON pointer of an unescaped path, as the converter's
// position index keys it.
func pointer(path []string) string {
	if len(path) == 0 {
		return ""
	}
	return "/" + strings.Join(escapeAll(path), "/")
}

// valueAt is the document's value at path.
func valueAt(doc any, path []string) any {
	v := doc
	for _, seg := range path {
		switch c := v.(type) {
		case map[string]any:
			v = c[seg]
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			v = c[i]
		default:
			return nil
		}
	}
	return v
}

// schemaAt is the subschema of our schema that applies at path below the
// definition def, with $ref followed: "properties" for a key of an object,
// "items" for an element of a list. Nil where the schema says nothing.
func schemaAt(def string, doc any, path []string) map[string]any {
	node := resolve(def)
	v := doc
	for _, seg := range path {
		node = follow(node)
		if node == nil {
			return nil
		}
		switch c := v.(type) {
		case map[string]any:
			props, _ := node["properties"].(map[string]any)
			node, _ = props[seg].(map[string]any)
			v = c[seg]
		case []any:
			node, _ = node["items"].(map[string]any)
			v = valueAt(c, []string{seg})
		default:
			return nil
		}
	}
	return follow(node)
}

// follow resolves the node's $ref, if it has one, within our schema.
func follow(node map[string]any) map[string]any {
	for i := 0; node != nil && i < 8; i++ {
		ref, ok := node["$ref"].(string)
		if !ok {
			return node
		}
		node = resolve(ref)
	}
	return node
}

// resolve finds a "#/a/b" reference in our schema.
func resolve(ref string) map[string]any {
	var v any = tree()
	rest := strings.TrimPrefix(ref, "#")
	if rest == "" {
		return tree()
	}
	for _, seg := range strings.Split(strings.TrimPrefix(rest, "/"), "/") {
		seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[seg]
	}
	m, _ := v.(map[string]any)
	return m
}

// jsonType names the JSON type of a converted value.
func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if r, ok := new(big.Rat).SetString(string(x)); ok && r.IsInt() {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// ratString prints a number of the document or the schema exactly.
func ratString(v any) string {
	if r, ok := new(big.Rat).SetString(fmt.Sprint(v)); ok {
		return r.RatString()
	}
	return fmt.Sprint(v)
}

// intOf reads an integer bound of the schema.
func intOf(v any) int {
	n, _ := v.(json.Number)
	i, _ := strconv.Atoi(string(n))
	return i
}

// translate turns one violation into messages; for an unknown key with a
// suggestion it notes "object position|suggested key" in suggested.
func translate(file, def string, v violation, doc any, idx map[string]*loc, suggested map[string]bool) []diag.Diagnostic {
	ptr := pointer(v.path)
	l := idx[ptr]
	if l == nil {
		l = &loc{Key: model.Pos{File: file, Line: 1, Col: 1}, Val: model.Pos{File: file, Line: 1, Col: 1}}
	}
	name := fieldName(v.path)
	node := schemaAt(def, doc, v.path)
	val := valueAt(doc, v.path)
	fallback := []diag.Diagnostic{diag.New(l.Val, "schema", name, v.msg)}
	switch v.kw {
	case "properties", "items", "prefixItems", "$ref", "anyOf", "oneOf", "allOf", "schema":
		// Groups whose violations are reported where they happen; "schema"
		// is a key's value against additionalProperties: false, reported
		// as the object's unknown key.
		return nil
	}
	if node == nil {
		return fallback
	}
	switch v.kw {
	case "additionalProperties":
		// One message per unknown key, at the key.
		obj, _ := val.(map[string]any)
		props, _ := node["properties"].(map[string]any)
		var unknown []string
		for k := range obj {
			if _, ok := props[k]; !ok {
				unknown = append(unknown, k)
			}
		}
		sort.Strings(unknown)
		allowed := Keys[objectKind(v.path)]
		var out []diag.Diagnostic
		for _, prop := range unknown {
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
	case "required":
		obj, _ := val.(map[string]any)
		req, _ := node["required"].([]any)
		for _, r := range req {
			m, _ := r.(string)
			if _, ok := obj[m]; ok {
				continue
			}
			d := diag.New(l.Val, "required", m, hints[m])
			d.EN = fmt.Sprintf("missing required key \"%s\": %s", m, enHints[m])
			return []diag.Diagnostic{d}
		}
		return nil
	case "type":
		allowed := map[string]bool{}
		switch t := node["type"].(type) {
		case string:
			allowed[t] = true
		case []any:
			for _, x := range t {
				s, _ := x.(string)
				allowed[s] = true
			}
		}
		want := ""
		for _, t := range typeOrder {
			if allowed[t] {
				want = t
				break
			}
		}
		if want == "" {
			return fallback
		}
		got := jsonType(val)
		if l.Kind != "" {
			got = l.Kind
		}
		shown := ""
		if got == "string" {
			shown = fmt.Sprintf(" \"%s\"", clip(l.Text.Value))
		}
		d := diag.New(l.Val, "type", name, typeName(want, "zh"), typeName(got, "zh"), shown)
		d.EN = fmt.Sprintf("\"%s\" must be %s, not %s%s", name, typeName(want, "en"), typeName(got, "en"), shown)
		if h, ok := hints[name]; ok && (want == "integer" || want == "number") {
			d.ZH += "：" + h
			d.EN += ": " + enHints[name]
		}
		return []diag.Diagnostic{d}
	case "minimum":
		return []diag.Diagnostic{diag.New(l.Val, "minimum", name, ratString(val), ratString(node["minimum"]), rangeHint(name))}
	case "maximum":
		return []diag.Diagnostic{diag.New(l.Val, "maximum", name, ratString(val), ratString(node["maximum"]), rangeHint(name))}
	case "enum":
		var want []string
		allowed, _ := node["enum"].([]any)
		for _, w := range allowed {
			want = append(want, fmt.Sprintf("\"%v\"", w))
		}
		return []diag.Diagnostic{diag.New(l.Val, "enum", name, fmt.Sprintf("\"%v\"", val), strings.Join(want, "、"))}
	case "minLength":
		return []diag.Diagnostic{diag.New(l.Val, "min-length", name)}
	case "maxLength":
		s, _ := val.(string)
		return []diag.Diagnostic{diag.New(l.Val, "max-length", name, utf8.RuneCountInString(s), intOf(node["maxLength"]))}
	case "minItems":
		return []diag.Diagnostic{diag.New(l.Val, "min-items", name, intOf(node["minItems"]))}
	case "format":
		return []diag.Diagnostic{diag.New(l.Val, "bad-date", fmt.Sprint(val))}
	}
	return fallback
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
