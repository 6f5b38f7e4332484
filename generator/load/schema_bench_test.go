package load

import (
	"os"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/gongwen/gen/generator/model"
)

// converted reads a data file and converts it as Parse does, for
// benchmarking the schema check alone.
func converted(tb testing.TB, name string, data []byte) (any, map[string]*loc) {
	tb.Helper()
	tree, err := parser.ParseBytes(data, 0)
	if err != nil {
		tb.Fatal(err)
	}
	c := &converter{file: name, lines: strings.Split(string(data), "\n"), limits: DefaultLimits.withDefaults(), index: map[string]*loc{}, anchors: map[string]ast.Node{}, sizes: map[ast.Node]int{}}
	doc := c.value(tree.Docs[0].Body, "", model.Pos{}, 0)
	if c.stop != nil {
		tb.Fatal(c.stop.Format("en"))
	}
	return doc, c.index
}

// BenchmarkValidate checks one report (a full example, 126 lines) against
// the schema; a batch of 1,000 reports does this 1,000 times.
func BenchmarkValidate(b *testing.B) {
	const name = "../../examples/2023/14-民政局.yaml"
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	doc, idx := converted(b, name, data)
	Prepare()
	if ds := validate(name, doc, idx); len(ds) > 0 {
		b.Fatal(ds.Format("en"))
	}
	b.ReportAllocs()
	for b.Loop() {
		validate(name, doc, idx)
	}
}

// BenchmarkValidateBad checks a report with nine violations and translates
// them into messages.
func BenchmarkValidateBad(b *testing.B) {
	src := []byte("agency: \"\"\nyear: 1800\nkind: 总结\ntitel: 标题\ndate: 2024-13-01\nsections:\n  - heading: \"\"\n    runin: 1\n    table:\n      columns: []\n")
	doc, idx := converted(b, "bad.yaml", src)
	Prepare()
	if ds := validate("bad.yaml", doc, idx); len(ds) != 9 {
		b.Fatalf("%d messages, want 9:\n%s", len(ds), ds.Format("en"))
	}
	b.ReportAllocs()
	for b.Loop() {
		validate("bad.yaml", doc, idx)
	}
}

// BenchmarkCompileSchema compiles the embedded schema, as Prepare does once
// per process in the background.
func BenchmarkCompileSchema(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compileSchemas(); err != nil {
			b.Fatal(err)
		}
	}
}
