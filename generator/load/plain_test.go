package load

import "testing"

// TestPlainText: what the loader's parser reads back unquoted as the same
// text, and what it reads as something else.
func TestPlainText(t *testing.T) {
	for s, want := range map[string]bool{
		"民政局": true, "2023年工作总结": true, "1e3": true, "1.2.3": true, "+-23a": true, "Noah": true,
		"+-23": false, "2023": false, "-0": false, "1_000": false, "0b101": false, ".5": false,
		"-.inf": false, "true": false, "null": false, "No": true, "~": false,
		"a: b": false, "- x": false, "#x": false, "&a x": false, "a #b": false, " a": false, "a ": false,
	} {
		if got := PlainText(s); got != want {
			t.Errorf("PlainText(%q) = %v, want %v", s, got, want)
		}
	}
}
