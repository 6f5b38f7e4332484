package docx

import (
	"archive/zip"
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// loaderText keeps what the loader lets through: valid UTF-8 without
// control characters (tab and newline aside) or bidirectional controls.
func loaderText(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		if (unicode.IsControl(r) && r != '\t' && r != '\n') || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
}

// fuzzReport builds a small report whose texts are the lines of s.
func fuzzReport(s string) *model.Report {
	parts := strings.Split(loaderText(s), "\n")
	for len(parts) < 6 {
		parts = append(parts, "字")
	}
	txt := func(i int) model.Text {
		return model.Text{Value: strings.TrimSpace(parts[i%len(parts)]), Pos: model.Pos{File: "f.yaml", Line: i + 1, Col: 1}}
	}
	r := &model.Report{Agency: model.Text{Value: "民政局"}, Year: 2023, Title: txt(0), Recipient: txt(1), Signature: txt(2)}
	if r.Title.Value == "" {
		r.Title.Value = "标题"
	}
	if t := []rune(r.Title.Value); len(t) > 200 { // the schema's maxLength
		r.Title.Value = string(t[:200])
	}
	for i := range parts {
		if txt(i).Value != "" {
			r.Intro = append(r.Intro, txt(i))
		}
	}
	r.Sections = []*model.Block{{Heading: model.Text{Value: "一" + txt(3).Value, Pos: txt(3).Pos}, Text: []model.Text{txt(4)}, Lead: txt(5), Points: []model.Text{txt(1), txt(2)},
		Table: &model.Table{Columns: []model.Text{txt(0), txt(1)}, Rows: [][]model.Text{{txt(2), txt(3)}, {txt(4), txt(5)}}}}}
	r.Attachments = []model.Text{txt(1)}
	r.Date = &model.Date{}
	r.Resolve()
	return r
}

// FuzzWrite writes a DOCX of a report made from fuzzed text, seeded with
// the paragraphs of the examples: no panic, and the result is a zip that
// passes Verify (well-formed XML, relationships, styles).
func FuzzWrite(f *testing.F) {
	files, _ := filepath.Glob("../../examples/2023/[0-9]*.yaml")
	for _, p := range files {
		file, ds := load.ReadFile(p)
		if ds.HasErrors() {
			f.Fatal(ds.Format("en"))
		}
		var b strings.Builder
		for i, e := range file.Reports[0].Elements() {
			if i < 40 {
				b.WriteString(e.Text() + "\n")
			}
		}
		f.Add(b.String())
	}
	f.Add("😀 emoji\n𠀀𪚥 扩展B\n\u200b零宽\u200d\n<w:p>&amp;]]>\n\"'\n" + strings.Repeat("a", 2000))
	tp, err := tmpl.Load("gongwen", nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		if err := Write(&buf, fuzzReport(s), tp, Options{Created: time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatalf("write: %v", err)
		}
		if _, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len())); err != nil {
			t.Fatalf("not a zip: %v", err)
		}
		if err := Verify(buf.Bytes()); err != nil {
			t.Fatalf("verify: %v", err)
		}
	})
}
