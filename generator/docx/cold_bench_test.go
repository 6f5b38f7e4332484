package docx

import (
	"testing"

	"github.com/gongwen/gen/generator/tmpl"
)

// BenchmarkColdTemplate is what a cold gen process pays for the DOCX
// template before its first document: loading the built-in template,
// parsing its parts and running them once (a fresh template every
// iteration, so no copy or cache is reused).
func BenchmarkColdTemplate(b *testing.B) {
	r := SampleReport()
	for i := 0; i < b.N; i++ {
		t, err := tmpl.Load("gongwen", nil)
		if err != nil {
			b.Fatal(err)
		}
		c, err := compileUncached(t)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.render(newData(r, &t.Layout, Options{}), nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompile is the parsing of the built-in template's parts.
func BenchmarkCompile(b *testing.B) {
	t, err := tmpl.Load("gongwen", nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		if _, err := compileUncached(t); err != nil {
			b.Fatal(err)
		}
	}
}
