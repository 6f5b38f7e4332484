package docx

import (
	"bytes"
	"testing"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/pdf"
	"github.com/gongwen/gen/generator/tmpl"
)

// The DOCX asks Word and WPS for the same 标点挤压 as the layout
// (kinsoku.compress), and lets body table rows break across pages as the
// layout splits them (no w:cantSplit outside the header row, except on a
// row the layout moved whole to a new page).
func TestCompressPunctuationSetting(t *testing.T) {
	for _, c := range []struct {
		over map[string]any
		want string
	}{
		{nil, `<w:characterSpacingControl w:val="compressPunctuation"/>`},
		{map[string]any{"kinsoku": map[string]any{"compress": false}}, `<w:characterSpacingControl w:val="doNotCompress"/>`},
	} {
		tp, err := tmpl.Load("gongwen", c.over)
		if err != nil {
			t.Fatal(err)
		}
		ps := parts(t, render(t, SampleReport(), tp, Options{}))
		if !bytes.Contains(ps["word/settings.xml"], []byte(c.want)) {
			t.Errorf("settings.xml lacks %s", c.want)
		}
	}
	set, err := fontset.Default()
	if err != nil {
		t.Fatal(err)
	}
	tp := load1(t, "gongwen")
	for _, ex := range examples(t) {
		doc := parts(t, render(t, ex.report, tp, Options{Measurer: pdf.Measurer(set)}))["word/document.xml"]
		// Rows the layout moved whole to a new page keep whole; the others
		// may split.
		moved := 0
		lay := layout.Layout(ex.report.Elements(), &tp.Layout, pdf.Measurer(set), layout.Options{})
		for _, tb := range lay.Tables {
			for _, m := range tb.Moved(len(ex.report.Elements()[tb.Elem].Table.Rows)) {
				if m {
					moved++
				}
			}
		}
		if n, h := bytes.Count(doc, []byte("<w:cantSplit/>")), bytes.Count(doc, []byte("<w:tblHeader/>")); n != h+moved {
			t.Errorf("%s: %d rows cannot split, want %d header rows + %d rows the layout moved whole", ex.name, n, h, moved)
		}
	}
}
