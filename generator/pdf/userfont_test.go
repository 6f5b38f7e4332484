package pdf

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/internal/testkit"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// dejaVu is a system TrueType font with hinting tables and composite
// glyphs (accented letters built from a base letter and an accent), which
// the embedded faces have neither of (.ci/run installs fonts-dejavu-core).
const dejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

// A user's font, set as the body face, is embedded as a CID TrueType
// subset the way the embedded faces are: qpdf finds the file sound,
// pdffonts lists it embedded, subset and with a ToUnicode map, the text
// extracts as written, and an accented letter (a composite glyph) keeps
// its accent: its outline in the subset is the font's (the components
// were kept and renumbered), and it prints ink above the plain letter's.
func TestUserFontInPDF(t *testing.T) {
	if _, err := os.Stat(dejaVu); err != nil {
		testkit.Missing(t, "DejaVu Sans ("+dejaVu+", Debian package fonts-dejavu-core)")
	}
	spec := fontset.DefaultSpec()
	spec[fontset.RoleBody] = dejaVu
	set, err := fontset.Load(spec)
	if err != nil {
		t.Fatal(err)
	}
	body := set.Face(fontset.RoleBody)
	if body == nil || !strings.Contains(body.Name, "DejaVu") {
		t.Fatalf("body face %v, want DejaVu Sans", body)
	}
	if !isComposite(t, body, 'é') {
		t.Fatal("é is no composite glyph in this DejaVu Sans: the test no longer checks composites")
	}
	// The subset draws é with the same outline as the whole font (the
	// PDF's program has the same glyphs: TestPDFSubset, TestSubsetOptions).
	if a, b := outline(t, body.Data, 'é'), outline(t, subsetOf(t, body, "Café"), 'é'); a != b || a == "" {
		t.Errorf("é in the subset:\n%s\nin the font:\n%s", b, a)
	}
	text := "Café naïve Ünïcödé"
	doc := &layout.Document{Width: 595, Height: 842, Pages: []layout.Page{{Runs: []layout.Run{
		{Face: body.Name, Size: 24, X: 72, Y: 100, Text: text},
		{Face: body.Name, Size: 40, X: 72, Y: 200, Text: "e"},
		{Face: body.Name, Size: 40, X: 272, Y: 200, Text: "é"},
	}}}}
	path := filepath.Join(t.TempDir(), "user.pdf")
	writeFile(t, path, doc, set)
	if out := run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	fonts := run(t, "pdffonts", path)
	if !strings.Contains(fonts, "+DejaVuSans") || !strings.Contains(fonts, "CID TrueType") {
		t.Errorf("pdffonts lists no DejaVu Sans CID TrueType subset:\n%s", fonts)
	}
	for _, l := range strings.Split(fonts, "\n") {
		if f := strings.Fields(l); len(f) > 6 && strings.Contains(f[0], "DejaVuSans") {
			if n := len(f); f[n-5] != "yes" || f[n-4] != "yes" || f[n-3] != "yes" {
				t.Errorf("not embedded, subset and mapped to Unicode: %s", l)
			}
		}
	}
	if got := run(t, "pdftotext", "-enc", "UTF-8", path, "-"); !strings.Contains(got, text) {
		t.Errorf("pdftotext: %q, want %q", got, text)
	}
	// e and é at 40 pt, baseline 200 pt from the top: the accent's ink
	// reaches well above the e's.
	e, ok1, err1 := testkit.Ink(path, 1, testkit.Box{X0: 60, Y0: 140, X1: 140, Y1: 215}, 144)
	a, ok2, err2 := testkit.Ink(path, 1, testkit.Box{X0: 260, Y0: 140, X1: 340, Y1: 215}, 144)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if !ok1 || !ok2 || a.Y0 > e.Y0-5 {
		t.Errorf("é's ink tops at %.1f pt, e's at %.1f: the accent is missing", a.Y0, e.Y0)
	}
}

// isComposite reports whether r's glyph in f is built from components
// (its glyf entry has a negative number of contours), read from the font
// file itself.
func isComposite(t *testing.T, f *fontset.Face, r rune) bool {
	t.Helper()
	sf, err := sfnt.Parse(f.Data)
	if err != nil {
		t.Fatal(err)
	}
	gi, err := sf.GlyphIndex(nil, r)
	if err != nil || gi == 0 {
		t.Fatalf("no glyph for %q: %v", r, err)
	}
	be := binary.BigEndian
	tables := map[string][]byte{}
	for i := range int(be.Uint16(f.Data[4:])) {
		rec := f.Data[12+16*i:]
		off, n := be.Uint32(rec[8:]), be.Uint32(rec[12:])
		tables[string(rec[:4])] = f.Data[off : off+n]
	}
	var at uint32
	if be.Uint16(tables["head"][50:]) == 0 {
		at = 2 * uint32(be.Uint16(tables["loca"][2*int(gi):]))
	} else {
		at = be.Uint32(tables["loca"][4*int(gi):])
	}
	return int16(be.Uint16(tables["glyf"][at:])) < 0
}

// subsetOf is f cut down to text, with a cmap (the PDF's program has the
// same glyphs without one).
func subsetOf(t *testing.T, f *fontset.Face, text string) []byte {
	t.Helper()
	sub, err := f.Subset([]rune(text), fontset.SubsetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

// outline prints r's outline in the font data, components resolved.
func outline(t *testing.T, data []byte, r rune) string {
	t.Helper()
	sf, err := sfnt.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	gi, err := sf.GlyphIndex(&b, r)
	if err != nil || gi == 0 {
		return ""
	}
	segs, err := sf.LoadGlyph(&b, gi, fixed.I(int(sf.UnitsPerEm())), nil)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(segs)
}
