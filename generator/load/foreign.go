package load

import (
	"path/filepath"
	"strings"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// Importer turns a document that is not a data file — a Word, text or
// Markdown report — into the model of a data file, with the messages of the
// import. Package importer registers one for .docx, .doc, .txt and .md, so
// that every command that loads data files (gen, gen --compile, a
// manifest's include:, gen check) reads those documents too.
type Importer func(name string, data []byte, lim Limits) (*model.File, diag.List)

var importers = map[string]Importer{}

// RegisterImporter makes ReadFileLimits read files with the extensions
// (".docx", …; any case) through imp. It is meant to be called from init.
func RegisterImporter(imp Importer, exts ...string) {
	for _, e := range exts {
		importers[strings.ToLower(e)] = imp
	}
}

// Importable reports whether a file of this name is read through a
// registered importer (Word's lock files ~$… are not).
func Importable(name string) bool {
	base := filepath.Base(name)
	return importers[strings.ToLower(filepath.Ext(base))] != nil && !strings.HasPrefix(base, "~$") && !strings.HasPrefix(base, ".")
}

// foreign returns the importer for path, or nil for a data file.
func foreign(path string) Importer {
	if !Importable(path) {
		return nil
	}
	return importers[strings.ToLower(filepath.Ext(path))]
}
