package testkit

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
)

// LoaderText keeps what the loader lets through: valid UTF-8 without
// control characters (tab and newline aside) or bidirectional controls.
func LoaderText(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		if (unicode.IsControl(r) && r != '\t' && r != '\n') || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
}

// Report builds a small resolved report whose every text comes from the
// lines of s: title, recipient, paragraphs, headings, points, table cells,
// an attachment and the signature; positions are in "f.yaml".
func Report(s string) *model.Report {
	parts := strings.Split(LoaderText(s), "\n")
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
	b := &model.Block{Heading: txt(3), Text: []model.Text{txt(4)}, Lead: txt(5), Points: []model.Text{txt(1), txt(2)},
		Table: &model.Table{Columns: []model.Text{txt(0), txt(1)}, Rows: [][]model.Text{{txt(2), txt(3)}, {txt(4), txt(5)}}}}
	if b.Heading.Value == "" {
		b.Heading.Value = "一"
	}
	r.Sections = []*model.Block{b, {Heading: model.Text{Value: "二"}, Items: []*model.Block{{Heading: txt(1), Text: []model.Text{txt(0)}}}}}
	r.Attachments = []model.Text{txt(1)}
	r.Date = &model.Date{}
	r.Resolve()
	return r
}

// Seeds returns, for each example report under root (the repository's
// top folder), the text of its first elements, one per line, plus one seed
// of hostile text (emoji, extension B, zero-width marks, XML, a long run).
func Seeds(f *testing.F, root string) []string {
	files, _ := filepath.Glob(filepath.Join(root, "examples/2023/[0-9]*.yaml"))
	if len(files) == 0 {
		f.Fatal("no examples found under " + root)
	}
	var out []string
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
		out = append(out, b.String())
	}
	return append(out, "😀 emoji\n𠀀𪚥 扩展B\n\u200b零宽\u200d\n<w:p>&amp;]]>\n\"'\t制表\n"+strings.Repeat("a", 2000))
}
