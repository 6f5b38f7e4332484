package importer

import (
	"strings"
	"testing"
)

// FuzzReadDOCX feeds arbitrary document.xml bodies (in a well-formed
// package, with numbering and styles) to the DOCX reader. It must not
// panic, must return paragraphs or an error, and must stay within the
// paragraph limit.
func FuzzReadDOCX(f *testing.F) {
	for _, s := range []string{
		paras("民政局2023年工作总结", "一、成效", "（一）保障。全年新增。"),
		numbered("1", "民生保障。全年新增。") + numbered("3", "中心") + styled("Heading1", "标题"),
		`<w:sdt><w:sdtContent><w:p><w:r><w:t>a</w:t></w:r></w:p></w:sdtContent></w:sdt>`,
		`<w:tbl><w:tr><w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt></w:tr></w:tbl>`,
		`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>x</w:t></w:r></w:p>`,
		`<w:p><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>`,
	} {
		f.Add(s)
	}
	parts := map[string]string{"word/numbering.xml": numberingXML, "word/styles.xml": stylesXML}
	f.Fuzz(func(t *testing.T, body string) {
		data := makeDOCX(t, body, parts)
		ps, ds := ReadDOCX("f.docx", data, Options{MaxParagraphs: 500})
		if ds.HasErrors() && ps != nil && !strings.Contains(ds.Format("en"), "no text") {
			t.Fatalf("errors and paragraphs: %s", ds.Format("en"))
		}
		if len(ps) > 2000 {
			t.Fatalf("%d paragraphs past the limit", len(ps))
		}
		rs, _ := Import("f.docx", data, Options{MaxParagraphs: 500, Year: 2023})
		if len(rs) > 0 {
			WriteYAML(rs, "f.docx")
		}
	})
}
