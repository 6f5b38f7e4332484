package importer

import (
	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
)

// init lets every command that loads data files read Word, text and
// Markdown reports directly: gen, gen --compile, a manifest's include: and
// gen check import them in memory, with the same messages as gen import.
func init() {
	load.RegisterImporter(LoadFile, ".docx", ".docm", ".doc", ".wps", ".rtf", ".txt", ".md", ".markdown")
}

// LoadFile is the importer load.ReadFileLimits uses: it imports the
// document and checks that the data file import would write loads (the
// data file stays the contract). Positions point into the document.
func LoadFile(name string, data []byte, lim load.Limits) (*model.File, diag.List) {
	rs, ds := Import(name, data, Options{MaxChars: lim.MaxChars, MaxParagraphs: lim.MaxParagraphs})
	if ds.HasErrors() {
		return nil, ds
	}
	if _, lds := load.Parse(name+".yaml", WriteYAML(rs, name), lim); lds.HasErrors() {
		return nil, append(ds, Internal(name, lds))
	}
	return &model.File{Path: name, Reports: rs}, ds
}

// Internal is the message for imported data that fails the loader: a bug
// of the importer, reported with the loader's messages.
func Internal(name string, lds diag.List) diag.Diagnostic {
	return diag.Diagnostic{Pos: model.Pos{File: name}, Severity: diag.Error, Code: "imp-internal",
		ZH: "导入结果未通过数据格式检查（程序缺陷，请报告）：\n" + lds.Format("zh"),
		EN: "the imported data fails the format check (a bug, please report it):\n" + lds.Format("en")}
}
