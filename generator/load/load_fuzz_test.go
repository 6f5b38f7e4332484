package load

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// FuzzParse feeds arbitrary bytes to Parse, seeded with the examples and
// the hostile shapes of TestHostile. Parse must not panic, must return
// either a file or errors, and every message must carry the file name.
func FuzzParse(f *testing.F) {
	for _, s := range exampleSources(f) {
		f.Add([]byte(s))
	}
	for _, s := range []string{
		hdr + "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
		hdr + "sections: [[[[{a: [1]}]]]]\n",
		hdr + "intro: |\n  段一\n\n  段二\n",
		hdr + "title: \"标\\u202e题\"\n",
		hdr + "sections:\n  - table: {columns: [a], rows: [[x], [y]]}\n",
		"reports:\n  - {agency: 甲, year: 2023}\n  - {agency: 乙, year: 2024, kind: plan}\n",
		"compilation: {title: 汇编, include: [\"*.yaml\"]}\n",
	} {
		f.Add([]byte(s))
	}
	lim := Limits{MaxBytes: 1 << 20, MaxNodes: 20000, MaxDepth: 50, MaxChars: 100000, MaxParagraphs: 5000}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(data)()
		file, ds := Parse("f.yaml", data, lim)
		if ds.HasErrors() != (file == nil) {
			t.Fatalf("errors %v but file %v", ds.HasErrors(), file != nil)
		}
		for _, d := range ds {
			if !strings.HasPrefix(d.Format("zh"), "f.yaml") || d.Pos.Line < 0 || d.Pos.Col < 0 {
				t.Fatalf("message without a position: %q", d.Format("zh"))
			}
		}
		if file == nil {
			return
		}
		for _, r := range file.Reports {
			_ = r.Elements()
			_ = r.PlainText()
		}
	})
}

// watchdog ends the process, naming the input, when the call it guards
// takes more than ten seconds (the fuzzer then saves the input as a
// failure); call the function it returns when done.
func watchdog(data []byte) func() {
	t := time.AfterFunc(10*time.Second, func() {
		panic(fmt.Sprintf("took over 10 s on %d bytes: %q", len(data), data[:min(len(data), 500)]))
	})
	return func() { t.Stop() }
}
