package tmpl

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuiltinGeometry(t *testing.T) {
	for _, name := range []string{"gongwen", "gongwen-redhead"} {
		tp, err := Load(name, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		l := &tp.Layout
		if got := l.LinesPerPage(); got != 22 {
			t.Errorf("%s: lines per page %d, want 22", name, got)
		}
		if d := math.Abs(l.LinePitch() - 28.98); d > 0.02 {
			t.Errorf("%s: line pitch %.3f", name, l.LinePitch())
		}
		if d := math.Abs(l.CharPitch() - 15.79); d > 0.01 {
			t.Errorf("%s: char pitch %.3f", name, l.CharPitch())
		}
		if l.Fonts["body"].Family != "仿宋_GB2312" {
			t.Errorf("%s: body family %q", name, l.Fonts["body"].Family)
		}
	}
	red, _ := Load("gongwen-redhead", nil)
	if !red.Layout.RedHead.Enabled || red.Layout.Page.TopMM != 37 {
		t.Errorf("redhead: extends did not merge: %+v", red.Layout.RedHead)
	}
}

func TestOverride(t *testing.T) {
	tp, err := Load("gongwen", map[string]any{
		"page": map[string]any{"left_mm": 27, "text_width_mm": 156},
		"grid": map[string]any{"line_pitch_pt": 33},
	})
	if err != nil {
		t.Fatal(err)
	}
	l := tp.Layout
	if l.Page.LeftMM != 27 || l.Page.TopMM != 37 {
		t.Errorf("override lost: left %v top %v", l.Page.LeftMM, l.Page.TopMM)
	}
	if got := l.LinesPerPage(); got != 19 {
		t.Errorf("33 pt lines: %d per page, want 19", got)
	}
}

func TestBadTemplates(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		d := filepath.Join(dir, name)
		os.MkdirAll(d, 0o755)
		os.WriteFile(filepath.Join(d, LayoutFile), []byte(body), 0o644)
		return d
	}
	cases := []struct {
		name, body, want string
	}{
		{"unknown", "extends: gongwen\npage: {lefft_mm: 3}\n", "lefft_mm"},
		{"wide", "extends: gongwen\npage: {left_mm: 100}\n", "超出纸宽"},
		{"lines", "extends: gongwen\ngrid: {lines: 0}\n", "grid.lines"},
		{"yaml", "page: [\n", "不是有效的 YAML"},
		{"loop", "extends: gongwen-x\n", "找不到模板"},
	}
	for _, c := range cases {
		_, err := Load(write(c.name, c.body), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := Load(filepath.Join(dir, "nope"), nil); err == nil || !strings.Contains(err.Error(), "找不到模板") {
		t.Errorf("missing dir: %v", err)
	}
	// A link that leaves the folder is refused.
	d := write("link", "extends: gongwen\n")
	secret := filepath.Join(dir, "secret.txt")
	os.WriteFile(secret, []byte("x"), 0o644)
	os.Symlink(secret, filepath.Join(d, "styles.xml"))
	if _, err := Load(d, nil); err == nil || !strings.Contains(err.Error(), "之外") {
		t.Errorf("escaping link: %v", err)
	}
}

// TestLayoutBounds (issue 11 item 9): values that are not finite or far
// outside sane ranges are refused with their gen.yaml key.
func TestLayoutBounds(t *testing.T) {
	cases := []struct {
		over map[string]any
		key  string
	}{
		{map[string]any{"page": map[string]any{"width_mm": math.Inf(1)}}, "layout.page.width_mm"},
		{map[string]any{"page": map[string]any{"height_mm": math.NaN()}}, "layout.page.height_mm"},
		{map[string]any{"sizes": map[string]any{"body": 1e300}}, "layout.sizes.body"},
		{map[string]any{"sizes": map[string]any{"title": -1}}, "layout.sizes.title"},
		{map[string]any{"grid": map[string]any{"line_pitch_pt": 100000}}, "layout.grid.line_pitch_pt"},
		{map[string]any{"grid": map[string]any{"line_pitch_pt": 400}}, "layout.grid.line_pitch_pt"},
		{map[string]any{"table": map[string]any{"rule_pt": math.Inf(-1)}}, "layout.table.rule_pt"},
		{map[string]any{"body": map[string]any{"indent_chars": 1000000}}, "layout.body.indent_chars"},
	}
	for _, c := range cases {
		_, err := Load("gongwen", c.over)
		if err == nil || !strings.Contains(err.Error(), c.key) {
			t.Errorf("%v: %v", c.over, err)
		}
	}
	if _, err := Load("gongwen", map[string]any{"grid": map[string]any{"line_pitch_pt": 33}}); err != nil {
		t.Errorf("33 pt refused: %v", err)
	}
}
