package importer

import (
	"testing"

	"github.com/gongwen/gen/generator/docx"
	"github.com/gongwen/gen/generator/model"
)

// BenchmarkImportDOCX imports gen's DOCX of 07-民政局.yaml, a long report
// (14 pages as gen prints it, 9,000 characters): the goal is under 20 ms
// for a 10-page document.
func BenchmarkImportDOCX(b *testing.B) {
	data, err := docx.Render(exampleReports(b)["07-民政局.yaml"], gongwen(b), docx.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if rs, ds := Import("民政局.docx", data, Options{}); len(rs) != 1 || ds.HasErrors() {
			b.Fatal(ds.Format("zh"))
		}
	}
}

// BenchmarkWriteYAML writes that report as a data file.
func BenchmarkWriteYAML(b *testing.B) {
	r := exampleReports(b)["07-民政局.yaml"]
	for i := 0; i < b.N; i++ {
		WriteYAML([]*model.Report{r}, "民政局.docx")
	}
}
