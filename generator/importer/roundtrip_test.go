package importer

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongwen/gen/generator/docx"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// exampleReports loads the shipped examples.
func exampleReports(t testing.TB) map[string]*model.Report {
	t.Helper()
	files, _ := filepath.Glob("../../examples/2023/*.yaml")
	out := map[string]*model.Report{}
	for _, f := range files {
		file, ds := load.ReadFile(f)
		if ds.HasErrors() {
			t.Fatalf("%s: %s", f, ds.Format("en"))
		}
		for _, r := range file.Reports {
			out[filepath.Base(f)] = r
		}
	}
	if len(out) != 14 {
		t.Fatalf("%d example reports, want 14", len(out))
	}
	return out
}

func gongwen(t testing.TB) *tmpl.Template {
	t.Helper()
	tp, err := tmpl.Load("gongwen", nil)
	if err != nil {
		t.Fatal(err)
	}
	return tp
}

// printed is a report's printed text, one element a line (table cells
// separated by tabs).
func printed(r *model.Report) string {
	var b strings.Builder
	for _, e := range r.Elements() {
		if e.Kind == model.ElTable {
			var rows [][]model.Text
			rows = append(rows, e.Table.Columns)
			rows = append(rows, e.Table.Rows...)
			for _, row := range rows {
				var cells []string
				for _, c := range row {
					cells = append(cells, c.Value)
				}
				b.WriteString(strings.Join(cells, "\t") + "\n")
			}
			continue
		}
		b.WriteString(e.Text() + "\n")
	}
	return b.String()
}

// structure counts blocks per depth and table rows.
func structure(r *model.Report) string {
	var depth []int
	rows := 0
	var walk func(bs []*model.Block, d int)
	walk = func(bs []*model.Block, d int) {
		for _, b := range bs {
			for len(depth) <= d {
				depth = append(depth, 0)
			}
			depth[d]++
			if b.Table != nil {
				rows += 1 + len(b.Table.Rows)
			}
			walk(b.Items, d+1)
		}
	}
	walk(r.Sections, 0)
	return fmt.Sprintf("blocks per depth %v, table rows %d", depth, rows)
}

// reload writes the reports as YAML and loads them with the project's
// loader, which also validates them against the schema.
func reload(t testing.TB, name string, rs []*model.Report) []*model.Report {
	t.Helper()
	data := WriteYAML(rs, name)
	f, ds := load.Parse(name+".yaml", data, load.DefaultLimits)
	if ds.HasErrors() {
		t.Fatalf("%s: the YAML written does not load:\n%s\n%s", name, ds.Format("en"), data)
	}
	return f.Reports
}

// diffLines is "" when a and b are the same text, else their difference
// line by line (- a, + b).
func diffLines(a, b string) string {
	return cmp.Diff(strings.Split(a, "\n"), strings.Split(b, "\n"))
}

// TestRoundTripExamples: every example → gen's own DOCX → import → the same
// printed text and the same structure, through the written YAML.
func TestRoundTripExamples(t *testing.T) {
	tp := gongwen(t)
	for name, ex := range exampleReports(t) {
		t.Run(name, func(t *testing.T) {
			data, err := docx.Render(ex, tp, docx.Options{})
			if err != nil {
				t.Fatal(err)
			}
			rs, ds := Import(name+".docx", data, Options{})
			if ds.HasErrors() || len(rs) != 1 {
				t.Fatalf("%d reports:\n%s", len(rs), ds.Format("en"))
			}
			got := reload(t, name, rs)[0]
			if d := diffLines(printed(ex), printed(got)); d != "" {
				t.Errorf("printed text differs at %s", d)
			}
			if a, b := structure(ex), structure(got); a != b {
				t.Errorf("structure: want %s, got %s", a, b)
			}
			if got.Year != ex.Year || got.Title.Value != ex.Title.Value {
				t.Errorf("year %d title %q, want %d %q", got.Year, got.Title.Value, ex.Year, ex.Title.Value)
			}
		})
	}
}

// TestRoundTripRedHead: the red-head template's DOCX (发文机关标志,
// 发文字号 and 签发人, 版记) imports to the same report, its keys included.
func TestRoundTripRedHead(t *testing.T) {
	tp, err := tmpl.Load("gongwen-redhead", nil)
	if err != nil {
		t.Fatal(err)
	}
	src := "agency: 民政局\nissuer: xx区民政局\nyear: 2023\ndoc_number: x民发〔2024〕1号\nsigner: 张三\ncopy_to: [市民政局, 区财政局]\nprinted_by: xx区民政局办公室\nprinted_date: 2024-01-12\nsections:\n  - heading: 工作成效\n    text: 全年完成任务。\nsignature: xx区民政局\ndate: 2024-01-10\n"
	f, ds := load.Parse("红头.yaml", []byte(src), load.DefaultLimits)
	if ds.HasErrors() {
		t.Fatal(ds.Format("en"))
	}
	reports := map[string]*model.Report{"红头.yaml": f.Reports[0], "07-民政局.yaml": exampleReports(t)["07-民政局.yaml"]}
	for name, ex := range reports {
		data, err := docx.Render(ex, tp, docx.Options{})
		if err != nil {
			t.Fatal(err)
		}
		rs, ds := Import(name+".docx", data, Options{})
		if len(rs) != 1 || hasCode(ds, "imp-body", 1) != nil || hasCode(ds, "imp-mark", 1) != nil {
			t.Fatalf("%s: %d reports\n%s", name, len(rs), ds.Format("zh"))
		}
		got := reload(t, name, rs)[0]
		if d := diffLines(printed(ex), printed(got)); d != "" {
			t.Errorf("%s: printed text differs at %s", name, d)
		}
		if got.DocNumber.Value != ex.DocNumber.Value || got.Signer.Value != ex.Signer.Value || len(got.CopyTo) != len(ex.CopyTo) || got.PrintedBy.Value != ex.PrintedBy.Value || (got.PrintedDate == nil) != (ex.PrintedDate == nil) || got.Issuer.Value != ex.Issuer.Value {
			t.Errorf("%s: red-head keys %q %q %v %q %v, want %q %q %v %q %v", name, got.DocNumber.Value, got.Signer.Value, got.CopyTo, got.PrintedBy.Value, got.PrintedDate, ex.DocNumber.Value, ex.Signer.Value, ex.CopyTo, ex.PrintedBy.Value, ex.PrintedDate)
		}
	}
	// A mark that is not the issuer's is reported.
	rs, ds := Import("标志.txt", []byte("xx市人民政府文件\n民政局2023年工作总结\n一、成效\n全年完成。\nxx区民政局\n2024年1月10日\n"), Options{})
	if len(rs) != 1 || hasCode(ds, "imp-mark", 1) == nil {
		t.Errorf("no imp-mark warning:\n%s", ds.Format("zh"))
	}
}
