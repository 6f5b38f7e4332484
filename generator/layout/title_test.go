package layout

import (
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/model"
)

func TestTitleLines(t *testing.T) {
	cases := []struct {
		title string
		want  string // lines joined by |
	}{
		{"民政局2023年工作总结", "民政局2023年工作总结"},
		{"市场监督管理局2023年工作总结及2024年工作计划", "市场监督管理局2023年|工作总结及2024年工作计划"},
		{"某某县住房和城乡建设局关于2023年度城乡建设工作总结的报告", ""},
		{"县人民政府办公室2023年工作总结与2024年工作思路", ""},
		{"环卫局2023年工作总结和2024年工作计划的报告", "环卫局2023年工作总结和|2024年工作计划的报告"},
		{"文化和旅游局2023年工作总结和2024年工作打算", "文化和旅游局2023年|工作总结和2024年工作打算"},
		{"乡村振兴局2023年工作总结和2024年工作计划的报告", "乡村振兴局2023年工作总结和|2024年工作计划的报告"},
		{"各级局机关2023年工作总结及2024年工作计划汇编（14篇）", "各级局机关2023年工作总结及|2024年工作计划汇编（14篇）"},
		{"关于进一步加强全市城乡居民最低生活保障规范化管理工作有关情况及下一步工作安排的报告",
			""}, // checked by properties only
	}
	e := &engine{m: newCachedMeasurer(fakeMeasurer{})}
	for _, c := range cases {
		gs := e.shape([]model.Span{{Text: c.title, Role: model.RoleTitle}}, 22, false)
		br := titleLines(gs, 20*22, 22)
		var parts []string
		for _, b := range br {
			parts = append(parts, string(runes(gs[b[0]:b[1]])))
			if b[1]-b[0] < titleMinLine {
				t.Errorf("%s: orphan line %q", c.title, parts[len(parts)-1])
			}
			if len(parts) > 1 && strings.ContainsRune(titleNoLineStart, []rune(parts[len(parts)-1])[0]) {
				t.Errorf("%s: line starts with a function word: %q", c.title, parts[len(parts)-1])
			}
			if strings.HasSuffix(parts[len(parts)-1], "的") {
				t.Errorf("%s: line ends with 的: %q", c.title, parts[len(parts)-1])
			}
			if w := natWidth(gs[b[0]:b[1]]); w > 20*22+1e-6 {
				t.Errorf("%s: line %q too wide (%.1f em)", c.title, parts[len(parts)-1], w/22)
			}
		}
		got := strings.Join(parts, "|")
		if c.want != "" && got != c.want {
			t.Errorf("title %q:\n got %s\nwant %s", c.title, got, c.want)
		}
		if strings.Join(parts, "") != c.title {
			t.Errorf("title text changed: %q", got)
		}
		// balanced: no line shorter than half the longest
		maxw, minw := 0.0, 1e9
		for _, b := range br {
			w := natWidth(gs[b[0]:b[1]])
			maxw, minw = max(maxw, w), min(minw, w)
		}
		if len(br) > 1 && minw < maxw/2 {
			t.Errorf("title %q unbalanced: %s", c.title, got)
		}
	}
}
