package compile_test

import (
	"github.com/gongwen/gen/generator/build"
	"github.com/gongwen/gen/generator/compile"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
)

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	examples, _ := filepath.Abs("../../examples/2023")
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ordered := write("ordered.yaml", "compilation:\n  title: 汇编\n  include: [\""+examples+"/0[1-7]*.yaml\"]\n  order: [民政局, 环卫局]\n  issuer: xx市政府办公室\n  date: 2024-01-10\n")
	bad := write("bad.yaml", "agency: 统计局\nyear: 二〇二三\n")
	cases := []struct {
		name     string
		inputs   []string
		entries  int
		problems int
		title    string
		first    []string // agencies, in order
	}{
		{"manifest", []string{manifest}, 14, 0, "各级局机关2023年工作总结及2024年工作计划汇编", []string{"图书馆", "文化和旅游局"}},
		{"folder skips the manifest", []string{examples}, 14, 0, "2023年工作总结及2024年工作计划汇编", []string{"图书馆"}},
		{"one report", []string{examples + "/06-医疗保障局.yaml"}, 1, 0, "2023年工作总结及2024年工作计划汇编", []string{"医疗保障局"}},
		{"order first", []string{ordered}, 7, 0, "汇编", []string{"民政局", "环卫局", "图书馆", "文化和旅游局"}},
		{"bad file among good", []string{examples + "/01-图书馆.yaml", bad}, 1, 1, "2023年工作总结及2024年工作计划汇编", []string{"图书馆"}},
		{"only a bad file", []string{bad}, 0, 1, "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vol, problems, err := build.Collect(c.inputs, load.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != c.problems {
				t.Errorf("%d problems, want %d: %v", len(problems), c.problems, problems)
			}
			if vol == nil {
				if c.entries > 0 {
					t.Fatal("no volume")
				}
				return
			}
			if len(vol.Entries) != c.entries {
				t.Errorf("%d entries, want %d", len(vol.Entries), c.entries)
			}
			if vol.Title != c.title {
				t.Errorf("title %q, want %q", vol.Title, c.title)
			}
			for i, a := range c.first {
				if i < len(vol.Entries) && vol.Entries[i].Report.Agency.Value != a {
					t.Errorf("entry %d is %s, want %s", i, vol.Entries[i].Report.Agency.Value, a)
				}
			}
		})
	}
	vol, _, _ := build.Collect([]string{ordered}, load.DefaultLimits)
	if vol.Issuer != "xx市政府办公室" || vol.Date == nil || vol.Date.Format() != "2024年1月10日" {
		t.Errorf("issuer %q, date %v", vol.Issuer, vol.Date)
	}
	if got := vol.FullTitle(); got != "汇编（7篇）" {
		t.Errorf("FullTitle %q", got)
	}
	_, problems, _ := build.Collect([]string{bad}, load.DefaultLimits)
	if len(problems) == 1 && !strings.Contains(compile.FormatProblems(problems, "zh"), "bad.yaml:2:7: 错误：") {
		t.Errorf("problem text:\n%s", compile.FormatProblems(problems, "zh"))
	}
}

func TestOrder(t *testing.T) {
	cases := []struct {
		in, order, want string
	}{
		{"甲乙丙丁", "", "甲乙丙丁"},
		{"甲乙丙丁", "丙", "丙甲乙丁"},
		{"甲乙丙丁", "丁乙", "丁乙甲丙"},
		{"甲乙丙甲", "甲", "甲甲乙丙"}, // both 甲, in file order
		{"甲乙丙", "戊乙", "乙甲丙"},  // unknown agencies are ignored
		{"甲乙丙", "乙乙甲", "乙甲丙"}, // the first mention counts
	}
	for _, c := range cases {
		var es []compile.Entry
		for _, r := range c.in {
			es = append(es, compile.Entry{Report: &model.Report{Agency: model.Text{Value: string(r)}}})
		}
		var order []string
		for _, r := range c.order {
			order = append(order, string(r))
		}
		compile.Order(es, order)
		var got strings.Builder
		for _, e := range es {
			got.WriteString(e.Report.Agency.Value)
		}
		if got.String() != c.want {
			t.Errorf("Order(%s, %s) = %s, want %s", c.in, c.order, got.String(), c.want)
		}
	}
}
