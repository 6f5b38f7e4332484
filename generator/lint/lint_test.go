package lint

import (
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/load"
)

func TestLint(t *testing.T) {
	src := "agency: 民政局\nyear: 2023\nintro: |\n  完成xx项，增长x.x%，20xx年x月，x-x月共xxx元。\n\n  第二段xx%用Linux和PPP,不算box。\ntitle: 标题(草稿)\n"
	f, ds := load.Parse("a.yaml", []byte(src), load.DefaultLimits)
	if ds.HasErrors() {
		t.Fatal(ds.Format("zh"))
	}
	res := Report(f.Reports[0])
	var got []string
	for _, d := range res.Diags {
		got = append(got, d.Pos.String()+" "+d.ZH[:strings.Index(d.ZH, "：")])
	}
	want := []string{
		"a.yaml:4:5 占位符 \"xx\" 尚未填写",
		"a.yaml:4:11 占位符 \"x.x%\" 尚未填写",
		"a.yaml:4:16 占位符 \"20xx\" 尚未填写",
		"a.yaml:4:21 占位符 \"x\" 尚未填写",
		"a.yaml:4:24 占位符 \"x-x\" 尚未填写",
		"a.yaml:4:29 占位符 \"xxx\" 尚未填写",
		"a.yaml:6:6 占位符 \"xx%\" 尚未填写",
		"a.yaml:6:19 中文之间用了半角标点 \",\"",
		"a.yaml:7:10 中文之间用了半角标点 \"(\"",
		"a.yaml:7:13 中文之间用了半角标点 \")\"",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Placeholders != 7 || res.HalfWidth != 3 {
		t.Errorf("counts %d/%d", res.Placeholders, res.HalfWidth)
	}
}
