package fontset

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"

	"github.com/gongwen/gen/fonts"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// subsetFixture parses a subset and returns its tables and glyph table.
func subsetFixture(t *testing.T, data []byte) (sfntTables, glyphTable) {
	t.Helper()
	if s := checksum(data); s != 0xB1B0AFBA {
		t.Errorf("file checksum %08X, want B1B0AFBA", s)
	}
	_, recs, err := readDirectory(data, 0)
	if err != nil && err != ErrCFF {
		// readDirectory insists on gopdf's tables; an outlines-only subset lacks some.
		recs = nil
		n := int(binary.BigEndian.Uint16(data[4:]))
		for i := 0; i < n; i++ {
			r := data[12+16*i:]
			recs = append(recs, tableRecord{binary.BigEndian.Uint32(r), binary.BigEndian.Uint32(r[8:]), binary.BigEndian.Uint32(r[12:])})
		}
	}
	tb := sfntTables{}
	for _, r := range recs {
		tb[tagString(r.tag)] = data[r.offset : r.offset+r.length]
	}
	return tb, newGlyphTable(tb)
}

func TestSubsetRenumbers(t *testing.T) {
	face := testSet(t).Face(RoleBody)
	runes := []rune("仿宋1，") // 仿 宋 1 ，, and 黑 asked for below is left out
	sub, err := face.Subset(append(runes, 0x10FFFF), SubsetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sub) > len(face.Data)/100 {
		t.Errorf("subset is %d bytes of %d", len(sub), len(face.Data))
	}
	tb, gt := subsetFixture(t, sub)
	if gt.n != len(runes)+1 {
		t.Errorf("%d glyphs, want %d (.notdef and one per rune)", gt.n, len(runes)+1)
	}
	sf, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatalf("subset does not parse: %v", err)
	}
	var b sfnt.Buffer
	for _, r := range runes {
		gi, err := sf.GlyphIndex(&b, r)
		if err != nil || gi == 0 {
			t.Errorf("%q not mapped in the subset (%v)", r, err)
			continue
		}
		// same outline and advance as in the full face
		orig, _ := face.font.GlyphIndex(&b, r)
		full := newGlyphTable(mustTables(t, face.Data))
		if !samePadded(gt.glyph(int(gi)), full.glyph(int(orig))) {
			t.Errorf("%q: outline differs from the face's", r)
		}
		adv := binary.BigEndian.Uint16(tb["hmtx"][4*int(gi):])
		if got := float64(adv) / float64(face.UnitsPerEm); got != face.Advance(r) {
			t.Errorf("%q: advance %v, face says %v", r, got, face.Advance(r))
		}
	}
	if gi, _ := sf.GlyphIndex(&b, '黑'); gi != 0 {
		t.Error("黑 was not asked for but is mapped")
	}
	for _, tag := range []string{"cmap", "name", "OS/2", "post"} {
		if tb[tag] == nil {
			t.Errorf("no %s table (gopdf needs it)", tag)
		}
	}
}

func TestSubsetOptions(t *testing.T) {
	face := testSet(t).Face(RoleBody)
	runes := []rune("仿宋体一二三")
	whole, err := face.Subset(runes, SubsetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, wg := subsetFixture(t, whole)
	outl, err := face.Subset(runes, SubsetOptions{OutlinesOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	ot, og := subsetFixture(t, outl)
	if len(ot) != 6 || ot["cmap"] != nil || ot["glyf"] == nil {
		t.Errorf("outlines-only subset has tables %v", keys(ot))
	}
	if og.n != wg.n {
		t.Errorf("outlines-only subset has %d glyphs, the whole one %d: ids differ", og.n, wg.n)
	}
	for g := 0; g < og.n; g++ {
		if !bytes.Equal(og.glyph(g), wg.glyph(g)) {
			t.Errorf("glyph %d differs between the outlines-only and the whole subset", g)
		}
	}
}

// KeepGlyphIDs (the DOCX) keeps ids, cmap and metrics, emptying other glyphs.
func TestSubsetKeepGlyphIDs(t *testing.T) {
	data := fonts.Bytes("FandolFang-Regular.ttf")
	sub, err := Subset(data, []rune("仿宋1"), SubsetOptions{KeepGlyphIDs: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(sub) > len(data)/10 {
		t.Errorf("subset %d bytes of %d", len(sub), len(data))
	}
	tb, gt := subsetFixture(t, sub)
	full := newGlyphTable(mustTables(t, data))
	if gt.n != full.n || !bytes.Equal(tb["cmap"], mustTables(t, data)["cmap"]) {
		t.Errorf("glyph count %d (was %d) or cmap changed", gt.n, full.n)
	}
	sf, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	kept, _ := sf.GlyphIndex(&b, '仿')
	gone, _ := sf.GlyphIndex(&b, '黑')
	if gt.glyph(int(kept)) == nil || !samePadded(gt.glyph(int(kept)), full.glyph(int(kept))) {
		t.Error("仿 lost its outline")
	}
	if gone == 0 || gt.glyph(int(gone)) != nil || full.glyph(int(gone)) == nil {
		t.Error("黑 kept its outline")
	}
}

func TestSubsetRejectsBadFonts(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":     nil,
		"truncated": fonts.Bytes("NotoSerifSC-PageNum.ttf")[:200],
		"not font":  []byte("this is not a font file at all, just text"),
	} {
		if _, err := Subset(data, []rune("1"), SubsetOptions{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestPDFAscent(t *testing.T) {
	for _, f := range testSet(t).Faces() {
		a, ok := f.PDFAscent()
		if !ok || a < 0.7 || a > 1.3 {
			t.Errorf("%s: PDFAscent %v %v", f.Name, a, ok)
		}
	}
}

func mustTables(t testing.TB, data []byte) sfntTables {
	t.Helper()
	tb, err := faceTables(data)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func keys(m sfntTables) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// samePadded: got is want padded with zeros to a multiple of 4 bytes.
func samePadded(got, want []byte) bool {
	return len(want) > 0 && bytes.HasPrefix(got, want) && len(got)-len(want) < 4 && len(got)%4 == 0
}

// Embedded faces are parsed on first use only, and give the same answers.
func TestLazyFace(t *testing.T) {
	name := "FandolKai-Regular.ttf"
	lazy, err := newLazyFace(fonts.Bytes(name), EmbeddedPrefix+name, "FandolKai-Regular")
	if err != nil {
		t.Fatal(err)
	}
	eager, err := newFace(fonts.Bytes(name), EmbeddedPrefix+name, "FandolKai-Regular")
	if err != nil {
		t.Fatal(err)
	}
	if lazy.font != nil || lazy.bmp != nil {
		t.Fatal("lazy face parsed before use")
	}
	if lazy.UnitsPerEm != eager.UnitsPerEm || lazy.Name != eager.Name {
		t.Errorf("lazy face: upem %d name %s, eager %d %s", lazy.UnitsPerEm, lazy.Name, eager.UnitsPerEm, eager.Name)
	}
	if lazy.Advance('楷') != eager.Advance('楷') || lazy.Has('\U0002000B') != eager.Has('\U0002000B') {
		t.Error("lazy face measures differently")
	}
	if lazy.font == nil || lazy.Metrics() != eager.Metrics() {
		t.Error("lazy face not parsed after use, or metrics differ")
	}
}

// PDFSubset's program is the outlines-only subset; its glyph ids are those
// the whole subset's cmap gives, its widths the advances in 1/1000 em and
// its descriptor the figures gopdf v0.33.0 wrote for the same faces.
func TestPDFSubset(t *testing.T) {
	set := testSet(t)
	runes := []rune("一、黑体标题ABC")
	for _, c := range []struct {
		role string
		want PDFDescriptor
	}{
		{RoleBody, PDFDescriptor{Ascent: 978, Descent: -272, CapHeight: 683, XHeight: 458, BBox: [4]int{-34, -272, 1127, 983}, Flags: 32}},
		{RoleHeading1, PDFDescriptor{Ascent: 978, Descent: -272, CapHeight: 694, XHeight: 445, BBox: [4]int{-61, -272, 1110, 983}, Flags: 32}},
	} {
		face := set.Face(c.role)
		pf, err := face.PDFSubset(runes)
		if err != nil {
			t.Fatal(err)
		}
		if p2, _ := face.Subset(runes, SubsetOptions{OutlinesOnly: true}); !bytes.Equal(pf.Program, p2) {
			t.Errorf("%s: program differs from the outlines-only subset", c.role)
		}
		if pf.Desc != c.want {
			t.Errorf("%s: descriptor %+v, want %+v", c.role, pf.Desc, c.want)
		}
		whole, _ := face.Subset(runes, SubsetOptions{})
		sf, err := sfnt.Parse(whole)
		if err != nil {
			t.Fatal(err)
		}
		var b sfnt.Buffer
		if len(pf.GIDs) != len(runes) {
			t.Errorf("%s: %d glyph ids for %d runes", c.role, len(pf.GIDs), len(runes))
		}
		for _, r := range runes {
			gi, _ := sf.GlyphIndex(&b, r)
			if g, ok := pf.GIDs[r]; !ok || g != uint16(gi) || gi == 0 {
				t.Errorf("%s: %q glyph %d, the subset's cmap says %d", c.role, r, g, gi)
			}
			if w, want := pf.Widths[pf.GIDs[r]], int(face.Advance(r)*1000+1e-9); w != want {
				t.Errorf("%s: %q width %d, want %d", c.role, r, w, want)
			}
		}
	}
	if _, err := set.Face(RoleBody).PDFSubset([]rune{0xF8FF, HalfFormBase}); err != nil {
		t.Errorf("a code point naming no form, or a form asked for alone: %v", err)
	}
}

// BenchmarkPDFSubset cuts the body face down to 800 common characters,
// as for a 4-page report.
func BenchmarkPDFSubset(b *testing.B) {
	set, err := Default()
	if err != nil {
		b.Skip(err)
	}
	f := set.Face("body")
	if f == nil {
		b.Skip("no body face")
	}
	var runes []rune
	for r := rune(0x4E00); len(runes) < 800 && r < 0x9FFF; r += 7 {
		if _, ok := set.Resolve("body", r); ok {
			runes = append(runes, r)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.PDFSubset(runes); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHalfForms checks the half-width forms of marks: for every mark with
// one, a subset that asks for it maps the private-use code point to a glyph
// with the mark's outline (an opening mark's moved left by half its
// advance) and half its advance, and PDFSubset gives the form that glyph
// and that width.
func TestHalfForms(t *testing.T) {
	face := testSet(t).Face(RoleBody)
	full := newGlyphTable(mustTables(t, face.Data))
	var b sfnt.Buffer
	for _, r := range halfMarks {
		p, ok := HalfForm(r)
		if !ok {
			t.Fatalf("%q has no half form", r)
		}
		if back, ok := HalfFormOf(p); !ok || back != r || !IsHalfFormRange(p) {
			t.Fatalf("HalfFormOf(%U) = %q, %v", p, back, ok)
		}
		runes := []rune{'文', r, p}
		whole, err := face.Subset(runes, SubsetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sf, err := sfnt.Parse(whole)
		if err != nil {
			t.Fatalf("%q: subset does not parse: %v", r, err)
		}
		gi, _ := sf.GlyphIndex(&b, r)
		hi, _ := sf.GlyphIndex(&b, p)
		if gi == 0 || hi == 0 || gi == hi {
			t.Fatalf("%q: glyph %d, half form %d", r, gi, hi)
		}
		pf, err := face.PDFSubset(runes)
		if err != nil {
			t.Fatal(err)
		}
		if pf.GIDs[r] != uint16(gi) || pf.GIDs[p] != uint16(hi) {
			t.Errorf("%q: PDFSubset glyphs %d and %d, the subset's cmap %d and %d", r, pf.GIDs[r], pf.GIDs[p], gi, hi)
		}
		if w, hw := pf.Widths[gi], pf.Widths[hi]; w == 0 || hw != w/2 {
			t.Errorf("%q: PDF widths %d, half form %d", r, w, hw)
		}
		wtb, wgt := subsetFixture(t, whole)
		orig, _ := face.font.GlyphIndex(&b, r)
		if !isOpenMark(r) && !samePadded(wgt.glyph(int(hi)), full.glyph(int(orig))) {
			t.Errorf("%q: half form's outline differs from the mark's", r)
		}
		if isOpenMark(r) {
			// the form's points are the mark's, moved left by half its
			// advance
			ppem := fixed.I(face.UnitsPerEm)
			a, err1 := sf.LoadGlyph(&b, gi, ppem, nil)
			a = slices.Clone(a)
			h, err2 := sf.LoadGlyph(&b, hi, ppem, nil)
			if err1 != nil || err2 != nil || len(a) == 0 || len(a) != len(h) {
				t.Fatalf("%q: outlines %d and %d segments (%v, %v)", r, len(a), len(h), err1, err2)
			}
			dx := fixed.I(int(binary.BigEndian.Uint16(wtb["hmtx"][4*int(gi):])) / 2)
			for k := range a {
				n := map[sfnt.SegmentOp]int{sfnt.SegmentOpMoveTo: 1, sfnt.SegmentOpLineTo: 1, sfnt.SegmentOpQuadTo: 2, sfnt.SegmentOpCubeTo: 3}[a[k].Op]
				if h[k].Op != a[k].Op {
					t.Fatalf("%q: segment %d is %v, want %v", r, k, h[k].Op, a[k].Op)
				}
				for j := range n {
					want := a[k].Args[j]
					want.X -= dx
					if h[k].Args[j] != want {
						t.Fatalf("%q: segment %d point %d at %v, want %v", r, k, j, h[k].Args[j], want)
					}
				}
			}
		}
		prog, _ := subsetFixture(t, pf.Program)
		for _, tb := range []sfntTables{prog, wtb} {
			adv := binary.BigEndian.Uint16(tb["hmtx"][4*int(gi):])
			hadv := binary.BigEndian.Uint16(tb["hmtx"][4*int(hi):])
			if hadv != adv/2 || adv == 0 {
				t.Errorf("%q: half form advance %d, mark %d", r, hadv, adv)
			}
		}
	}
	for _, r := range halfMarks {
		if !face.HasHalfForm(r) {
			t.Errorf("%q: the body face has no half form", r)
		}
	}
	if face.HasHalfForm('文') || face.HasHalfForm('？') {
		t.Error("a character that is no compressible mark has a half form")
	}
	// a code point of the block that names no form, and a form asked for
	// alone, are harmless
	if _, ok := HalfFormOf(0xF8FF); ok {
		t.Error("U+F8FF names a half form")
	}
	if _, err := face.PDFSubset([]rune{0xF8FF, HalfFormBase}); err != nil {
		t.Error(err)
	}
}
