package docx

import (
	"bytes"
	"testing"

	"github.com/gongwen/gen/generator/tmpl"
)

// The DOCX asks Word and WPS for the same 标点挤压 as the layout
// (kinsoku.compress), and lets body table rows break across pages as the
// layout splits them (no w:cantSplit outside the header row).
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
	for _, ex := range examples(t) {
		doc := parts(t, render(t, ex.report, load1(t, "gongwen"), Options{}))["word/document.xml"]
		if n, h := bytes.Count(doc, []byte("<w:cantSplit/>")), bytes.Count(doc, []byte("<w:tblHeader/>")); n > h {
			t.Errorf("%s: %d rows cannot split, only %d header rows", ex.name, n, h)
		}
	}
}
