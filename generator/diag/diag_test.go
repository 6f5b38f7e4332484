package diag

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/model"
)

// TestCaret: the caret stands under the column in a terminal, counting
// wide characters twice and repeating tabs; long lines are shortened
// around the column.
func TestCaret(t *testing.T) {
	cases := []struct {
		line string
		col  int
		want string
	}{
		{"year: 2023年", 7, "    year: 2023年\n          ^"},
		{"intro: 开展检查 #1", 13, "    intro: 开展检查 #1\n" + strings.Repeat(" ", 4+7+8+1) + "^"},
		{"\t- heading: x", 1, "    \t- heading: x\n    ^"},
		{"\tx: y", 2, "    \tx: y\n    \t^"},
		{"a", 9, "    a\n     ^"},
	}
	for _, c := range cases {
		if got := Caret(c.line, c.col); got != c.want {
			t.Errorf("Caret(%q, %d) =\n%s\nwant\n%s", c.line, c.col, got, c.want)
		}
	}
	long := strings.Repeat("字", 300)
	got := Caret(long, 250)
	lines := strings.Split(got, "\n")
	if !strings.HasPrefix(lines[0], "    …") || !strings.HasSuffix(lines[0], "…") || len([]rune(lines[0])) > 110 || !strings.HasSuffix(lines[1], "^") {
		t.Errorf("long line:\n%s", got)
	}
}

// TestRecord: the JSON form carries the stable code, the severity as a
// word, the position and the message in the language.
func TestRecord(t *testing.T) {
	d := Warn(model.Pos{File: "a.yaml", Line: 3, Col: 15}, "comment-in-text", "#1200余次")
	d.Src = "intro: 开展执法检查 #1200余次"
	b, _ := json.Marshal(List{d}.Records("en"))
	want := `[{"file":"a.yaml","line":3,"col":15,"severity":"warning","code":"comment-in-text","message":"the text after \" #\" is taken as a comment and dropped (\"#1200余次\"): to keep it, quote the text or use a | block","source":"intro: 开展执法检查 #1200余次"}]`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	if !strings.HasPrefix(d.Format("zh"), "a.yaml:3:15: 警告：文字中的") || !strings.Contains(d.Format("zh"), "\n    intro:") {
		t.Errorf("Format: %s", d.Format("zh"))
	}
	for _, c := range Codes() {
		m := catalog[c]
		if m[0] == "" || m[1] == "" {
			t.Errorf("code %s lacks a text", c)
		}
	}
}
