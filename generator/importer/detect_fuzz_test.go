package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gen/generator/load"
)

// FuzzDetect feeds arbitrary text (as .txt or .md) to the importer, seeded
// with the seed's reports, the examples' printed text and the structure
// cases of TestDetect. Import must not panic, must return reports or
// errors, put the file name in every message, and every report must be
// written as a data file that the project's loader accepts.
func FuzzDetect(f *testing.F) {
	files, _ := filepath.Glob("../../examples/2023/*.yaml")
	for _, p := range files {
		if fl, ds := load.ReadFile(p); !ds.HasErrors() {
			for _, r := range fl.Reports {
				f.Add([]byte(printed(r)), false)
			}
		}
	}
	if data, err := os.ReadFile("testdata/pandoc.md"); err == nil {
		f.Add(data, true)
	}
	for _, s := range []string{
		"民政局2023年工作总结\n区委：\n一、成效\n（一）保障。一是甲。二是乙。\n1.丙\n（1）丁\n十一、戊\n附件：1.表\n2.表二\nxx局\n2024年1月10日\n",
		"一、\n（一）\n1.\n一是\n二是\n任务：a\n完成情况：b\n任务：c\n完成情况：d\n",
		"# 标题2023年\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> q\n\n```\ncode\n```\n",
		"2023年1月1日\n\n\n2023年1月1日\n",
		"xx区民政局文件\nx民发〔2024〕1号  签发人：张三\n民政局2023年工作总结\n一、成效\n全年完成。\nxx区民政局\n2024年1月10日\n抄送：市民政局，区财政局。\nxx办公室 2024年1月12日印发\n",
	} {
		f.Add([]byte(s), strings.HasPrefix(s, "#"))
	}
	f.Fuzz(func(t *testing.T, data []byte, md bool) {
		timer := time.AfterFunc(10*time.Second, func() {
			panic(fmt.Sprintf("took over 10 s on %d bytes: %q", len(data), data[:min(len(data), 300)]))
		})
		defer timer.Stop()
		name := "f.txt"
		if md {
			name = "f.md"
		}
		rs, ds := Import(name, data, Options{Year: 2023})
		if ds.HasErrors() != (len(rs) == 0) {
			t.Fatalf("errors %v but %d reports:\n%s", ds.HasErrors(), len(rs), ds.Format("zh"))
		}
		for _, d := range ds {
			if !strings.HasPrefix(d.Format("zh"), name) {
				t.Fatalf("message without the file: %q", d.Format("zh"))
			}
		}
		if len(rs) == 0 {
			return
		}
		y := WriteYAML(rs, name)
		if _, lds := load.Parse("f.yaml", y, load.DefaultLimits); lds.HasErrors() {
			t.Fatalf("the data file written does not load:\n%s\n%s", lds.Format("en"), y)
		}
		for _, r := range rs {
			_ = r.Elements()
		}
	})
}
