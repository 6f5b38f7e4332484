package load

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/gongwen/gen/generator/model"
)

// convertedDoc is src as the validator sees it (see parse).
func convertedDoc(t *testing.T, src string) any {
	t.Helper()
	tree, err := parser.ParseBytes([]byte(src), 0)
	if err != nil || len(tree.Docs) == 0 || tree.Docs[0].Body == nil {
		t.Fatalf("%q does not parse: %v", src, err)
	}
	c := &converter{file: "t.yaml", lines: strings.Split(src, "\n"), limits: DefaultLimits, index: map[string]*loc{}, anchors: map[string]ast.Node{}, sizes: map[ast.Node]int{}}
	return c.value(tree.Docs[0].Body, "", model.Pos{}, 0)
}

// verdicts lists every failed keyword of doc against def, with its place.
func verdicts(t *testing.T, def string, doc any) []string {
	sch, err := compiled(def)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, v := range violations(sch.Validate(doc), nil, nil) {
		out = append(out, pointer(v.path)+" "+v.kw)
	}
	slices.Sort(out)
	return out
}

// The validator, given the document with its long strings replaced by x's
// (shorten), fails exactly the keywords at exactly the places it fails on
// the document itself: for every bad file of the message tests, every
// example, and strings at and past each bound, in enums and dates.
func TestShortenKeepsVerdicts(t *testing.T) {
	long := func(n int) string { return strings.Repeat("长", n) }
	srcs := []string{
		"agency: " + long(100) + "\nyear: 2023\ntitle: " + long(200) + "\nrecipient: " + long(201) + "\nintro: " + long(5000) + "\n",
		"agency: " + long(101) + "\nyear: 2023\ntitle: " + long(199) + "\n",
		"agency: 民政局\nyear: 2023\nkind: " + long(11) + "\nnumbering: " + long(12) + "\ndate: " + long(11) + "\n",
		"agency: 民政局\nyear: 2023\nkind: summary_plan\nnumbering: （一）\ndate: 2024-01-05\nsections:\n  - heading: " + long(300) + "\n    points_style: " + long(40) + "\n",
		"compilation:\n  title: " + long(250) + "\n  include: [" + long(300) + "]\n  date: " + long(30) + "\n",
	}
	for _, c := range schemaCases {
		srcs = append(srcs, c.src)
	}
	files, _ := filepath.Glob("../../examples/2023/*.yaml")
	if len(files) < 14 {
		t.Fatalf("%d example files", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(b))
	}
	if _, err := compiled(defReport); err != nil {
		t.Fatal(err)
	}
	if got := boundsOf(tree()); got != schemaStrings {
		t.Fatalf("the schema's string bounds are %+v, schemaStrings says %+v: update it", got, schemaStrings)
	}
	replaced := 0
	for i, src := range srcs {
		doc := convertedDoc(t, src)
		before := fmt.Sprint(doc)
		short, replacedAny := shorten(doc, schemaStrings)
		if fmt.Sprint(doc) != before {
			t.Fatalf("case %d: shorten changed the document itself", i)
		}
		if (fmt.Sprint(short) != before) != replacedAny {
			t.Errorf("case %d: shorten says it replaced %v, but the document printed %v", i, replacedAny, fmt.Sprint(short) != before)
		}
		if replacedAny {
			replaced++
		}
		for _, def := range []string{defReport, defReports, defCompilation} {
			a, b := verdicts(t, def, doc), verdicts(t, def, short)
			if !slices.Equal(a, b) {
				t.Errorf("case %d against %s: verdicts %v, shortened %v", i, def, a, b)
			}
		}
	}
	if replaced < 20 {
		t.Errorf("only %d of %d documents had a string to shorten", replaced, len(srcs))
	}
}
