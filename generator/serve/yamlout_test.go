package serve

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/schema"
)

func testSchema(t testing.TB) *schemaInfo {
	t.Helper()
	s, err := parseSchema(schema.ReportJSON)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// viaJSON passes form data through JSON, as the page sends it.
func viaJSON(t testing.TB, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestWriteYAMLRoundTrip: every example, read into the form's data and
// written back, loads without errors and holds the same data.
func TestWriteYAMLRoundTrip(t *testing.T) {
	s := testSchema(t)
	files, _ := filepath.Glob("../../examples/2023/*.yaml")
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		data, err := s.formData(src)
		if err == errManifest {
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		w, err := s.writeYAML(viaJSON(t, data))
		if err != nil {
			t.Fatal(err)
		}
		if _, ds := load.Parse(f, w.YAML, load.DefaultLimits); ds.HasErrors() {
			t.Fatalf("%s: written YAML does not load:\n%s\n%s", f, ds.Format("zh"), w.YAML)
		}
		back, err := s.formData(w.YAML)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(s.prune(data, s.defs["report"]), back) {
			t.Errorf("%s: data changed by the round trip\n%s", f, w.YAML)
		}
		n++
	}
	if n < 10 {
		t.Fatalf("only %d examples checked", n)
	}
}

// TestWriteYAMLScalars: tricky strings come back as the same strings, and
// text in number fields stays text for the loader to judge.
func TestWriteYAMLScalars(t *testing.T) {
	s := testSchema(t)
	cases := []struct {
		name string
		data map[string]any
		want string // a line the YAML must hold
	}{
		{"int", map[string]any{"agency": "局", "year": "2023"}, "year: 2023"},
		{"bad int", map[string]any{"agency": "局", "year": "2023年"}, "year: 2023年"},
		{"colon", map[string]any{"agency": "a: b"}, `agency: "a: b"`},
		{"hash", map[string]any{"agency": "a #b"}, `agency: "a #b"`},
		{"number-like", map[string]any{"agency": "123"}, `agency: "123"`},
		{"bool-like", map[string]any{"agency": "true"}, `agency: "true"`},
		{"dash", map[string]any{"agency": "- x"}, `agency: "- x"`},
		{"quote", map[string]any{"agency": `"x"`}, `agency: "\"x\""`},
		{"paras", map[string]any{"agency": "局", "intro": "一\n\n二"}, "intro: |-"},
		{"runin", map[string]any{"agency": "局", "sections": []any{map[string]any{"heading": "h", "runin": "false"}}}, "    runin: false"},
		{"empty dropped", map[string]any{"agency": "局", "issuer": "", "sections": []any{}}, "agency: 局"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w, err := s.writeYAML(c.data)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(w.YAML), c.want+"\n") {
				t.Fatalf("want line %q in\n%s", c.want, w.YAML)
			}
			back, err := s.formData(w.YAML)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s.prune(c.data, s.defs["report"]), back) {
				t.Fatalf("round trip: %#v\n%s", back, w.YAML)
			}
		})
	}
}
