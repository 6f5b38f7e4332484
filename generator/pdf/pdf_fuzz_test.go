package pdf

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
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

// fuzzReport builds a small report whose texts are the lines of s: title,
// recipient, paragraphs, a heading, points and table cells.
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

// FuzzRender renders a report made from fuzzed text, seeded with the
// paragraphs of the examples: no panic, a complete PDF, and a missing-glyph
// warning has a position.
func FuzzRender(f *testing.F) {
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
	f.Add("😀 emoji\n𠀀𪚥 扩展B\n\u200b零宽\u200d\n\t制表\n" + strings.Repeat("a", 2000))
	set := defaultFonts(f)
	tp := gongwen(f, nil)
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		_, warns, err := Render(fuzzReport(s), tp, set, &buf)
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(buf.Bytes()), []byte("%%EOF")) {
			t.Fatal("incomplete PDF")
		}
		for _, w := range warns {
			if w.Pos.File != "f.yaml" || w.Pos.Line < 1 {
				t.Fatalf("warning without position: %s", w.Format("en"))
			}
		}
	})
}
