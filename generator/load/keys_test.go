package load

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/gongwen/gen/schema"
)

// TestKeysMatchSchema keeps the loader's key lists (used for "did you mean")
// equal to the schema's properties, and checks every property has a Chinese
// title and description.
func TestKeysMatchSchema(t *testing.T) {
	var s struct {
		Defs map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.ReportJSON, &s); err != nil {
		t.Fatal(err)
	}
	props := func(raw map[string]json.RawMessage) []string {
		var out []string
		for k, v := range raw {
			out = append(out, k)
			var p struct{ Title, Description string }
			json.Unmarshal(v, &p)
			if p.Title == "" || p.Description == "" || !hasHan(p.Title) || !hasHan(p.Description) {
				t.Errorf("property %s lacks a Chinese title or description", k)
			}
		}
		sort.Strings(out)
		return out
	}
	var block struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	json.Unmarshal(s.Defs["block"].Properties["table"], &block)
	var comp struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	json.Unmarshal(s.Defs["compilationFile"].Properties["compilation"], &comp)
	cases := map[string][]string{
		"report":      props(s.Defs["report"].Properties),
		"reportsFile": props(s.Defs["reportsFile"].Properties),
		"block":       props(s.Defs["block"].Properties),
		"table":       props(block.Properties),
		"compilation": props(comp.Properties),
	}
	for kind, want := range cases {
		got := append([]string(nil), Keys[kind]...)
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s keys: loader %v, schema %v", kind, got, want)
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}
