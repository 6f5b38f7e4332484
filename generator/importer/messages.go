package importer

import (
	"fmt"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// messages holds the importer's messages: code → {Chinese, English} format
// strings. Each says what happened and what to do.
var messages = map[string][2]string{
	"imp-read":           {"无法读取文件：%v", "cannot read the file: %v"},
	"imp-ext":            {"不认识的文件类型 \"%s\"：gen import 读取 .docx、.txt 和 .md 文件", "unknown file type \"%s\": gen import reads .docx, .txt and .md files"},
	"imp-doc":            {"这是旧版 Word 二进制格式（.doc），无法直接读取：请在 Word 或 WPS 中“另存为” Word 文档（.docx）后再导入", "this is an old binary Word file (.doc), which cannot be read: open it in Word or WPS and save it as a Word document (.docx), then import that"},
	"imp-wps":            {"这是 WPS 文字的 .wps 格式，无法直接读取：请在 WPS 中“另存为” Word 文档（.docx）后再导入", "this is a WPS Writer .wps file, which cannot be read: save it as a Word document (.docx) in WPS, then import that"},
	"imp-rtf":            {"这是 RTF 格式，无法直接读取：请在 Word 或 WPS 中“另存为” Word 文档（.docx）后再导入", "this is an RTF file, which cannot be read: save it as a Word document (.docx) in Word or WPS, then import that"},
	"imp-encrypted":      {"文档受密码保护（已加密），无法读取：请在 Word 中打开，取消密码（文件 → 信息 → 保护文档 → 用密码进行加密，清空密码）后保存，再导入", "the document is password-protected (encrypted) and cannot be read: open it in Word, remove the password (File → Info → Protect Document → Encrypt with Password, clear it), save, then import"},
	"imp-not-zip":        {"不是有效的 DOCX 文件（DOCX 是 ZIP 压缩包，这里读不出：%v）：请在 Word 或 WPS 中重新另存为 .docx", "not a valid DOCX file (a DOCX is a ZIP archive; this one cannot be read: %v): save it again as .docx in Word or WPS"},
	"imp-no-document":    {"DOCX 中缺少正文部件 word/document.xml：文件可能已损坏，请在 Word 或 WPS 中重新另存为 .docx", "the DOCX has no word/document.xml: the file may be damaged; save it again as .docx in Word or WPS"},
	"imp-bomb":           {"DOCX 中的 %s 解压后超过 %d 字节（压缩包炸弹或损坏的文件）：已停止读取；真实的报告远小于此", "%s inflates past %d bytes (a ZIP bomb or a damaged file): reading stopped; a real report is far smaller"},
	"imp-xml":            {"DOCX 中的 %s 不是有效的 XML（%v）：文件可能已损坏，请在 Word 或 WPS 中重新另存为 .docx", "%s in the DOCX is not valid XML (%v): the file may be damaged; save it again as .docx in Word or WPS"},
	"imp-empty":          {"文档中没有文字：请确认选对了文件（图片或扫描件中的文字无法导入）", "the document has no text: check that this is the right file (text in pictures or scans cannot be imported)"},
	"imp-too-many":       {"文档超过 %d 个字：已停止读取；请拆分成多个文件，或在 gen.yaml 中调大 limits.max_chars", "the document has more than %d characters: reading stopped; split it, or raise limits.max_chars in gen.yaml"},
	"imp-too-many-paras": {"文档超过 %d 段：已停止读取；请拆分成多个文件，或在 gen.yaml 中调大 limits.max_paragraphs", "the document has more than %d paragraphs: reading stopped; split it, or raise limits.max_paragraphs in gen.yaml"},
	"imp-gbk":            {"文件不是 UTF-8 编码，已按 GB18030（GBK）解码：请核对导入的文字", "the file is not UTF-8; it was decoded as GB18030 (GBK): check the imported text"},
	"imp-utf16":          {"文件是 UTF-16 编码，已转换", "the file is UTF-16; it was converted"},
	"imp-undecodable":    {"文件的编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）：请在记事本中“另存为”并选择 UTF-8 编码", "the file's encoding is not recognised (neither UTF-8 nor GBK/GB18030): save it again as UTF-8 (Notepad: Save As, Encoding UTF-8)"},
	"imp-no-year":        {"无法从标题“%s”中看出年度：请在标题中写明年度（如 民政局2023年工作总结），或用 gen import --year 2023 给出", "cannot tell the year from the title \"%s\": put the year into the title (民政局2023年工作总结), or give it with gen import --year 2023"},
	"imp-no-title":       {"没有找到标题（第一段是正文）：已按机关和年度生成标题，请核对 title", "no title found (the first paragraph is body text): a title was built from the agency and year; check title"},
	"imp-agency-file":    {"无法从标题中看出机关：已用文件名“%s”作为 agency，请核对或用 --agency 给出", "cannot tell the agency from the title: the file name \"%s\" was used as agency; check it, or give --agency"},
	"imp-after-end":      {"署名和日期之后还有一段（“%s”）：已放入结尾段落（closing），请核对", "a paragraph follows the signature and date (\"%s\"): it was put into closing; check it"},
	"imp-sequence":       {"编号“%s”不连续（前一个是 %d）：已按顺序重排，gen 会重新编号，请核对层级", "number \"%s\" is out of sequence (the previous one is %d): gen renumbers; check the level"},
	"imp-start":          {"这一级从“%s”开始而不是从 1 开始：已作为新的一级，请核对", "this level starts at \"%s\", not at 1: it was taken as a new level; check it"},
	"imp-after-table":    {"表格之后的段落（“%s”）已放在表格之前的正文中：gen 按 标题、正文、要点、表格、下级 的顺序排版，请核对", "the paragraph after a table (\"%s\") was put into the text before the table: gen sets heading, text, points, table, items in that order; check it"},
	"imp-table-text":     {"这里的表格无法对应到 table（%s）：已把各行作为正文（单元格以制表符分隔），请核对", "this table cannot be mapped to table (%s): its rows were kept as text (cells separated by tabs); check it"},
	"imp-table-ragged":   {"表格第 %d 行有 %d 个单元格，表头有 %d 列：已补齐空单元格，请核对", "table row %d has %d cells but the header has %d: empty cells were added; check it"},
	"imp-footnote":       {"这里有脚注或尾注，公文数据不能包含脚注：脚注的文字未导入，请把需要的内容写进正文", "a footnote or endnote here cannot be part of the report data: its text was not imported; put what is needed into the text"},
	"imp-mark":           {"发文机关标志“%s”未写入数据：红头模板按 issuer 印“issuer文件”；如要印这几个字，请在模板的 redhead.text 中设置", "the red head's mark \"%s\" is not data: the red-head template prints the issuer followed by 文件; set redhead.text in the template to print these words"},
	"imp-picture":        {"这里有图片或图形，公文数据不能包含图片：未导入，请另行处理", "a picture or drawing here cannot be part of the report data: it was not imported; handle it separately"},
	"imp-md-code":        {"Markdown 的代码块无法对应到数据字段：其中各行已作为正文保留，请核对", "a Markdown code block has no place in the data: its lines were kept as text; check them"},
	"imp-md-quote":       {"Markdown 的引用无法对应到数据字段：已作为正文保留，请核对", "a Markdown quote has no place in the data: it was kept as text; check it"},
	"imp-md-image":       {"Markdown 的图片不能放进公文数据：未导入图片（保留了说明文字），请另行处理", "a Markdown picture cannot be part of the report data: it was not imported (its alt text was kept); handle it separately"},
	"imp-front":          {"第一篇报告之前的内容（第 %[2]d 到 %[3]d %[1]s：封面、目录或汇编标题）已跳过：%[4]d 篇报告各自导入", "what comes before the first report (%[1]s %[2]d to %[3]d: cover, contents or the volume's title) was skipped: the %[4]d reports are imported one by one"},
	"imp-body":           {"“%s”在报告的结构中没有对应的位置：已放入上一块的正文（text），请核对", "\"%s\" has no place in the report's structure: it was put into the text of the block before it; check it"},
	"imp-invisible":      {"“%[2]s”中有 %[1]d 个不可见的控制字符（多来自网页或其他程序复制的文字）：已删除", "%[1]d invisible control characters in \"%[2]s\" (they come with text copied from web pages or other programs) were removed"},
	"imp-deep":           {"“%s”的层级超过四级：已作为上一级的正文保留，请核对", "\"%s\" is deeper than four levels: it was kept as text of the level above; check it"},
}

func msg(pos model.Pos, sev diag.Severity, code string, args ...any) diag.Diagnostic {
	m, ok := messages[code]
	if !ok {
		panic("importer: unknown message " + code)
	}
	return diag.Diagnostic{Pos: pos, Severity: sev, Code: code, ZH: fmt.Sprintf(m[0], args...), EN: fmt.Sprintf(m[1], args...)}
}

func fail(pos model.Pos, code string, args ...any) diag.Diagnostic {
	return msg(pos, diag.Error, code, args...)
}

func warn(pos model.Pos, code string, args ...any) diag.Diagnostic {
	return msg(pos, diag.Warning, code, args...)
}

// quote shortens a paragraph for a message.
func quote(s string) string {
	r := []rune(s)
	if len(r) > 24 {
		return string(r[:24]) + "…"
	}
	return s
}
