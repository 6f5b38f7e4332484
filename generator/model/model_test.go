package model

import (
	"strings"
	"testing"
)

func TestChineseNumeral(t *testing.T) {
	cases := map[int]string{1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 99: "九十九", 100: "一百", 105: "一百零五", 110: "一百一十", 1001: "一千零一"}
	for n, want := range cases {
		if got := ChineseNumeral(n); got != want {
			t.Errorf("%d: %s, want %s", n, got, want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	cases := []struct {
		style Numbering
		n     int
		want  string
	}{{NumChinese, 3, "三、"}, {NumParenChinese, 12, "（十二）"}, {NumArabic, 4, "4."}, {NumParenArabic, 2, "（2）"}, {NumNone, 1, ""}}
	for _, c := range cases {
		if got := FormatNumber(c.style, c.n); got != c.want {
			t.Errorf("%s %d: %q want %q", c.style, c.n, got, c.want)
		}
	}
}

func TestDefaultsAndTitle(t *testing.T) {
	r := &Report{Agency: Text{Value: "民政局"}, Year: 2023}
	r.Resolve()
	if r.PlanYear != 2024 || r.Kind != KindSummaryPlan || r.Issuer.Value != "民政局" || r.Title.Value != "民政局2023年工作总结及2024年工作计划" {
		t.Errorf("defaults: %+v", r)
	}
	for kind, want := range map[Kind]string{KindSummary: "公安局2023年工作总结", KindPlan: "公安局2024年工作计划"} {
		if got := DefaultTitle("公安局", kind, 2023, 2024); got != want {
			t.Errorf("%s: %s", kind, got)
		}
	}
}

func TestElements(t *testing.T) {
	f := false
	r := &Report{Agency: Text{Value: "民政局"}, Year: 2023, Recipient: Text{Value: "区委、区政府"},
		Sections: []*Block{
			{Heading: Text{Value: "工作成效。"}, Items: []*Block{
				{Heading: Text{Value: "保障加强"}, Text: []Text{{Value: "提高标准。"}}},
				{Heading: Text{Value: "养老服务"}, Lead: Text{Value: "主要做了："}, Points: []Text{{Value: "建设中心"}, {Value: "开展培训；"}}},
				{Heading: Text{Value: "独立标题"}, RunIn: &f, Text: []Text{{Value: "正文。"}}, Numbering: NumArabic, Items: []*Block{{Heading: Text{Value: "三级"}, Text: []Text{{Value: "内容。"}}}}},
			}},
		},
		Signature:   Text{Value: "xx区民政局"},
		Attachments: []Text{{Value: "表一"}, {Value: "表二"}},
	}
	var got []string
	var es []Element
	for _, e := range r.Elements() {
		if e.Kind.IsHead() {
			continue
		}
		es = append(es, e)
		got = append(got, e.Text())
	}
	want := []string{
		"民政局2023年工作总结及2024年工作计划", "区委、区政府：",
		"一、工作成效",
		"（一）保障加强。提高标准。",
		"（二）养老服务。主要做了：一是建设中心。二是开展培训；",
		"（三）独立标题", "正文。",
		"1.三级。内容。",
		"附件：1.表一", "2.表二",
		"xx区民政局",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if es[2].Kind != ElHeading || es[2].Spans[0].Role != RoleHeading1 || es[3].Spans[0].Role != RoleHeading2 || es[3].Level != 2 {
		t.Errorf("roles/levels wrong: %+v %+v", es[2], es[3])
	}
	if s := es[7].Spans[0]; s.Role != RoleBody || !s.Bold {
		t.Errorf("1. heading must be body bold: %+v", s)
	}
}

func TestLocate(t *testing.T) {
	tx := Text{Value: "第一行xx第二行yy", Pos: Pos{File: "f", Line: 4, Col: 3},
		Lines: []Pos{{File: "f", Line: 4, Col: 3}, {File: "f", Line: 5, Col: 3}}, LineOffs: []int{0, len("第一行xx")}}
	if p := tx.Locate(len("第一行")); p.String() != "f:4:6" {
		t.Errorf("first line: %s", p)
	}
	if p := tx.Locate(len("第一行xx第二行")); p.String() != "f:5:6" {
		t.Errorf("second line: %s", p)
	}
}
