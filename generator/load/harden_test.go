package load

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gongwen/gen/generator/diag"
)

// find returns the diagnostics of code in ds.
func find(ds diag.List, code string) diag.List {
	var out diag.List
	for _, d := range ds {
		if d.Code == code {
			out = append(out, d)
		}
	}
	return out
}

// TestLostComment (issue 11 item 2): text after " #" in an unquoted prose
// value is a warning at the "#"; comments after keys like year stay silent;
// quoted text and block scalars keep their "#".
func TestLostComment(t *testing.T) {
	src := hdr[:len(hdr)-1] + "  # 年度\n" +
		"intro: 开展执法检查 #1200余次，取得成效。\n" +
		"recipient: \"区委 #1\"\n" +
		"closing: |\n  结尾 #2 保留\n" +
		"sections:\n" +
		"  - heading: 基本情况 # 一级\n" +
		"    points:\n      - 完善制度 #3\n" +
		"    numbering: \"（一）\"  # 编号\n" +
		"    table:\n      columns: [任务, 情况]\n      rows:\n        - - 检查\n          - 完成 #4\n"
	f, ds := Parse("c.yaml", []byte(src), DefaultLimits)
	if f == nil {
		t.Fatalf("not loaded: %s", ds.Format("zh"))
	}
	got := find(ds, "comment-in-text")
	want := []string{"c.yaml:3:15", "c.yaml:8:19", "c.yaml:10:14", "c.yaml:16:16"}
	var pos []string
	for _, d := range got {
		pos = append(pos, d.Pos.String())
		if d.Severity != diag.Warning {
			t.Errorf("%s: not a warning", d.Pos)
		}
	}
	if strings.Join(pos, " ") != strings.Join(want, " ") {
		t.Errorf("positions %v, want %v\n%s", pos, want, ds.Format("zh"))
	}
	if len(got) > 0 {
		d := got[0]
		if !strings.Contains(d.ZH, "文字中的“ #”之后被当作注释丢掉了") || !strings.Contains(d.ZH, "#1200余次") || !strings.Contains(d.ZH, "加引号") ||
			!strings.Contains(d.EN, "taken as a comment") {
			t.Errorf("message %q / %q", d.ZH, d.EN)
		}
		if !strings.Contains(d.Format("zh"), "\n    intro: 开展执法检查 #1200余次，取得成效。\n") || !strings.HasSuffix(d.Format("zh"), strings.Repeat(" ", 4+7+12+1)+"^") {
			t.Errorf("caret:\n%s", d.Format("zh"))
		}
	}
	if f.Reports[0].Intro[0].Value != "开展执法检查" || f.Reports[0].Recipient.Value != "区委 #1" || f.Reports[0].Closing[0].Value != "结尾 #2 保留" {
		t.Errorf("values %q %q %q", f.Reports[0].Intro[0].Value, f.Reports[0].Recipient.Value, f.Reports[0].Closing[0].Value)
	}
	// A row cell is text too (the rows' last cell).
	if len(find(ds, "comment-in-text")) != 4 {
		t.Errorf("%d warnings", len(got))
	}
}

// TestTypedNumbers (item 3): a heading or the first paragraph of a
// numbered block that repeats its number loses the typed one, with a
// warning at its position; unnumbered lists keep it; years and decimals
// are not numbers.
func TestTypedNumbers(t *testing.T) {
	src := hdr + "sections:\n" +
		"  - heading: 二、存在的问题\n" +
		"    items:\n" +
		"      - heading: （三）养老服务\n" +
		"      - heading: (1) 半角括号\n" +
		"  - heading: 2023年工作成效\n" +
		"  - heading: 1.5万人次受益\n" +
		"  - text: 3. 没有标题的段落\n" +
		"  - heading: 第一，坚持\n" +
		"  - heading: 1、顿号\n" +
		"  - heading: ①圈码\n" +
		"  - heading: 一是开展\n" +
		"  - numbering: none\n" +
		"    items:\n" +
		"      - heading: 一、不编号的列表保留\n"
	f, ds := Parse("n.yaml", []byte(src), DefaultLimits)
	if f == nil {
		t.Fatal(ds.Format("zh"))
	}
	s := f.Reports[0].Sections
	got := []string{s[0].Heading.Value, s[0].Items[0].Heading.Value, s[0].Items[1].Heading.Value, s[1].Heading.Value, s[2].Heading.Value,
		s[3].Text[0].Value, s[4].Heading.Value, s[5].Heading.Value, s[6].Heading.Value, s[7].Heading.Value, s[8].Items[0].Heading.Value}
	want := []string{"存在的问题", "养老服务", "半角括号", "2023年工作成效", "1.5万人次受益", "没有标题的段落", "坚持", "顿号", "圈码", "一是开展", "一、不编号的列表保留"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: %q, want %q", i, got[i], want[i])
		}
	}
	w := find(ds, "typed-number")
	if len(w) != 7 {
		t.Fatalf("%d warnings:\n%s", len(w), ds.Format("zh"))
	}
	if w[0].Pos.String() != "n.yaml:4:14" || !strings.Contains(w[0].ZH, "“二、”已去掉") || !strings.Contains(w[0].ZH, "印成“一、”") {
		t.Errorf("first: %s", w[0].Format("zh"))
	}
	if w[1].Pos.String() != "n.yaml:6:18" || s[0].Items[0].Heading.Pos.String() != "n.yaml:6:21" {
		t.Errorf("positions %s, heading now at %s", w[1].Pos, s[0].Items[0].Heading.Pos)
	}
}

// TestLeadingNumber lists the number styles recognised.
func TestLeadingNumber(t *testing.T) {
	cases := map[string]int{
		"一、标题": len("一、"), "十二、标题": len("十二、"), "（一）标题": len("（一）"), "(二)标题": len("(二)"),
		"1.标题": 2, "1. 标题": 3, "12．标题": len("12．"), "3、标题": len("3、"), "（1）标题": len("（1）"), "(10) 标题": 5,
		"第一，标题": len("第一，"), "第二、标题": len("第二、"), "②标题": len("②"), "一、　标题": len("一、　"),
		"2023年": 0, "1.5万": 0, "一是": 0, "第一次": 0, "一、": 0, "标题": 0, "": 0, "（一": 0, "十分重要": 0,
	}
	for in, want := range cases {
		if got := LeadingNumber(in); got != want {
			t.Errorf("LeadingNumber(%q) = %d, want %d", in, got, want)
		}
	}
}

// TestSecondDocument (item 5): a second YAML document is refused at its
// "---" line.
func TestSecondDocument(t *testing.T) {
	src := "---\n" + hdr + "intro: 第一篇\n---\nagency: 公安局\nyear: 2023\n"
	f, ds := Parse("d.yaml", []byte(src), DefaultLimits)
	if f != nil || len(ds) != 1 || ds[0].Code != "second-document" || ds[0].Pos.String() != "d.yaml:5:1" || !strings.Contains(ds[0].ZH, "reports:") {
		t.Errorf("got %v %s", f != nil, ds.Format("zh"))
	}
	// A trailing "---" with nothing after it is harmless.
	if f, ds := Parse("d.yaml", []byte(hdr+"---\n"), DefaultLimits); f == nil {
		t.Errorf("trailing ---: %s", ds.Format("zh"))
	}
}

// TestClerkMistakes (item 12): the commonest mistakes get a message that
// names them, at the right column, with the line quoted and a caret, and no
// parser English in the Chinese.
func TestClerkMistakes(t *testing.T) {
	cases := []struct {
		name, src, code, pos, zh, en string
	}{
		{"full-width colon", "agency：民政局\nyear: 2023\n", "fullwidth-colon", "1:7", "字段 agency 后面用了全角冒号“：”", "full-width colon"},
		{"full-width colon in a block", hdr + "sections:\n  - heading： 标题\n", "fullwidth-colon", "4:12", "请改成“heading: ”", "half-width colon"},
		{"full-width indent", hdr + "sections:\n　　- heading: 标题\n", "fullwidth-indent", "4:1", "全角空格", "full-width spaces"},
		{"tab", hdr + "sections:\n\t- heading: 标题\n", "tab-indent", "4:1", "Tab", "tab"},
		{"bracket", hdr + "intro: [重要]今年来，我局……\n", "special-start", "3:8", "intro 的文字以“[”开头", "starts with \"[\""},
		{"quote then text", hdr + "intro: \"重要\"工作取得成效\n", "special-start", "3:8", "加上引号", "quote the whole text"},
		{"asterisk", hdr + "sections:\n  - heading: *重点*工作\n", "special-start", "4:14", "“*”开头", "\"*\""},
		{"at sign", hdr + "title: @民政局\n", "special-start", "3:8", "“@”开头", "\"@\""},
		{"backtick", hdr + "title: `标题`\n", "special-start", "3:8", "“`”开头", "\"`\""},
		{"bar", hdr + "intro: |开头的文字\n", "special-start", "3:8", "“|”开头", "\"|\""},
		{"dash", hdr + "intro: - 开头的文字\n", "special-start", "3:8", "“-”开头", "\"-\""},
		{"exclamation", hdr + "intro: !重要工作\n", "special-start", "3:8", "“!”开头", "\"!\""},
		{"percent", hdr + "intro: %5增长\n", "special-start", "3:8", "“%”开头", "\"%\""},
		{"ampersand", hdr + "intro: &今年来\n", "special-start", "3:8", "“&”开头", "\"&\""},
		{"UTF-16 without BOM", string(utf16le(hdr)), "utf16", "1:1", "UTF-16", "UTF-16"},
		{"UTF-16 with BOM", "\xff\xfe" + string(utf16le(hdr)), "utf16", "1:1", "以 UTF-8 编码另存", "save it as UTF-8"},
		{"reports next to top-level keys", "reports:\n  - agency: 甲\n    year: 2023\nagency: 乙\n", "reports-mixed", "4:1", "写了 reports: 列表，顶层又写了 \"agency\"", "inside an item of the reports list"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, ds := Parse("m.yaml", []byte(c.src), DefaultLimits)
			if len(ds) == 0 {
				t.Fatal("accepted")
			}
			d := ds[0]
			if d.Code != c.code || d.Pos.String() != "m.yaml:"+c.pos || !strings.Contains(d.ZH, c.zh) || !strings.Contains(d.EN, c.en) {
				t.Errorf("got %s %s\n%s\n%s", d.Code, d.Pos, d.Format("zh"), d.EN)
			}
			if c.code != "utf16" && !strings.Contains(d.Format("zh"), "\n    ") || c.code != "utf16" && !strings.HasSuffix(d.Format("zh"), "^") {
				t.Errorf("no quoted line with a caret:\n%s", d.Format("zh"))
			}
		})
	}
}

// TestSyntaxNoEnglish: the parser's own English stays out of the Chinese
// message (it is kept in the English one).
func TestSyntaxNoEnglish(t *testing.T) {
	_, ds := Parse("s.yaml", []byte(hdr+"title: 标题: 有冒号\n"), DefaultLimits)
	if len(ds) != 1 || strings.Contains(ds[0].ZH, "mapping") || !strings.Contains(ds[0].EN, "mapping value") || !strings.Contains(ds[0].ZH, "引号") {
		t.Errorf("%q / %q", ds[0].ZH, ds[0].EN)
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		if r < 0x10000 {
			b = append(b, byte(r), byte(r>>8))
		}
	}
	return b
}

// FuzzProseDetection feeds arbitrary lines to the comment and number
// detection: they must not panic, must return offsets inside the input on
// character boundaries, and a number found must leave text after it.
func FuzzProseDetection(f *testing.F) {
	for _, s := range []string{"intro: 开展执法检查 #1200余次", "heading: 二、存在的问题", "（一）养老", "1.5万", "第一，坚持", "①", "a #b #c", "\"q #\" #x", "一、", "(10) x", "\xff#"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, start int) {
		if i := CommentAfter(s, start); i >= 0 {
			if i <= start || i >= len(s) || s[i] != '#' || (s[i-1] != ' ' && s[i-1] != '\t') {
				t.Fatalf("CommentAfter(%q, %d) = %d", s, start, i)
			}
		}
		n := LeadingNumber(s)
		if n < 0 || n > len(s) || (n > 0 && (n == len(s) || strings.TrimSpace(s[n:]) == "")) {
			t.Fatalf("LeadingNumber(%q) = %d", s, n)
		}
		if n > 0 {
			if utf8.ValidString(s) && !utf8.RuneStart(s[n]) {
				t.Fatalf("LeadingNumber(%q) = %d: not on a character boundary", s, n)
			}
			// The same text inside a numbered heading loads without panic.
			src := hdr + "sections:\n  - heading: \"" + strings.NewReplacer("\\", "", "\"", "", "\n", "", "\r", "").Replace(s) + "\"\n"
			Parse("z.yaml", []byte(src), DefaultLimits)
		}
	})
}

// TestHashInFlow: a " #" inside [ … ] eats the closing bracket; the
// message says so at the "#".
func TestHashInFlow(t *testing.T) {
	_, ds := Parse("h.yaml", []byte(hdr+"sections:\n  - points: [完善制度 #3, 开展培训]\n"), DefaultLimits)
	if len(ds) != 1 || ds[0].Code != "hash-in-flow" || ds[0].Pos.String() != "h.yaml:4:19" || !strings.Contains(ds[0].ZH, "加引号") {
		t.Errorf("%s", ds.Format("zh"))
	}
}
