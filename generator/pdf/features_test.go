package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/model"
)

// streams returns the decompressed content of every Flate stream.
func streams(pdf []byte) []string {
	var out []string
	re := regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)
	for _, m := range re.FindAllSubmatch(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(zr)
		out = append(out, string(b))
	}
	return out
}

// outlineTitles decodes the /Title strings of the PDF's bookmarks.
func outlineTitles(pdf []byte) []string {
	var out []string
	for _, m := range regexp.MustCompile(`/Dest \[[^\]]*\]\s*/Title <FEFF([0-9A-F]*)>`).FindAllSubmatch(pdf, -1) {
		b, _ := hex.DecodeString(string(m[1]))
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		out = append(out, string(utf16.Decode(u)))
	}
	return out
}

func render(t *testing.T, r *model.Report) ([]byte, *layout.Document) {
	t.Helper()
	set := defaultFonts(t)
	tp := gongwen(t, nil)
	doc := layout.Layout(r.Elements(), &tp.Layout, Measurer(set), layout.Options{})
	var buf bytes.Buffer
	if err := Write(&buf, doc, set, Info{Title: r.Title.Value, Author: r.Issuer.Value, Created: time.Date(2024, 1, 10, 9, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), doc
}

func TestBookmarksAndInfo(t *testing.T) {
	for _, ex := range examples(t) {
		if !strings.HasPrefix(ex.name, "04-") {
			continue
		}
		data, doc := render(t, ex.report)
		got := outlineTitles(data)
		var want []string
		for _, o := range doc.Outline {
			want = append(want, o.Title)
		}
		if strings.Join(got, "|") != "一、2023年主要工作|二、存在的问题|三、下一步工作打算" || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("bookmarks %q, outline %q", got, want)
		}
		path := t.TempDir() + "/a.pdf"
		writeFile(t, path, doc, defaultFonts(t))
		info := run(t, "pdfinfo", path)
		for _, w := range []string{"Creator:         gen", "Title:           test"} {
			if !strings.Contains(info, w) {
				t.Errorf("pdfinfo lacks %q:\n%s", w, info)
			}
		}
		if !bytes.Contains(data, []byte("/Author <FEFF")) && !bytes.Contains(data, []byte("/Author")) {
			t.Errorf("no /Author")
		}
	}
}

// Third-level 1. headings are bold 仿宋: drawn with fill+stroke (2 Tr), the
// text still extracted once.
func TestSyntheticBold(t *testing.T) {
	tx := func(s string) model.Text { return model.Text{Value: s} }
	r := &model.Report{Agency: tx("测试局"), Year: 2023, Sections: []*model.Block{{
		Heading: tx("工作成效"),
		Items: []*model.Block{{Heading: tx("民生保障"), Items: []*model.Block{{
			Heading: tx("提高了保障标准"), Text: []model.Text{tx("将城乡低保标准分别提高到每月一定数额。")},
		}}}},
	}}}
	data, doc := render(t, r)
	bold := 0
	for _, run := range doc.Pages[0].Runs {
		if run.Bold {
			bold++
			if run.Text != "1.提高了保障标准。" {
				t.Errorf("unexpected bold run %q", run.Text)
			}
		}
	}
	if bold == 0 {
		t.Fatal("no bold run laid out")
	}
	content := strings.Join(streams(data), "\n")
	if !regexp.MustCompile(`\nq 2 Tr 0\.450 w\nBT\n[^Q]*\nET\nQ\n`).MatchString(content) {
		t.Errorf("content stream lacks the synthetic bold operators:\n%.600s", content)
	}
	path := t.TempDir() + "/b.pdf"
	writeFile(t, path, doc, defaultFonts(t))
	got := squash(pageNumRe.ReplaceAllString(run(t, "pdftotext", path, "-"), ""))
	if want := squash(r.PlainText()); got != want {
		t.Errorf("text %q, want %q", got, want)
	}
}

// A character no font has becomes a visible box, never a silent space, and
// is reported with its source position.
func TestMissingGlyphBox(t *testing.T) {
	src := model.Text{Value: "张\U000F0001同志表现突出。", Pos: model.Pos{File: "r.yaml", Line: 5, Col: 7}}
	r := &model.Report{Agency: model.Text{Value: "测试局"}, Year: 2023, Intro: []model.Text{src}}
	var buf bytes.Buffer
	_, warns, err := Render(r, gongwen(t, nil), defaultFonts(t), &buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 1 || warns[0].Code != "missing-glyph" || warns[0].Pos.Line != 5 || warns[0].Pos.Col != 8 {
		t.Fatalf("warnings %+v", warns)
	}
	content := strings.Join(streams(buf.Bytes()), "\n")
	if !strings.Contains(content, " re") {
		t.Errorf("no box drawn")
	}
	path := t.TempDir() + "/m.pdf"
	if err := writeBytes(path, buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	out := run(t, "pdftotext", "-raw", path, "-")
	if !strings.Contains(squash(out), "张同志表现突出。") {
		t.Errorf("text around the box: %q", out)
	}
}
