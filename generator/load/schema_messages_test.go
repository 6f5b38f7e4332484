package load

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var updateMessages = flag.Bool("update", false, "rewrite testdata/schema_messages.golden")

// schemaCases are data files that break the schema in every way the loader
// translates: each unknown-key form, each required key and its hint, each
// type name, the ranges, the enums, the lengths, list sizes, dates, nested
// pointers, several violations at once and the de-duplication of a
// mistyped required key.
var schemaCases = []struct{ name, src string }{
	{"unknown key suggest", "agency: 民政局\nyear: 2023\ntitel: 标题\n"},
	{"unknown key suggest prefix", "agency: 民政局\nyear: 2023\nattach: [a]\n"},
	{"unknown key suggest long", "agency: 民政局\nyear: 2023\nprinted_bye: 办公室\n"},
	{"unknown key uppercase", "agency: 民政局\nyear: 2023\nTitle: 标题\n"},
	{"unknown key no suggestion", "agency: 民政局\nyear: 2023\nfoo: 1\nbar: 2\n"},
	{"unknown key in block", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    txt: 正文\n    zzz: 1\n"},
	{"unknown key in nested block", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    items:\n      - heading: （一）\n        pionts: [a]\n"},
	{"unknown key in table", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    table:\n      columns: [a]\n      rows: [[b]]\n      captoin: 表\n"},
	{"unknown key in reports file", "reports:\n  - agency: 民政局\n    year: 2023\n    yaer: 2024\n"},
	{"unknown top key of reports file", "reports:\n  - agency: 民政局\n    year: 2023\nreprots: []\n"},
	{"unknown key in compilation", "compilation:\n  title: 汇编\n  include: [a.yaml]\n  ordr: [民政局]\n"},
	{"unknown key beside compilation", "compilation:\n  title: 汇编\n  include: [a.yaml]\ntitle: x\n"},
	{"mistyped required agency", "agnecy: 民政局\nyear: 2023\n"},
	{"mistyped required year", "agency: 民政局\nyaer: 2023\n"},
	{"mistyped required both", "agncy: 民政局\nyeer: 2023\n"},
	{"mistyped required table", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    table:\n      colums: [a]\n      rows: [[b]]\n"},
	{"mistyped required include", "compilation:\n  title: 汇编\n  includ: [a.yaml]\n"},
	{"unknown first key and missing", "foo: 1\nyear: 2023\n"},
	{"unknown first key of table and missing", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    table:\n      zz: 1\n      rows: []\n"},
	{"missing agency and year", "title: 标题\n"},
	{"missing year with unknown key", "agency: 民政局\nfoo: 1\n"},
	{"missing in second report", "reports:\n  - agency: 民政局\n    year: 2023\n  - agency: 公安局\n"},
	{"missing compilation keys", "compilation:\n  issuer: 办公室\n"},
	{"missing compilation title", "compilation:\n  include: [a.yaml]\n"},
	{"missing table keys", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    table:\n      caption: 表\n"},
	{"missing table rows", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    table:\n      columns: [a]\n"},
	{"type string for integer", "agency: 民政局\nyear: 二〇二三\n"},
	{"type long string clipped", "agency: 民政局\nyear: 这是一段很长很长很长很长很长很长很长很长的文字\n"},
	{"type float for integer", "agency: 民政局\nyear: 2023.5\n"},
	{"type bool for integer", "agency: 民政局\nyear: true\n"},
	{"type null for integer", "agency: 民政局\nyear:\n"},
	{"type list for plan_year", "agency: 民政局\nyear: 2023\nplan_year: [2024]\n"},
	{"type integer for string", "agency: 110\nyear: 2023\n"},
	{"type number for string", "agency: 1.5\nyear: 2023\n"},
	{"type bool for string", "agency: 民政局\nyear: 2023\ntitle: true\n"},
	{"type null for string", "agency: 民政局\nyear: 2023\ntitle:\n"},
	{"type mapping for string", "agency: 民政局\nyear: 2023\nintro:\n  a: b\n"},
	{"type list for string", "agency: 民政局\nyear: 2023\nclosing: [a, b]\n"},
	{"type string for list", "agency: 民政局\nyear: 2023\nattachments: 附件一\n"},
	{"type mapping for list", "agency: 民政局\nyear: 2023\ncopy_to:\n  a: b\n"},
	{"type string for mapping", "agency: 民政局\nyear: 2023\nsections:\n  - 一、总体情况\n"},
	{"type string for table", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    table: 表格\n"},
	{"type string for boolean", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    runin: \"yes\"\n"},
	{"type in list item", "agency: 民政局\nyear: 2023\nattachments:\n  - 附件一\n  - 2\n"},
	{"type in nested list", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    table:\n      columns: [a, b]\n      rows:\n        - [甲, true]\n        - [乙, [x]]\n"},
	{"type row not a list", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    table:\n      columns: [a]\n      rows:\n        - 甲\n"},
	{"type compilation not mapping", "compilation: 汇编\n"},
	{"type reports not list", "reports: 民政局\n"},
	{"type report not mapping", "reports:\n  - 民政局\n"},
	{"type include string", "compilation:\n  title: 汇编\n  include: a.yaml\n"},
	{"year minimum", "agency: 民政局\nyear: 1\n"},
	{"year maximum", "agency: 民政局\nyear: 99999\n"},
	{"plan_year minimum", "agency: 民政局\nyear: 2023\nplan_year: 1000\n"},
	{"plan_year maximum", "agency: 民政局\nyear: 2023\nplan_year: 2102\n"},
	{"year float whole out of range", "agency: 民政局\nyear: 1.0e3\n"},
	{"year fraction out of range", "agency: 民政局\nyear: 1800.5\n"},
	{"year exponent", "agency: 民政局\nyear: 1e999\n"},
	{"year negative", "agency: 民政局\nyear: -2023\n"},
	{"year infinite", "agency: 民政局\nyear: .inf\n"},
	{"year in second report", "reports:\n  - agency: 民政局\n    year: 2023\n  - agency: 公安局\n    year: 20233\n"},
	{"enum kind", "agency: 民政局\nyear: 2023\nkind: 总结\n"},
	{"enum kind number", "agency: 民政局\nyear: 2023\nkind: 1\n"},
	{"enum kind null", "agency: 民政局\nyear: 2023\nkind:\n"},
	{"enum numbering", "agency: 民政局\nyear: 2023\nnumbering: 1、\n"},
	{"enum numbering number", "agency: 民政局\nyear: 2023\nnumbering: 2\n"},
	{"enum block numbering", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    numbering: (1)\n    items:\n      - heading: 甲\n"},
	{"enum points_style", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    points: [a]\n    points_style: list\n"},
	{"min length agency", "agency: \"\"\nyear: 2023\n"},
	{"min length title", "agency: 民政局\nyear: 2023\ntitle: ''\n"},
	{"min length attachment", "agency: 民政局\nyear: 2023\nattachments: [附件一, \"\"]\n"},
	{"min length point", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    points:\n      - \"\"\n"},
	{"min length include", "compilation:\n  title: 汇编\n  include: [\"\"]\n"},
	{"min length compilation title", "compilation:\n  title: \"\"\n  include: [a.yaml]\n"},
	{"max length agency", "agency: " + strings.Repeat("民", 101) + "\nyear: 2023\n"},
	{"max length title", "agency: 民政局\nyear: 2023\ntitle: " + strings.Repeat("标题", 101) + "\n"},
	{"max length copy_to", "agency: 民政局\nyear: 2023\ncopy_to:\n  - " + strings.Repeat("a", 201) + "\n"},
	{"max length doc_number", "agency: 民政局\nyear: 2023\ndoc_number: " + strings.Repeat("号", 150) + "\n"},
	{"min items reports", "reports: []\n"},
	{"min items include", "compilation:\n  title: 汇编\n  include: []\n"},
	{"min items columns", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    table:\n      columns: []\n      rows: []\n"},
	{"bad date", "agency: 民政局\nyear: 2023\ndate: 2024-02-30\n"},
	{"bad date words", "agency: 民政局\nyear: 2023\ndate: 明年一月\n"},
	{"bad date slashes", "agency: 民政局\nyear: 2023\ndate: 2024/01/10\n"},
	{"bad printed_date", "agency: 民政局\nyear: 2023\nprinted_date: 2024-1-1\n"},
	{"bad compilation date", "compilation:\n  title: 汇编\n  include: [a.yaml]\n  date: 20240110\n"},
	{"date not text", "agency: 民政局\nyear: 2023\ndate: [2024]\n"},
	{"many at once", "agency: \"\"\nyear: 1800\nkind: 总结\ntitel: 标题\ndate: 2024-13-01\nsections:\n  - heading: \"\"\n    runin: 1\n    table:\n      columns: []\n"},
	{"many in reports", "reports:\n  - agency: 民政局\n    year: 2023\n    kind: x\n  - year: 2023\n    agnecy: 公安局\n  - agency: 财政局\n    year: 2023\n    sections:\n      - heding: 一\n"},
	{"empty mapping", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    table: {}\n"},
	{"flow mapping", "{agency: 民政局, yaer: 2023}\n"},
	{"quoted key", "agency: 民政局\nyear: 2023\n\"a/b~c\": 1\n"},
}

// TestSchemaMessages pins every message the schema check prints, in
// Chinese and English, with its position and the quoted line, against
// testdata/schema_messages.golden (rewrite it with -update).
func TestSchemaMessages(t *testing.T) {
	var b strings.Builder
	for _, c := range schemaCases {
		_, ds := Parse("bad.yaml", []byte(c.src), DefaultLimits)
		if !ds.HasErrors() {
			t.Errorf("%s: no error", c.name)
		}
		b.WriteString("=== " + c.name + "\n")
		for _, d := range ds {
			b.WriteString("[" + d.Code + "]\n" + d.Format("zh") + "\n" + d.Format("en") + "\n")
		}
	}
	golden := filepath.Join("testdata", "schema_messages.golden")
	if *updateMessages {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestSchemaMessages -update to create it)", err)
	}
	if got := b.String(); got != string(want) {
		if d := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(got, "\n")); d != "" {
			t.Fatalf("messages differ from %s (-want +got):\n%s", golden, d)
		}
	}
}
