package load

import (
	"strings"
	"testing"
)

// TestMalformed checks the message and the reported line:column for each
// kind of bad input a clerk can write.
func TestMalformed(t *testing.T) {
	cases := []struct {
		name, src string
		pos       string // "line:col"
		want      string // part of the Chinese message
		wantEN    string // part of the English message
	}{
		{"yaml syntax", "agency: 民政局\nyear: 2023\ntitle: 标题: 有冒号\n", "3:8", "YAML 语法错误", "YAML syntax error"},
		{"bad indent", "agency: 民政局\nsections:\n  - heading: 一\n   text: 二\n", "4:4", "缩进", "indentation"},
		{"unclosed quote", "agency: \"民政局\nyear: 2023\n", "1:9", "引号没有配对", "unclosed quote"},
		{"wrong type", "agency: 民政局\nyear: 2023年\n", "2:7", "\"year\" 应为整数，实际是文字 \"2023年\"", "must be a whole number"},
		{"unknown key", "agency: 民政局\nyear: 2023\nsections:\n  - heding: 标题\n", "4:5", "未知字段 \"heding\"，是否想写 \"heading\"？", "did you mean \"heading\""},
		{"unknown key no suggestion", "agency: 民政局\nyear: 2023\nfoo: 1\n", "3:1", "未知字段 \"foo\"：此处可用的字段有", "unknown key \"foo\""},
		{"missing agency", "year: 2023\n", "1:1", "缺少必填字段 \"agency\"", "missing required key \"agency\""},
		{"missing year", "agency: 民政局\n", "1:1", "缺少必填字段 \"year\"", "missing required key \"year\""},
		{"year too small", "agency: 民政局\nyear: 1900\n", "2:7", "\"year\" 的值 1900 小于下限 1949", "below the minimum 1949"},
		{"year too large", "agency: 民政局\nyear: 3023\n", "2:7", "\"year\" 的值 3023 大于上限 2100", "above the maximum 2100"},
		{"bad numbering", "agency: 民政局\nyear: 2023\nnumbering: \"a)\"\n", "3:12", "\"numbering\" 的值 \"a)\" 无效", "invalid value"},
		{"bad kind", "agency: 民政局\nyear: 2023\nkind: report\n", "3:7", "\"kind\" 的值 \"report\" 无效", "invalid value"},
		{"empty file", "", "1:1", "文件为空", "the file is empty"},
		{"only comments", "# yaml-language-server: $schema=x\n\n", "1:1", "文件为空", "the file is empty"},
		{"invalid utf8", "agency: 民政局\nyear: 2023\ntitle: 标\xff题\n", "3:9", "不是有效的 UTF-8", "not valid UTF-8"},
		{"control char", "agency: 民政局\nyear: 2023\ntitle: 标\x07题\n", "3:9", "控制字符 U+0007", "control character U+0007"},
		{"duplicate key", "agency: 民政局\nyear: 2023\nagency: 公安局\n", "3:1", "字段 \"agency\" 重复", "appears twice"},
		{"items not a list", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    items: 二\n", "5:12", "\"items\" 应为列表", "must be a list"},
		{"sections a mapping", "agency: 民政局\nyear: 2023\nsections:\n  heading: 一\n", "4:3", "\"sections\" 应为列表", "must be a list"},
		{"bad date", "agency: 民政局\nyear: 2023\ndate: 2024-13-40\n", "3:7", "日期 \"2024-13-40\" 无效", "invalid date"},
		{"plan before year", "agency: 民政局\nyear: 2023\nplan_year: 2022\n", "3:12", "plan_year（2022）不能早于 year（2023）", "before year"},
		{"root list", "- a\n- b\n", "1:1", "文件顶层应为键值对", "must be a mapping"},
		{"empty block", "agency: 民政局\nyear: 2023\nsections:\n  - {}\n", "4:5", "这一块既没有标题", "no heading"},
		{"table row cells", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    table:\n      columns: [任务, 完成情况]\n      rows:\n        - [甲]\n", "8:11", "表格第 1 行有 1 个单元格，表头有 2 列", "row 1 has 1 cells"},
		{"empty heading", "agency: 民政局\nyear: 2023\nsections:\n  - heading: \"\"\n", "4:14", "\"heading\" 不能为空", "must not be empty"},
		{"unknown alias", "agency: 民政局\nyear: *y\n", "2:7", "别名 *y 没有对应的锚点", "has no anchor"},
		{"runin not bool", "agency: 民政局\nyear: 2023\nsections:\n  - heading: 一\n    runin: 是\n", "5:12", "\"runin\" 应为true 或 false", "must be true or false"},
		{"unknown in compilation", "compilation:\n  title: 汇编\n  includes: [a]\n", "3:3", "是否想写 \"include\"", "did you mean \"include\""},
		{"reports empty", "reports: []\n", "1:10", "\"reports\" 至少要有 1 项", "at least 1 items"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, ds := Parse("bad.yaml", []byte(c.src), DefaultLimits)
			if !ds.HasErrors() {
				t.Fatalf("no error for %q", c.src)
			}
			d := ds[0]
			got := d.Format("zh")
			if want := "bad.yaml:" + c.pos + ": 错误："; !strings.HasPrefix(got, want) {
				t.Errorf("position: got %q, want prefix %q", got, want)
			}
			if !strings.Contains(got, c.want) {
				t.Errorf("message: got %q, want %q", got, c.want)
			}
			if en := d.Format("en"); !strings.Contains(en, c.wantEN) {
				t.Errorf("English: got %q, want %q", en, c.wantEN)
			}
		})
	}
}
