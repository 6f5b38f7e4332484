package layout

import (
	"strings"
	"testing"
)

// BenchmarkLayout lays out example 04 with the fake measurer (pure layout
// cost; pdf.BenchmarkLayout measures it with the real fonts).
func BenchmarkLayout(b *testing.B) {
	l := gongwen(b, nil)
	for name, r := range loadExamples(b) {
		if !strings.HasPrefix(name, "04-") {
			continue
		}
		els := r.Elements()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			Layout(els, l, fakeMeasurer{}, Options{})
		}
	}
}
