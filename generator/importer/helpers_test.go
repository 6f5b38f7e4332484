package importer

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/load"
)

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// makeDOCX builds a DOCX from part name → content; document.xml gets the
// WordprocessingML namespace and a body around body.
func makeDOCX(t testing.TB, body string, parts map[string]string) []byte {
	t.Helper()
	all := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`,
	}
	for k, v := range parts {
		all[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range all {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// paras writes plain paragraphs.
func paras(lines ...string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + l + `</w:t></w:r></w:p>`)
	}
	return b.String()
}

// importParse loads a small data file and returns its agency, or the
// messages.
func importParse(y string) (string, string) {
	f, ds := load.Parse("x.yaml", []byte(y), load.DefaultLimits)
	if ds.HasErrors() {
		return "", ds.Format("en")
	}
	return f.Reports[0].Agency.Value, ""
}
