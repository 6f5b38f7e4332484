package importer

import (
	"archive/zip"
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/diag"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func codeList(ds diag.List) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Code)
	}
	return out
}

func hasCode(ds diag.List, code string, sev diag.Severity) *diag.Diagnostic {
	for i := range ds {
		if ds[i].Code == code && ds[i].Severity == sev {
			return &ds[i]
		}
	}
	return nil
}

// ole builds the start of an OLE compound file whose directory names the
// given streams (UTF-16LE), as Word's .doc and encrypted DOCX files do.
func ole(streams ...string) []byte {
	b := append([]byte{}, oleMagic...)
	b = append(b, make([]byte, 504)...)
	for _, s := range streams {
		name := utf16le(s)
		b = append(b, name...)
		b = append(b, make([]byte, 128-len(name))...)
	}
	return b
}

// TestMessages: each bad input gets its own clear message, in Chinese and
// English, with the file (and the position where there is one).
func TestMessages(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("民政局2023年工作总结\n一、工作成效\n全年新增低保对象xxx人。\n")
	cases := []struct {
		name, file string
		data       []byte
		code       string
		sev        diag.Severity
		zh, en     string // words the message must hold
		line       int
	}{
		{"doc", "报告.doc", ole("WordDocument", "1Table"), "imp-doc", diag.Error, "另存为", "save it as a Word document (.docx)", 0},
		{"doc named docx", "报告.docx", ole("WordDocument"), "imp-doc", diag.Error, ".docx", ".docx", 0},
		{"encrypted", "报告.docx", ole("EncryptionInfo", "EncryptedPackage"), "imp-encrypted", diag.Error, "密码", "password", 0},
		{"not zip", "报告.docx", []byte("PK\x03\x04garbage"), "imp-not-zip", diag.Error, "ZIP", "ZIP", 0},
		{"empty docx", "空.docx", makeDOCX(t, `<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>`, nil), "imp-empty", diag.Error, "没有文字", "no text", 0},
		{"empty txt", "空.txt", []byte("\n  \n\u3000\n"), "imp-empty", diag.Error, "没有文字", "no text", 0},
		{"no document part", "坏.docx", func() []byte {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			w, _ := zw.Create("word/other.xml")
			w.Write([]byte("<x/>"))
			zw.Close()
			return b.Bytes()
		}(), "imp-no-document", diag.Error, "document.xml", "document.xml", 0},
		{"broken xml", "坏.docx", makeDOCX(t, `<w:p><w:r><w:t>未闭合`, nil), "imp-xml", diag.Error, "XML", "XML", 0},
		{"gbk", "记事本.txt", []byte(gbk), "imp-gbk", diag.Warning, "GB18030", "GB18030", 1},
		{"undecodable", "乱码.txt", []byte{0xff, 0xfe - 1, 0x81, 0x30, 0xff, 0x00, 0x81}, "imp-undecodable", diag.Error, "UTF-8", "UTF-8", 1},
		{"no year", "无年度.txt", []byte("民政局工作总结\n一、工作成效\n全年新增低保对象xxx人。\n"), "imp-no-year", diag.Error, "--year", "--year", 1},
		{"after the date", "落款.txt", []byte("民政局2023年工作总结\n一、工作成效\n全年新增低保对象xxx人。\nxx区民政局\n2024年1月10日\n（此件公开发布）\n"), "imp-after-end", diag.Warning, "closing", "closing", 6},
		{"out of sequence", "跳号.txt", []byte("民政局2023年工作总结\n一、工作成效\n全年新增。\n三、存在问题\n力量不足。\n"), "imp-sequence", diag.Warning, "不连续", "out of sequence", 4},
		{"wps", "报告.wps", ole("WpsCustomData"), "imp-wps", diag.Error, "WPS", "WPS", 0},
		{"rtf", "报告.rtf", []byte(`{\rtf1\ansi 报告}`), "imp-rtf", diag.Error, "RTF", "RTF", 0},
		{"rtf named doc", "报告.doc", []byte(`{\rtf1\ansi 报告}`), "imp-rtf", diag.Error, "另存为", ".docx", 0},
		{"unknown type", "报告.pdf", []byte("%PDF-1.7"), "imp-ext", diag.Error, ".docx", ".docx", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs, ds := Import(c.file, c.data, Options{})
			d := hasCode(ds, c.code, c.sev)
			n := 0
			for _, x := range ds {
				if x.Code == c.code {
					n++
				}
			}
			if n > 1 {
				t.Errorf("%s given %d times", c.code, n)
			}
			if d == nil {
				t.Fatalf("no %s message; got %v:\n%s", c.code, codeList(ds), ds.Format("zh"))
			}
			zh, en := d.Format("zh"), d.Format("en")
			if !strings.Contains(zh, c.zh) || !strings.Contains(en, c.en) || !strings.HasPrefix(zh, c.file) {
				t.Errorf("message lacks %q / %q or the file name:\n%s\n%s", c.zh, c.en, zh, en)
			}
			if d.Pos.Line != c.line {
				t.Errorf("position %s, want line %d", d.Pos, c.line)
			}
			if c.sev == diag.Error && len(rs) != 0 {
				t.Errorf("an error, yet %d reports", len(rs))
			}
			if c.sev == diag.Warning && len(rs) != 1 {
				t.Errorf("a warning, yet %d reports", len(rs))
			}
		})
	}
}

// TestUnmappable: a paragraph that fits no key is kept in the nearest
// block's text, and a warning names its paragraph.
func TestUnmappable(t *testing.T) {
	body := paras("民政局2023年工作总结", "一、工作成效", "（一）民生保障。全年新增低保对象xxx人。") +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>只有一行的表格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		paras("二、存在问题", "力量不足。")
	rs, ds := Import("表格.docx", makeDOCX(t, body, nil), Options{})
	if len(rs) != 1 {
		t.Fatalf("%d reports: %s", len(rs), ds.Format("zh"))
	}
	d := hasCode(ds, "imp-table-text", diag.Warning)
	if d == nil || d.Pos.Line != 4 {
		t.Fatalf("want a warning at paragraph 4, got:\n%s", ds.Format("zh"))
	}
	b := rs[0].Sections[0].Items[0]
	if len(b.Text) != 2 || b.Text[1].Value != "只有一行的表格" {
		t.Errorf("the table's row is not in the block's text: %+v", b.Text)
	}
	if !strings.Contains(d.Format("en"), "kept as text") || !strings.Contains(d.Format("zh"), "只有一行") {
		t.Errorf("message: %s / %s", d.Format("zh"), d.Format("en"))
	}
}

// TestZipBomb: a document.xml that inflates past the limit stops with a
// message, having read no more than the limit; text and paragraphs have
// their own limits.
func TestZipBomb(t *testing.T) {
	const limit = 4 << 20
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document ` + wNS + `><w:body>`))
	chunk := []byte(strings.Repeat("<w:p><w:r><w:t>"+strings.Repeat("很", 300)+"</w:t></w:r></w:p>", 100))
	for written := 0; written < 10*limit; written += len(chunk) {
		w.Write(chunk)
	}
	zw.Close()
	data := buf.Bytes()
	t.Logf("bomb: %d KB inflating to %d MB", len(data)>>10, 10*limit>>20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rs, ds := Import("炸弹.docx", data, Options{MaxPartBytes: limit, MaxChars: 1 << 30})
	runtime.ReadMemStats(&after)
	if len(rs) != 0 || hasCode(ds, "imp-bomb", diag.Error) == nil {
		t.Fatalf("want the imp-bomb error, got %v", codeList(ds))
	}
	if used := after.TotalAlloc - before.TotalAlloc; used > 16*limit { // reading all of it would take ten times as much
		t.Errorf("allocated %d MB reading a bomb, want a bounded amount", used>>20)
	} else {
		t.Logf("allocated %d MB in all before stopping", used>>20)
	}
	if DefaultMaxPartBytes > 64<<20 {
		t.Errorf("the default part limit %d is not a bound a clerk's PC can afford", DefaultMaxPartBytes)
	}
	// The character limit stops text before the part limit.
	rs, ds = Import("炸弹.docx", data, Options{MaxPartBytes: limit, MaxChars: 100_000})
	if len(rs) != 0 || hasCode(ds, "imp-too-many", diag.Error) == nil {
		t.Fatalf("want the imp-too-many error, got %v", codeList(ds))
	}
	// Text files have the same limits.
	rs, ds = Import("长.txt", []byte(strings.Repeat("很长的一段话。\n", 1000)), Options{MaxChars: 5000})
	if len(rs) != 0 || hasCode(ds, "imp-too-many", diag.Error) == nil {
		t.Fatalf("text: want the imp-too-many error, got %v", codeList(ds))
	}
	// And many empty paragraphs stop at the paragraph limit.
	rs, ds = Import("段落.docx", makeDOCX(t, strings.Repeat("<w:p/>", 1000), nil), Options{MaxParagraphs: 100})
	if len(rs) != 0 || hasCode(ds, "imp-too-many-paras", diag.Error) == nil {
		t.Fatalf("want the imp-too-many-paras error, got %v", codeList(ds))
	}
}
