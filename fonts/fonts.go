// Package fonts embeds gen's default font set: free stand-ins for the fonts GB/T 9704
// names (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) and a fallback for rare characters.
//
// The files are plain TrueType (sfnt version 0x00010000), which is what gopdf embeds.
// build.sh rebuilds them from Debian packages; README.md lists their sources, coverage
// and licences (Fandol: GPL-3 with the GPL font exception; Noto CJK: OFL-1.1).
// Package generator/fontset loads them by role.
package fonts

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
	"unsafe"
)

// FS holds the font files (*.ttf) at its root, together with their licence texts
// (LICENSE-*.txt, README-Fandol.txt), which travel with the binary as the licences ask.
//
//go:embed *.ttf LICENSE-*.txt README-Fandol.txt
var FS embed.FS

// Names returns the names of the font files in FS, such as "FandolFang-Regular.ttf", sorted.
func Names() []string {
	entries, err := fs.ReadDir(FS, ".")
	if err != nil { // cannot happen with an embed.FS
		return nil
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".ttf") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// The same files as strings, for Bytes. The compiler stores an embedded file once, however
// many variables embed it, so these cost no space.
var (
	//go:embed FandolFang-Regular.ttf
	fandolFang string
	//go:embed FandolHei-Regular.ttf
	fandolHei string
	//go:embed FandolKai-Regular.ttf
	fandolKai string
	//go:embed NotoSerifSC-Bold.ttf
	notoSerifBold string
	//go:embed NotoSerifSC-Regular.ttf
	notoSerifRegular string
	//go:embed NotoSerifSC-PageNum.ttf
	notoSerifPageNum string
)

var files = map[string]string{
	"FandolFang-Regular.ttf":  fandolFang,
	"FandolHei-Regular.ttf":   fandolHei,
	"FandolKai-Regular.ttf":   fandolKai,
	"NotoSerifSC-Bold.ttf":    notoSerifBold,
	"NotoSerifSC-Regular.ttf": notoSerifRegular,
	"NotoSerifSC-PageNum.ttf": notoSerifPageNum,
}

// Bytes returns the contents of the font file name in FS without copying them (FS.ReadFile
// copies, which costs ~150 ms and 33 MB for the whole set), or nil if there is no such font.
// The slice shares the program's read-only data: it must not be modified; writing to it
// crashes the program.
func Bytes(name string) []byte {
	s, ok := files[name]
	if !ok || s == "" {
		return nil
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
