package pdf

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/layout"
)

// benchExample picks 04-环卫局 (7 pages) for the benchmarks.
func benchExample(b *testing.B) *example {
	for _, ex := range examples(b) {
		if strings.HasPrefix(ex.name, "04-") {
			return ex
		}
	}
	b.Skip("example 04 missing")
	return nil
}

// BenchmarkLayout lays out one report with the real fonts (loaded once).
func BenchmarkLayout(b *testing.B) {
	ex := benchExample(b)
	set := defaultFonts(b)
	tp := gongwen(b, nil)
	els := ex.report.Elements()
	m := Measurer(set)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		layout.Layout(els, &tp.Layout, m, layout.Options{})
	}
}

// BenchmarkRender lays out one report and writes its PDF (fonts loaded
// once, outside the loop).
func BenchmarkRender(b *testing.B) {
	set := defaultFonts(b)
	tp := gongwen(b, nil)
	for _, ex := range examples(b) {
		// A 4-page report (11) and a 7-page one (04).
		if !strings.HasPrefix(ex.name, "04-") && !strings.HasPrefix(ex.name, "11-") {
			continue
		}
		b.Run(ex.name, func(b *testing.B) {
			var size int
			for i := 0; i < b.N; i++ {
				var buf bytes.Buffer
				if _, _, err := Render(ex.report, tp, set, &buf); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size)/1024, "KB/pdf")
		})
	}
}

// BenchmarkWrite writes the PDF of an already laid-out report.
func BenchmarkWrite(b *testing.B) {
	ex := benchExample(b)
	set := defaultFonts(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Write(io.Discard, ex.doc, set, Info{}); err != nil {
			b.Fatal(err)
		}
	}
}
