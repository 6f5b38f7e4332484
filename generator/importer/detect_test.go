package importer

import (
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
)

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in    string
		style model.Numbering
		n     int
	}{
		{"一、工作成效", model.NumChinese, 1},
		{"十一、其他", model.NumChinese, 11},
		{"二十三、其他", model.NumChinese, 23},
		{"（一）民生", model.NumParenChinese, 1},
		{"(十二)民生", model.NumParenChinese, 12},
		{"（十一）民生", model.NumParenChinese, 11},
		{"1.标准", model.NumArabic, 1},
		{"1、标准", model.NumArabic, 1},
		{"12．标准", model.NumArabic, 12},
		{"３．全角", model.NumArabic, 3},
		{"（1）新建", model.NumParenArabic, 1},
		{"(2) 提质", model.NumParenArabic, 2},
		{"11.2024年，继续", model.NumArabic, 11},
		{"1.5亿元投入", "", 0},
		{"2023年，我局", "", 0},
		{"3·5学雷锋", "", 0},
		{"2024.1.10召开", "", 0},
		{"2023、2024两年", "", 0},
		{"一是加强", "", 0},
		{"（一）", "", 0},
		{"一、", "", 0},
		{"十二五期间", "", 0},
		{"（注）说明", "", 0},
		{"x.x万元", "", 0},
		{"一.工作成效", model.NumChinese, 1},
		{"二．存在问题", model.NumChinese, 2},
		{"一）民生", model.NumParenChinese, 1},
		{"3）新建", model.NumParenArabic, 3},
		{"3)新建", model.NumParenArabic, 3},
	}
	for _, c := range cases {
		num, ok := ParseNumber(c.in)
		if ok != (c.style != "") || ok && (num.Style != c.style || num.N != c.n) {
			t.Errorf("ParseNumber(%q) = %+v, %v; want %q %d", c.in, num, ok, c.style, c.n)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2024年1月10日":      "2024-01-10",
		"2024 年 1 月 10 日": "2024-01-10",
		"二〇二四年一月十日":       "2024-01-10",
		"二〇二三年十二月三十一日":    "2023-12-31",
		"2024年2月30日":      "",
		"2024年1月":         "",
		"截至2024年1月10日":    "",
	} {
		d, ok := parseDate(in)
		if got := d.Format("2006-01-02"); ok != (want != "") || ok && got != want {
			t.Errorf("parseDate(%q) = %s %v, want %q", in, got, ok, want)
		}
	}
}

// textReport imports a text file given as lines.
func textReport(t *testing.T, lines ...string) *model.Report {
	t.Helper()
	rs, ds := Import("t.txt", []byte(strings.Join(lines, "\n")), Options{})
	if len(rs) != 1 || ds.HasErrors() {
		t.Fatalf("%d reports:\n%s", len(rs), ds.Format("zh"))
	}
	return reload(t, "t", rs)[0]
}

// TestDetect: the structure rules on plain text.
func TestDetect(t *testing.T) {
	t.Run("levels, skipped level, run-in and standalone", func(t *testing.T) {
		r := textReport(t, "民政局2023年工作总结及2024年工作计划", "区委、区政府：", "今年以来，我局扎实工作。",
			"一、2023年工作成效", "（一）民生保障持续加强。全年新增低保对象xxx人。", "（二）养老服务", "全区养老服务体系不断完善。", "1.建成中心x个。", "2.开展培训xx次。",
			"二、存在的问题", "1.基层力量不足。", "2.资金缺口较大。",
			"十一、其他", "特此报告。", "附件：1.2023年民生实事完成情况表", "2.2024年工作计划表", "xx市xx区民政局", "2024年1月10日")
		if got := outline(r); got != "一、2023年工作成效\n  （一）民生保障持续加强\n  （二）养老服务\n    1.\n    2.\n二、存在的问题\n  1.\n  2.\n三、其他\n" {
			t.Errorf("outline:\n%s", got)
		}
		s := r.Sections
		if s[1].Numbering != model.NumArabic || s[0].Items[0].Text[0].Value != "全年新增低保对象xxx人。" || s[0].Items[1].RunIn == nil || *s[0].Items[1].RunIn {
			t.Errorf("numbering %q, run-in text %+v, standalone runin %v", s[1].Numbering, s[0].Items[0].Text, s[0].Items[1].RunIn)
		}
		if r.Recipient.Value != "区委、区政府" || len(r.Intro) != 1 || len(r.Closing) != 1 || r.Closing[0].Value != "特此报告。" {
			t.Errorf("recipient %q intro %d closing %+v", r.Recipient.Value, len(r.Intro), r.Closing)
		}
		if len(r.Attachments) != 2 || r.Attachments[0].Value != "2023年民生实事完成情况表" || r.Attachments[1].Value != "2024年工作计划表" {
			t.Errorf("attachments %+v", r.Attachments)
		}
		if r.Signature.Value != "xx市xx区民政局" || r.Issuer.Value != "xx市xx区民政局" || r.Date.Format() != "2024年1月10日" || r.Agency.Value != "民政局" || r.Year != 2023 || r.Kind != model.KindSummaryPlan {
			t.Errorf("signature %q issuer %q date %v agency %q year %d kind %q", r.Signature.Value, r.Issuer.Value, r.Date, r.Agency.Value, r.Year, r.Kind)
		}
		direct, _ := Import("t.txt", []byte("民政局2023年工作总结\n一、成效\n  （一）民生保障持续加强。全年新增低保对象xxx人。\n"), Options{})
		if p := direct[0].Sections[0].Items[0].Text[0].Pos; p.String() != "t.txt:3:15" {
			t.Errorf("text position %s, want t.txt:3:15", p)
		}
	})
	t.Run("points", func(t *testing.T) {
		r := textReport(t, "环卫局2023年工作总结", "一、工作成效", "（一）保洁。主要做了以下工作：一是完善制度。二是开展培训；三是加强考核。",
			"（二）设施", "一是新建公厕x座。", "二是改造中转站x座。",
			"（三）宣传。一是开展活动。", "二、存在的问题", "一是力量不足，二是资金短缺。")
		b := r.Sections[0].Items
		if b[0].Lead.Value != "主要做了以下工作：" || len(b[0].Points) != 3 || b[0].Points[1].Value != "开展培训；" {
			t.Errorf("inline points: %q %+v", b[0].Lead.Value, b[0].Points)
		}
		if len(b[1].Points) != 2 || b[1].PointsStyle != model.PointsParagraphs {
			t.Errorf("point paragraphs: %+v %q", b[1].Points, b[1].PointsStyle)
		}
		if len(b[2].Points) != 0 || len(b[2].Text) != 1 {
			t.Errorf("a single 一是 stays text: %+v", b[2])
		}
		if s := r.Sections[1]; len(s.Points) != 0 || s.Text[0].Value != "一是力量不足，二是资金短缺。" {
			t.Errorf("markers not at sentence starts stay text: %+v", s)
		}
		if r.Kind != model.KindSummary {
			t.Errorf("kind %q", r.Kind)
		}
	})
	t.Run("numbers that are not numbers", func(t *testing.T) {
		r := textReport(t, "统计局2023年工作总结", "一、经济运行", "1.5亿元的项目已开工。", "2023年全年增长x%。", "3·5前后开展活动。")
		if len(r.Sections) != 1 || len(r.Sections[0].Items) != 0 || len(r.Sections[0].Text) != 3 {
			t.Errorf("amounts and years taken as numbers:\n%s", outline(r))
		}
	})
	t.Run("title on two lines", func(t *testing.T) {
		r := textReport(t, "民政局2023年工作总结", "及2024年工作计划", "一、成效", "全年完成任务。")
		if r.Title.Value != "民政局2023年工作总结及2024年工作计划" || len(r.Intro) != 0 {
			t.Errorf("title %q intro %+v", r.Title.Value, r.Intro)
		}
	})
	t.Run("a mark above the title", func(t *testing.T) {
		rs, ds := Import("t.txt", []byte("附件1\n民政局2023年工作总结\n一、成效\n全年完成任务。\n"), Options{})
		if len(rs) != 1 || rs[0].Title.Value != "民政局2023年工作总结" || len(rs[0].Intro) != 1 || hasCode(ds, "imp-body", 1) == nil {
			t.Errorf("%+v\n%s", rs, ds.Format("zh"))
		}
	})
	t.Run("a heading of only 。", func(t *testing.T) {
		r := textReport(t, "民政局2023年工作总结", "一、。", "（一）。")
		if len(r.Sections) != 1 || len(r.Sections[0].Items) != 1 {
			t.Errorf("%+v", r.Sections)
		}
	})
	t.Run("tab table", func(t *testing.T) {
		r := textReport(t, "商务局2023年工作总结", "一、任务完成情况", "任务\t完成情况", "新建市场\t已完成", "培育品牌\t进行中", "二、下一步")
		tb := r.Sections[0].Table
		if tb == nil || len(tb.Columns) != 2 || len(tb.Rows) != 2 || tb.Rows[1][1].Value != "进行中" {
			t.Errorf("table: %+v", tb)
		}
	})
	t.Run("overrides and a plan", func(t *testing.T) {
		rs, ds := Import("计划.txt", []byte("关于2024年工作计划\n一、目标\n完成任务。\n"), Options{Agency: "文旅局"})
		if len(rs) != 1 {
			t.Fatal(ds.Format("zh"))
		}
		r := rs[0]
		if r.Agency.Value != "文旅局" || r.Kind != model.KindPlan || r.PlanYear != 2024 || r.Year != 2023 {
			t.Errorf("agency %q kind %q year %d plan %d", r.Agency.Value, r.Kind, r.Year, r.PlanYear)
		}
		rs, _ = Import("x.txt", []byte("工作总结\n一、目标\n完成任务。\n"), Options{Year: 2022, Agency: "文旅局"})
		if len(rs) != 1 || rs[0].Year != 2022 {
			t.Errorf("--year not used")
		}
	})
}

// TestMarkdown: headings, emphasis, lists and tables of a .md file.
func TestMarkdown(t *testing.T) {
	md := "# 民政局2023年工作总结\n\n今年以来，我局\n扎实工作。\n\n## 一、工作成效\n\n**（一）民生保障。**全年新增低保对象xxx人。\n\n1. 建成中心x个。\n2. 开展培训xx次。\n\n> 引用的话\n\n![图](a.png)\n\n| 任务 | 完成情况 |\n|---|---|\n| 新建 | 已完成 |\n"
	rs, ds := Import("t.md", []byte(md), Options{})
	if len(rs) != 1 {
		t.Fatal(ds.Format("zh"))
	}
	r := reload(t, "t", rs)[0]
	if r.Title.Value != "民政局2023年工作总结" || r.Intro[0].Value != "今年以来，我局扎实工作。" {
		t.Errorf("title %q intro %+v", r.Title.Value, r.Intro)
	}
	if got := outline(r); got != "一、工作成效\n  （一）民生保障\n    1.\n    2.\n" {
		t.Errorf("outline:\n%s", got)
	}
	if hasCode(ds, "imp-md-quote", 1) == nil || hasCode(ds, "imp-md-image", 1) == nil {
		t.Errorf("no warnings for the quote and the picture: %v", codeList(ds))
	}
}

// TestYAMLScalars: values YAML would read as something else are quoted.
func TestYAMLScalars(t *testing.T) {
	for _, v := range []string{"2023", "true", "null", "- 列表", "a: b", "#注释", "“引号”开头", "\"双引号\"", "'单引号'", "含\t制表符", "2024-01-10", "1.5", "~", "@x", "%x", "含 #号", "尾冒号:", "[方括号]", "{花括号}", "&锚", "*别名", "!标签", "|竖线", ">大于", "反斜杠\\", "分\u2028隔",
		// numbers the parser reads that a pattern list missed (+-23 from CI's fuzzing)
		"+-23", "+23", "-0", "1_000", "0b101", "+.5", ".5", "0x_1F", "+0x12", "0o17", "017", "1__2", "+_1", "-.inf", ".NaN", "1:20", "No", "yes", "Off",
		// text the parser reads as text
		"-+23", "1e3", "--1", "1.2.3", "0x", "++1", "+-23a"} {
		y := "agency: " + scalar(v) + "\n"
		f, ds := importParse(y + "year: 2023\n")
		if ds != "" {
			t.Errorf("%q: %s", v, ds)
			continue
		}
		if f != v {
			t.Errorf("%q came back as %q (written %s)", v, f, strings.TrimSpace(y))
		}
	}
	// Text stays plain where it can, so the file reads as the clerk wrote it.
	for _, v := range []string{"民政局", "2023年工作总结", "1e3", "1.2.3", "0x", "++1", "+-23a", "Noah"} {
		if got := scalar(v); got != v {
			t.Errorf("%q written %s, want it plain", v, got)
		}
	}
}

// A 版记 or 签发人 line is taken for its key only when what it names is
// short enough to be a name; a longer one stays in the body, so the data
// file written stays within the schema (a fuzzed 印发机关 of 2,680
// characters made a file gen could not load).
func TestColophonBounds(t *testing.T) {
	long := strings.Repeat("长", maxOrgan+1)
	cases := []struct {
		name, text string
		check      func(r *model.Report) bool
	}{
		{"imprint", "民政局工作总结\n\n今年完成了工作。\n\nxx区民政局办公室 2024年1月12日印发\n",
			func(r *model.Report) bool {
				return r.PrintedBy.Value == "xx区民政局办公室" && r.PrintedDate != nil
			}},
		{"long imprint", "民政局工作总结\n\n今年完成了工作。\n\n" + long + " 2024年1月12日印发\n",
			func(r *model.Report) bool { return r.PrintedBy.Value == "" && r.PrintedDate == nil }},
		{"copy to", "民政局工作总结\n\n今年完成了工作。\n\n抄送：区财政局，区审计局。\n",
			func(r *model.Report) bool { return len(r.CopyTo) == 2 }},
		{"long copy to", "民政局工作总结\n\n今年完成了工作。\n\n抄送：区财政局，" + long + "。\n",
			func(r *model.Report) bool { return len(r.CopyTo) == 0 }},
		{"long signer", "签发人：" + strings.Repeat("张", maxSigner+1) + "\n\n民政局工作总结\n\n今年完成了工作。\n",
			func(r *model.Report) bool { return r.Signer.Value == "" }},
	}
	for _, c := range cases {
		rs, ds := Import("f.txt", []byte(c.text), Options{Year: 2023})
		if ds.HasErrors() || len(rs) != 1 {
			t.Fatalf("%s: %d reports\n%s", c.name, len(rs), ds.Format("en"))
		}
		if !c.check(rs[0]) {
			t.Errorf("%s: printed_by %q, printed_date %v, copy_to %v, signer %q", c.name, rs[0].PrintedBy.Value, rs[0].PrintedDate, rs[0].CopyTo, rs[0].Signer.Value)
		}
		y := WriteYAML(rs, "f.txt")
		if _, lds := load.Parse("f.yaml", y, load.DefaultLimits); lds.HasErrors() {
			t.Errorf("%s: the data file written does not load:\n%s", c.name, lds.Format("en"))
		}
	}
}
