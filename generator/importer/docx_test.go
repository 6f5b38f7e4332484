package importer

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/docx"
	"github.com/gongwen/gen/generator/model"
)

// numberingXML is a list in Word's manner: 一、 → （一） → 1. → （1）, the
// first level bound to Heading 1, numbers only in numbering.xml.
const numberingXML = `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + wNS + `>
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:pStyle w:val="Heading1"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`

const stylesXML = `<?xml version="1.0" encoding="UTF-8"?><w:styles ` + wNS + `>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style>
</w:styles>`

func numbered(ilvl, text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="a5"/><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func styled(style, text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

// TestWordNumbering: numbers that exist only in numbering.xml
// (chineseCounting, lvlText （%2）, a level bound to a heading style) give
// the structure, and a skipped level becomes numbering:.
func TestWordNumbering(t *testing.T) {
	body := styled("Title", "民政局2023年工作总结及2024年工作计划") +
		paras("2023年，我局各项工作取得明显成效。") +
		styled("Heading1", "2023年工作成效") +
		numbered("1", "民生保障持续加强。全年新增低保对象xxx人。") +
		numbered("1", "养老服务不断完善") +
		numbered("3", "建成养老服务中心x个。") +
		numbered("3", "开展培训xx次。") +
		styled("Heading1", "存在的问题") +
		numbered("2", "基层力量不足。") +
		numbered("2", "资金缺口较大。") +
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>项目符号不是编号。</w:t></w:r></w:p>` +
		styled("Heading1", "2024年工作计划") + paras("继续做好民生保障工作。")
	data := makeDOCX(t, body, map[string]string{"word/numbering.xml": numberingXML, "word/styles.xml": stylesXML})
	ps, ds := ReadDOCX("编号.docx", data, Options{})
	if ds.HasErrors() {
		t.Fatal(ds.Format("zh"))
	}
	var texts []string
	for _, p := range ps {
		texts = append(texts, p.Text)
	}
	want := "民政局2023年工作总结及2024年工作计划|2023年，我局各项工作取得明显成效。|一、2023年工作成效|（一）民生保障持续加强。全年新增低保对象xxx人。|（二）养老服务不断完善|（1）建成养老服务中心x个。|（2）开展培训xx次。|二、存在的问题|1.基层力量不足。|2.资金缺口较大。|项目符号不是编号。|三、2024年工作计划|继续做好民生保障工作。"
	if got := strings.Join(texts, "|"); got != want {
		t.Errorf("paragraphs:\n got %s\nwant %s", got, want)
	}
	rs, ds := Import("编号.docx", data, Options{})
	if len(rs) != 1 {
		t.Fatal(ds.Format("zh"))
	}
	r := reload(t, "编号", rs)[0]
	if structure(r) != "blocks per depth [3 4 2], table rows 0" {
		t.Errorf("structure %s", structure(r))
	}
	s := r.Sections
	if s[0].Items[1].Numbering != model.NumParenArabic || s[1].Numbering != model.NumArabic {
		t.Errorf("skipped levels not kept: %q %q", s[0].Items[1].Numbering, s[1].Numbering)
	}
	if s[0].Items[0].Heading.Value != "民生保障持续加强" || len(s[0].Items[0].Text) != 1 {
		t.Errorf("run-in heading: %+v", s[0].Items[0])
	}
	if r.Title.Value != "民政局2023年工作总结及2024年工作计划" || r.Year != 2023 || r.Agency.Value != "民政局" {
		t.Errorf("title %q year %d agency %q", r.Title.Value, r.Year, r.Agency.Value)
	}
}

// TestWordFeatures: strict OOXML namespaces, text boxes (with their
// fallback copy ignored), content controls, tracked changes (accepted
// text), fields (their result), hidden text, symbols and line breaks.
func TestWordFeatures(t *testing.T) {
	const strict = `xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"`
	body := `<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>民政局2023年</w:t></w:r><w:r><w:br/><w:t>工作总结</w:t></w:r></w:p>` +
		`<w:sdt><w:sdtPr><w:alias w:val="引言"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>今年以来，</w:t></w:r><w:ins w:author="a"><w:r><w:t>我局</w:t></w:r></w:ins><w:del w:author="a"><w:r><w:delText>删掉的字</w:delText></w:r></w:del><w:r><w:t>工作扎实。</w:t></w:r></w:p></w:sdtContent></w:sdt>` +
		`<w:p><w:r><w:t>一、工作成效</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>共办理</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> = 2 + 3 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>件</w:t></w:r><w:r><w:sym w:font="Symbol" w:char="2103"/></w:r><w:r><w:t>。</w:t></w:r>` +
		`<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="x"><a:graphic xmlns:a="y"><a:graphicData><wps:wsp xmlns:wps="z"><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的段落。</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="v"><w:txbxContent><w:p><w:r><w:t>文本框里的段落。</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
		`<w:p><w:pPr><w:pPrChange><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:rPr><w:rPrChange><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr><w:t>旧格式不算数。</w:t></w:r></w:p>` +
		`<w:p><w:r><w:drawing><wp:inline xmlns:wp="x"/></w:drawing></w:r></w:p>`
	for _, ns := range []string{wNS, strict} {
		data := makeDOCX(t, "", map[string]string{"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document ` + ns + `><w:body>` + body + `</w:body></w:document>`})
		ps, ds := ReadDOCX("特性.docx", data, Options{})
		if ds.HasErrors() {
			t.Fatal(ds.Format("zh"))
		}
		var texts []string
		pictures := 0
		for _, p := range ps {
			if p.Note == "imp-picture" {
				pictures++
				continue
			}
			texts = append(texts, p.Text)
		}
		want := "民政局2023年工作总结|今年以来，我局工作扎实。|一、工作成效|共办理5件℃。|文本框里的段落。|旧格式不算数。|"
		if got := strings.Join(texts, "|"); got != want {
			t.Errorf("%s:\n got %s\nwant %s", ns, got, want)
		}
		if pictures != 1 || !ps[0].Title {
			t.Errorf("%s: %d picture notes (want 1), title %v", ns, pictures, ps[0].Title)
		}
		if rs, ds := Import("特性.docx", data, Options{}); len(rs) != 1 || hasCode(ds, "imp-picture", 1) == nil {
			t.Errorf("%s: no picture warning: %s", ns, ds.Format("zh"))
		}
	}
}

// TestVolume: the 14-report volume gen --compile writes imports as 14
// reports, with the examples' titles, in order, and the cover and contents
// skipped with one warning.
func TestVolume(t *testing.T) {
	exs := exampleReports(t)
	var v docx.Volume
	v.Title, v.TitleLines, v.Contents = "各级局机关2023年工作总结及2024年工作计划汇编（14篇）", []string{"各级局机关2023年工作总结及", "2024年工作计划汇编（14篇）"}, "目录"
	names := sortedKeys(exs)
	for i, n := range names {
		v.Entries = append(v.Entries, docx.VolumeEntry{Report: exs[n], Page: 1 + 7*i})
	}
	var buf bytes.Buffer
	if err := docx.WriteVolume(&buf, &v, gongwen(t), docx.Options{}); err != nil {
		t.Fatal(err)
	}
	rs, ds := Import("汇编.docx", buf.Bytes(), Options{})
	if len(rs) != 14 {
		t.Fatalf("%d reports, want 14:\n%s", len(rs), ds.Format("zh"))
	}
	if hasCode(ds, "imp-front", 1) == nil {
		t.Errorf("no warning about the skipped cover and contents")
	}
	got := reload(t, "汇编", rs)
	for i, n := range names {
		ex := exs[n]
		if got[i].Title.Value != ex.Title.Value {
			t.Errorf("report %d: title %q, want %q", i+1, got[i].Title.Value, ex.Title.Value)
		}
		if d := diffLines(printed(ex), printed(got[i])); d != "" {
			t.Errorf("%s: printed text differs at %s", n, d)
		}
	}
}

func sortedKeys(m map[string]*model.Report) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestTitleParagraphs: a title set in two Title paragraphs is one title,
// and a Title-styled subtitle does not start a second report.
func TestTitleParagraphs(t *testing.T) {
	body := styled("Title", "民政局2023年工作总结") + styled("Title", "及2024年工作计划") + paras("今年以来，我局扎实工作。", "一、成效", "全年完成任务。") +
		styled("Title", "附：有关说明") + paras("说明文字。")
	rs, ds := Import("两段标题.docx", makeDOCX(t, body, map[string]string{"word/styles.xml": stylesXML}), Options{})
	if len(rs) != 1 {
		t.Fatalf("%d reports:\n%s", len(rs), ds.Format("zh"))
	}
	if rs[0].Title.Value != "民政局2023年工作总结及2024年工作计划" || rs[0].PlanYear != 2024 {
		t.Errorf("title %q plan year %d", rs[0].Title.Value, rs[0].PlanYear)
	}
}

// TestLegalNumbering: Word's 第1章 / 1.1 heading numbers, which gen does
// not write, are left to gen, which numbers the headings by their level.
func TestLegalNumbering(t *testing.T) {
	num := `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + wNS + `><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="第%1章"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	styles := strings.Replace(stylesXML, `</w:styles>`, `<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>`, 1)
	h := func(style, lvl, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/><w:numPr><w:ilvl w:val="` + lvl + `"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := styled("Title", "民政局2023年工作总结") + h("Heading1", "0", "工作成效") + h("Heading2", "1", "民生保障") + paras("全年新增低保对象xxx人。") + h("Heading2", "1", "养老服务") + paras("建成中心x个。") + h("Heading1", "0", "存在问题") + paras("力量不足。")
	rs, ds := Import("章节.docx", makeDOCX(t, body, map[string]string{"word/numbering.xml": num, "word/styles.xml": styles}), Options{})
	if len(rs) != 1 {
		t.Fatal(ds.Format("zh"))
	}
	r := reload(t, "章节", rs)[0]
	if got := outline(r); got != "一、工作成效\n  （一）民生保障\n  （二）养老服务\n二、存在问题\n" {
		t.Errorf("outline:\n%s", got)
	}
}

// TestBoldPhrase: a bold phrase inside a sentence is emphasis, not a
// run-in heading; a bold first sentence is one.
func TestBoldPhrase(t *testing.T) {
	bold := func(b, rest string) string {
		return `<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>` + b + `</w:t></w:r><w:r><w:t>` + rest + `</w:t></w:r></w:p>`
	}
	body := paras("民政局2023年工作总结", "一、成效") + bold("（一）加强党建", "，推动各项工作落实。") + bold("（二）保障有力。", "全年新增低保对象xxx人。")
	rs, ds := Import("加粗.docx", makeDOCX(t, body, nil), Options{})
	if len(rs) != 1 {
		t.Fatal(ds.Format("zh"))
	}
	items := rs[0].Sections[0].Items
	if items[0].Heading.Value != "" || items[0].Text[0].Value != "加强党建，推动各项工作落实。" {
		t.Errorf("bold phrase taken as a heading: %q / %+v", items[0].Heading.Value, items[0].Text)
	}
	if items[1].Heading.Value != "保障有力" || items[1].Text[0].Value != "全年新增低保对象xxx人。" {
		t.Errorf("bold sentence: %q / %+v", items[1].Heading.Value, items[1].Text)
	}
}

// TestMergedCells: a cell spanning two columns keeps the row's width.
func TestMergedCells(t *testing.T) {
	cell := func(span, text string) string {
		pr := ""
		if span != "" {
			pr = `<w:tcPr><w:gridSpan w:val="` + span + `"/></w:tcPr>`
		}
		return `<w:tc>` + pr + `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:tc>`
	}
	tbl := `<w:tbl><w:tr>` + cell("", "任务") + cell("", "完成情况") + cell("", "备注") + `</w:tr><w:tr>` + cell("2", "全部完成") + cell("", "无") + `</w:tr></w:tbl>`
	rs, ds := Import("合并.docx", makeDOCX(t, paras("民政局2023年工作总结", "一、成效")+tbl, nil), Options{})
	if len(rs) != 1 {
		t.Fatal(ds.Format("zh"))
	}
	tb := rs[0].Sections[0].Table
	if tb == nil || len(tb.Rows) != 1 || len(tb.Rows[0]) != 3 || tb.Rows[0][2].Value != "无" || hasCode(ds, "imp-table-ragged", 1) != nil {
		t.Errorf("table %+v\n%s", tb, ds.Format("zh"))
	}
}
