package importer

import (
	"strings"
	"testing"
)

// TestDropInvisible: control and bidirectional characters pasted into a
// report are removed from text, run-in headings and table cells, with one
// warning per paragraph naming the count, so that the data file written
// loads; tabs and other text stay.
func TestDropInvisible(t *testing.T) {
	ps := []Para{
		{Text: "发放文旅惠\x7f民消费券。"},
		{Text: "正常\t文字。"},
		{Head: "一是\u202e加强", Text: "一是\u202e加强。\x01"},
		{Table: [][]string{{"任务", "完成\x08情况"}}},
	}
	ds := dropInvisible(ps)
	want := []string{"发放文旅惠民消费券。", "正常\t文字。", "一是加强。", ""}
	for i, p := range ps {
		if p.Text != want[i] || strings.IndexFunc(p.Head, invisible) >= 0 {
			t.Errorf("para %d: %q (head %q), want %q", i, p.Text, p.Head, want[i])
		}
	}
	if ps[3].Table[0][1] != "完成情况" {
		t.Errorf("cell %q", ps[3].Table[0][1])
	}
	if len(ds) != 3 || ds[0].Code != "imp-invisible" || !strings.Contains(ds[0].ZH, "1 个") || !strings.Contains(ds[1].EN, "3 invisible") {
		t.Errorf("warnings %v", ds)
	}
}
