package pdf

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/model"
)

// volumeDoc is a four-page document (the third blank) with a two-level
// outline and a link from page 1 to page 4.
func volumeDoc(t *testing.T) ([]byte, *layout.Document) {
	t.Helper()
	set := defaultFonts(t)
	tp := gongwen(t, nil)
	r := &model.Report{Agency: model.Text{Value: "民政局"}, Year: 2023,
		Intro: []model.Text{{Value: "正文。"}}}
	one := layout.Layout(r.Elements(), &tp.Layout, Measurer(set), layout.Options{})
	doc := &layout.Document{Width: one.Width, Height: one.Height}
	doc.Pages = []layout.Page{one.Pages[0], one.Pages[0], {}, one.Pages[0]}
	doc.Outline = []layout.OutlineEntry{
		{Level: 1, Title: "甲", Page: 0, Y: 100},
		{Level: 2, Title: "甲一", Page: 0, Y: 200},
		{Level: 2, Title: "甲二", Page: 1, Y: 100},
		{Level: 1, Title: "乙", Page: 3, Y: 100},
		{Level: 2, Title: "乙一", Page: 3, Y: 300},
	}
	var buf bytes.Buffer
	opt := VolumeOptions{Links: []Link{{Page: 0, X: 80, Y: 100, W: 400, H: 30, Target: 3, TargetY: 105}}}
	if err := WriteVolume(&buf, doc, set, Info{Title: "汇编"}, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), doc
}

// TestVolumeOutline guards outline.go (which reaches into gopdf): the
// bookmarks form a proper tree, every item's Parent, Prev and Next are
// consistent (checked by qpdf), each points to its page, and the link of
// page 1 goes to page 4.
func TestVolumeOutline(t *testing.T) {
	b, _ := volumeDoc(t)
	// without tools: the root counts the two top-level items
	if !regexp.MustCompile(`/Type /Outlines\s*/Count 2\s`).Match(b) {
		t.Errorf("outline root does not count 2 top-level items")
	}
	path := filepath.Join(t.TempDir(), "v.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if out := run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	type item struct {
		Title string `json:"title"`
		Page  int    `json:"destpageposfrom1"`
		Kids  []item `json:"kids"`
	}
	var j struct {
		Outlines []item `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(run(t, "qpdf", "--json", "--json-key=outlines", path)), &j); err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func([]item, string)
	walk = func(is []item, indent string) {
		for _, it := range is {
			got = append(got, indent+it.Title+"@"+strconv.Itoa(it.Page))
			walk(it.Kids, indent+"  ")
		}
	}
	walk(j.Outlines, "")
	want := []string{"甲@1", "  甲一@1", "  甲二@2", "乙@4", "  乙一@4"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("outline\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The link: a /Link annotation on page 1 whose destination is page 4.
	qdf := run(t, "qpdf", "--qdf", "--object-streams=disable", path, "-")
	if !strings.Contains(qdf, "/Subtype /Link") {
		t.Errorf("no link annotation")
	}
	text := run(t, "pdftotext", "-f", "3", "-l", "3", path, "-")
	if strings.TrimSpace(text) != "" {
		t.Errorf("blank page has text %q", text)
	}
}
