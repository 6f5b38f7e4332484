package serve

import (
	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/importer"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
)

// Importer is `gen import` for a file dropped on the page (Options.Import):
// one data file per report (a volume DOCX gives several), each checked
// with the loader before it is written, as `gen import` does.
func Importer(lim load.Limits) func(name string, data []byte) ([][]byte, diag.List) {
	return func(name string, data []byte) ([][]byte, diag.List) {
		opt := importer.Options{MaxChars: lim.MaxChars, MaxParagraphs: lim.MaxParagraphs}
		reports, ds := importer.Import(name, data, opt)
		if ds.HasErrors() {
			return nil, ds
		}
		var files [][]byte
		for _, r := range reports {
			y := importer.WriteYAML([]*model.Report{r}, name)
			if _, lds := load.Parse(name+".yaml", y, lim); lds.HasErrors() {
				return nil, append(ds, lds...)
			}
			files = append(files, y)
		}
		return files, ds
	}
}
