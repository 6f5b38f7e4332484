package serve

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

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

// commentLines are the comments of a YAML text (outside block scalars,
// which this file's fixture keeps comment-free apart from one marked line).
func commentsOf(src string) []string {
	var out []string
	for _, l := range strings.Split(src, "\n") {
		if strings.Contains(l, "这一行是正文") {
			continue
		}
		if i := strings.Index(l, "#"); i >= 0 {
			out = append(out, strings.TrimSpace(l[i:]))
		}
	}
	return out
}

// TestCommentsKept: saving through the form keeps every hand-written
// comment at its field (above it or beside it); a removed field's comments
// go with it; text that merely starts with # inside a paragraph stays text.
func TestCommentsKept(t *testing.T) {
	s := testSchema(t)
	src, err := os.ReadFile("testdata/commented.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data, err := s.formData(src)
	if err != nil {
		t.Fatal(err)
	}
	w, err := s.writeYAMLComments(viaJSON(t, data), readComments(src))
	if err != nil {
		t.Fatal(err)
	}
	out := append(header(src), w.YAML...)
	if _, ds := load.Parse("c.yaml", out, load.DefaultLimits); ds.HasErrors() {
		t.Fatalf("%s\n%s", ds.Format("zh"), out)
	}
	if back, _ := s.formData(out); !reflect.DeepEqual(back, s.prune(data, s.defs["report"])) {
		t.Fatalf("data changed:\n%s", out)
	}
	want, got := commentsOf(string(src)), commentsOf(string(out))
	sort.Strings(want)
	sort.Strings(got)
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("comments\n got %q\nwant %q\n%s", got, want, out)
	}
	for _, pair := range [][2]string{{"开展培训5次", "# 培训次数待核"}, {"养老服务水平持续提升", "# 养老这一项还要补数字"}} {
		i, j := strings.Index(string(out), pair[1]), strings.Index(string(out), pair[0])
		if i < 0 || j < 0 || i > j {
			t.Fatalf("%q is not above %q:\n%s", pair[1], pair[0], out)
		}
	}
	if !strings.Contains(string(out), "- 完善制度3项 # 来自办公室\n") || !strings.Contains(string(out), "year: 2023 # 必填：总结的年度\n") {
		t.Fatalf("comments beside values lost:\n%s", out)
	}
	// Remove the second section: its comment goes, the others stay.
	d := viaJSON(t, data).(map[string]any)
	d["sections"] = d["sections"].([]any)[:1]
	w, _ = s.writeYAMLComments(d, readComments(src))
	if strings.Contains(string(w.YAML), "第二部分") || !strings.Contains(string(w.YAML), "第一部分") {
		t.Fatalf("after removing a section:\n%s", w.YAML)
	}
}

// FuzzWriteYAML: any text typed into the form comes back from the written
// YAML as the same text (or the YAML does not parse and the loader says
// so; it never silently changes).
func FuzzWriteYAML(f *testing.F) {
	for _, s := range []string{"民政局", "a: b", "- x", "#", "'", "\"", "  lead", "x\n\ny", "x\n", "x\n\n", "true", "0x1F", "~", "2024-01-10", "\t", "a #b", "｛", "@x", "%x", "!x", "&x", "*x", "|", ">", "? x", "---", "...", "\u00a0x", "\u2028"} {
		f.Add(s, s)
	}
	s := testSchema(f)
	f.Fuzz(func(t *testing.T, heading, text string) {
		if !utf8.ValidString(heading) || !utf8.ValidString(text) {
			return // JSON from the page is always UTF-8
		}
		data := map[string]any{"agency": "局", "year": "2023", "sections": []any{map[string]any{"heading": heading, "text": text, "points": []any{heading}}}}
		w, err := s.writeYAML(data)
		if err != nil {
			t.Fatal(err)
		}
		back, err := s.formData(w.YAML)
		if err != nil {
			return // e.g. control characters: the loader names them
		}
		if want := s.prune(data, s.defs["report"]); !reflect.DeepEqual(back, want) {
			t.Fatalf("changed:\n%#v\n%#v\n%s", want, back, w.YAML)
		}
	})
}
