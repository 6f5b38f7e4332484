package fontset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/gongwen/gen/internal/testkit"

	"github.com/gongwen/gen/fonts"
	"github.com/signintech/gopdf"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func testSet(t testing.TB) *Set {
	t.Helper()
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func embedded(t testing.TB, name string) []byte {
	t.Helper()
	b, err := fonts.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func testdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// gb2312 returns the hanzi of GB2312 rows lo..hi (0xB0..0xD7 is level 1, 0xD8..0xF7 level 2).
func gb2312(t testing.TB, lo, hi byte) []rune {
	t.Helper()
	var src []byte
	for b1 := int(lo); b1 <= int(hi); b1++ {
		for b2 := 0xA1; b2 <= 0xFE; b2++ {
			src = append(src, byte(b1), byte(b2))
		}
	}
	out, err := simplifiedchinese.GBK.NewDecoder().Bytes(src)
	if err != nil {
		t.Fatal(err)
	}
	var hanzi []rune
	for _, r := range string(out) {
		if unicode.Is(unicode.Han, r) {
			hanzi = append(hanzi, r)
		}
	}
	return hanzi
}

func TestDefaultLoads(t *testing.T) {
	s := testSet(t)
	if s2, _ := Default(); s2 != s {
		t.Error("Default() is not cached")
	}
	want := map[string]string{
		RoleTitle:    "NotoSerifSC-Bold",
		RoleBody:     "FandolFang-Regular",
		RoleHeading1: "FandolHei-Regular",
		RoleHeading2: "FandolKai-Regular",
		RolePageNum:  "NotoSerifSC-PageNum",
		RoleFallback: "NotoSerifSC-Regular",
		"heading3":   "FandolFang-Regular", // undefined roles use the body face
	}
	for role, name := range want {
		f := s.Face(role)
		if f == nil || f.Name != name {
			t.Errorf("Face(%q) = %v, want %s", role, f, name)
			continue
		}
		if f.Source != EmbeddedPrefix+name+".ttf" || f.UnitsPerEm != 1000 ||
			binary.BigEndian.Uint32(f.Data) != 0x00010000 {
			t.Errorf("%s: Source %q, UnitsPerEm %d, version %x", name, f.Source, f.UnitsPerEm, f.Data[:4])
		}
	}
	if miss := s.Face(RolePageNum).Coverage([]rune("— 0123456789 —")); len(miss) > 0 {
		t.Errorf("page-number face lacks %q", string(miss))
	}
	if n := len(s.Faces()); n != 6 {
		t.Errorf("%d distinct faces, want 6", n)
	}
	if got := strings.Join(s.Roles(), " "); got != "title body heading1 heading2 pagenum fallback" {
		t.Errorf("Roles() = %s", got)
	}
	m := s.Face(RoleBody).Metrics()
	if m.Ascent != 0.88 || m.Descent != 0.12 || m.CapHeight < 0.6 || m.CapHeight > 0.8 {
		t.Errorf("FandolFang metrics %+v, want ascent 0.88, descent 0.12, cap height ≈ 0.7", m)
	}
}

func TestGB2312Coverage(t *testing.T) {
	s := testSet(t)
	levels := []struct {
		name   string
		lo, hi byte
		count  int
	}{{"level 1", 0xB0, 0xD7, 3755}, {"level 2", 0xD8, 0xF7, 3008}}
	for _, lv := range levels {
		hanzi := gb2312(t, lv.lo, lv.hi)
		if len(hanzi) != lv.count {
			t.Fatalf("GB2312 %s: decoded %d hanzi, want %d", lv.name, len(hanzi), lv.count)
		}
		for _, role := range s.Roles() {
			if role == RolePageNum { // digits and dashes only
				continue
			}
			t.Run(role+"/"+lv.name, func(t *testing.T) {
				if miss := s.Face(role).Coverage(hanzi); len(miss) > 0 {
					t.Errorf("%s lacks %d hanzi: %s", s.Face(role).Name, len(miss), string(miss))
				}
			})
		}
	}
}

// TestExamplesCoverage checks that the chain of every role covers the example reports.
func TestExamplesCoverage(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*/*.yaml")
	if len(files) == 0 {
		t.Skip("no examples")
	}
	s := testSet(t)
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var text []rune
		for _, r := range string(b) {
			if !unicode.IsSpace(r) && !unicode.IsControl(r) {
				text = append(text, r)
			}
		}
		for _, role := range s.Roles() {
			if miss := s.Coverage(role, text); len(miss) > 0 {
				t.Errorf("%s, role %s: no face has %q", filepath.Base(file), role, string(miss))
			}
		}
	}
}

func TestResolve(t *testing.T) {
	s := testSet(t)
	tests := []struct {
		role  string
		runes string
		face  string
		ok    bool
	}{
		{RoleBody, "堃喆镕昇", "NotoSerifSC-Regular", true},
		{RoleBody, "一国，A1", "FandolFang-Regular", true},
		{RoleTitle, "关于政府工作报告", "NotoSerifSC-Bold", true},
		{RoleTitle, "堃喆", "NotoSerifSC-Regular", true},
		{RoleHeading1, "一、", "FandolHei-Regular", true},
		{"heading3", "堃", "NotoSerifSC-Regular", true},
		{RoleBody, "\U0002000B\U0010FFFD", "FandolFang-Regular", false}, // Ext B is not in the set
		{RoleHeading2, "\uE000", "FandolKai-Regular", false},
	}
	for _, tt := range tests {
		for _, r := range tt.runes {
			f, ok := s.Resolve(tt.role, r)
			if f == nil || f.Name != tt.face || ok != tt.ok {
				t.Errorf("Resolve(%s, %q) = %v, %v; want %s, %v", tt.role, r, f, ok, tt.face, tt.ok)
			}
		}
	}
	chain := s.Chain(RoleFallback)
	if len(chain) != 1 || chain[0].Name != "NotoSerifSC-Regular" {
		t.Errorf("Chain(fallback) = %v", chain)
	}
	if c := s.Chain(RoleBody); len(c) != 2 || c[0].Name != "FandolFang-Regular" || c[1].Name != "NotoSerifSC-Regular" {
		t.Errorf("Chain(body) = %v", c)
	}
}

func TestAdvance(t *testing.T) {
	s := testSet(t)
	tests := []struct {
		role    string
		r       rune
		want    float64
		less    bool // want is an upper bound
		present bool
	}{
		{RoleBody, '一', 1, false, true},
		{RoleBody, '，', 1, false, true},
		{RoleBody, '“', 1, false, true},
		{RoleBody, 'A', 1, true, true},
		{RoleBody, '1', 1, true, true},
		{RoleBody, '堃', 0, false, false},
		{RoleBody, -1, 0, false, false},
		{RoleBody, 0x110000, 0, false, false},
		{RoleBody, 0xD800, 0, false, false},
		{RoleTitle, '国', 1, false, true},
		{RoleBody, '—', 1, false, true},
		{RolePageNum, '—', 1, true, true}, // Noto's U+2014 is proportional (0.89 em)
		{RolePageNum, '8', 1, true, true},
		{RoleFallback, '堃', 1, false, true},
	}
	for _, tt := range tests {
		f := s.Face(tt.role)
		for range 2 { // the second round comes from the cache
			got := f.Advance(tt.r)
			if tt.less && !(got > 0 && got < tt.want) || !tt.less && got != tt.want {
				t.Errorf("%s.Advance(%q) = %v, want %s%v", f.Name, tt.r, got, map[bool]string{true: "< "}[tt.less], tt.want)
			}
			if f.Has(tt.r) != tt.present {
				t.Errorf("%s.Has(%q) = %v", f.Name, tt.r, !tt.present)
			}
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	s := testSet(t)
	text := []rune("关于2023年政府工作报告的说明，堃喆镕昇。")
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				for _, r := range text {
					s.Face(RoleHeading2).Advance(r)
					s.Resolve(RoleHeading2, r)
				}
			}
		}()
	}
	wg.Wait()
}

// buildTTC writes a TrueType collection of faces: the header, every face's table
// directory, then every face's tables, with offsets from the start of the file.
func buildTTC(t testing.TB, faces ...[]byte) []byte {
	t.Helper()
	be := binary.BigEndian
	dirs := 12 + 4*len(faces)
	for _, f := range faces {
		dirs += 12 + 16*int(be.Uint16(f[4:]))
	}
	out := make([]byte, dirs)
	copy(out, "ttcf")
	be.PutUint32(out[4:], 0x00010000)
	be.PutUint32(out[8:], uint32(len(faces)))
	pos := 12 + 4*len(faces)
	for i, f := range faces {
		be.PutUint32(out[12+4*i:], uint32(pos))
		n := int(be.Uint16(f[4:]))
		copy(out[pos:], f[:12+16*n])
		for j := range n {
			rec := out[pos+12+16*j:]
			off, length := be.Uint32(rec[8:]), be.Uint32(rec[12:])
			be.PutUint32(rec[8:], uint32(len(out)))
			out = append(out, f[off:off+length]...)
			for len(out)%4 != 0 {
				out = append(out, 0)
			}
		}
		pos += 12 + 16*n
	}
	return out
}

// lastUnpadded rewrites a TrueType font so that table last is stored at the end of the
// file, without padding.
func lastUnpadded(t testing.TB, font []byte, last string) []byte {
	t.Helper()
	_, recs, err := readDirectory(font, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := bytes.Clone(font[:12+16*len(recs)])
	lastAt := -1
	for i, r := range recs {
		if tagString(r.tag) == last {
			lastAt = i
			continue
		}
		binary.BigEndian.PutUint32(out[12+16*i+8:], uint32(len(out)))
		out = append(out, font[r.offset:r.offset+r.length]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	r := recs[lastAt]
	if r.length%4 == 0 {
		t.Fatalf("table %s is %d bytes long, a multiple of 4", last, r.length)
	}
	binary.BigEndian.PutUint32(out[12+16*lastAt+8:], uint32(len(out)))
	return append(out, font[r.offset:r.offset+r.length]...)
}

// tables maps each table tag of a TrueType font to its bytes.
func tables(t testing.TB, font []byte) map[string][]byte {
	t.Helper()
	_, recs, err := readDirectory(font, 0)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, r := range recs {
		b := font[r.offset : r.offset+r.length]
		if tagString(r.tag) == "head" {
			b = append([]byte(nil), b...)
			copy(b[8:12], []byte{0, 0, 0, 0}) // checkSumAdjustment differs
		}
		m[tagString(r.tag)] = b
	}
	return m
}

// renderPDF writes one A4 page of text in face with gopdf.
func renderPDF(t testing.TB, text string, faces ...*Face) []byte {
	t.Helper()
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	pdf.AddPage()
	for i, f := range faces {
		if err := pdf.AddTTFFontData(f.Name, f.Data); err != nil {
			t.Fatalf("gopdf AddTTFFontData(%s): %v", f.Name, err)
		}
		if err := pdf.SetFont(f.Name, "", 16); err != nil {
			t.Fatal(err)
		}
		pdf.SetXY(80, 100+30*float64(i))
		if err := pdf.Cell(nil, text); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := pdf.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("no PDF written")
	}
	return buf.Bytes()
}

// pdfText returns the text poppler's pdftotext extracts, or skips when it is missing.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		testkit.Missing(t, "pdftotext not installed; text not checked")
		return ""
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestDefaultFacesRender(t *testing.T) {
	s := testSet(t)
	const text = "关于2023年政府工作报告，Ａ级。"
	// Every face that has the text's characters renders it (the page-number
	// face holds digits and dashes only).
	var faces []*Face
	for _, f := range s.Faces() {
		if len(f.Coverage([]rune(text))) == 0 {
			faces = append(faces, f)
		}
	}
	if len(faces) < 5 {
		t.Fatalf("only %d faces cover %q", len(faces), text)
	}
	pdf := renderPDF(t, text, faces...)
	if got := pdfText(t, pdf); got != "" && strings.Count(got, text) != len(faces) {
		t.Errorf("pdftotext gave %q", got)
	}
}

func TestExtractTTC(t *testing.T) {
	hei, title := embedded(t, "FandolHei-Regular.ttf"), embedded(t, "NotoSerifSC-Bold.ttf")
	ttc := buildTTC(t, hei, title)
	for i, orig := range [][]byte{hei, title} {
		got, err := ExtractTTC(ttc, i)
		if err != nil {
			t.Fatalf("face %d: %v", i, err)
		}
		if binary.BigEndian.Uint32(got) != 0x00010000 {
			t.Errorf("face %d: version %x", i, got[:4])
		}
		want, have := tables(t, orig), tables(t, got)
		if len(want) != len(have) {
			t.Errorf("face %d: %d tables, want %d", i, len(have), len(want))
		}
		for tag, b := range want {
			if !bytes.Equal(have[tag], b) {
				t.Errorf("face %d: table %s differs", i, tag)
			}
		}
		if c := checksum(got); c != 0xB1B0AFBA {
			t.Errorf("face %d: file checksum %08x, want b1b0afba", i, c)
		}
	}
	if _, err := ExtractTTC(ttc, 2); !errors.Is(err, ErrFaceIndex) {
		t.Errorf("face 2 of 2: %v, want ErrFaceIndex", err)
	}
	if _, err := ExtractTTC(hei, 0); !errors.Is(err, ErrNotFont) {
		t.Errorf("plain TTF: %v, want ErrNotFont", err)
	}

	// Through Load, as a user's gen.yaml would give it, and into a PDF.
	path := filepath.Join(t.TempDir(), "两个字体.ttc")
	if err := os.WriteFile(path, ttc, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(map[string]string{RoleHeading1: path, RoleTitle: path + "#1", RoleFallback: path + "#0"})
	if err != nil {
		t.Fatal(err)
	}
	h1, ti := s.Face(RoleHeading1), s.Face(RoleTitle)
	if h1 != s.Face(RoleFallback) || len(s.Faces()) != 2 {
		t.Error(`"x.ttc" and "x.ttc#0" should load one face`)
	}
	if h1.Name != "FandolHei-Regular" || ti.Name != "NotoSerifCJKsc-Bold" || ti.Source != path+"#1" {
		t.Errorf("names %q, %q; source %q", h1.Name, ti.Name, ti.Source)
	}
	if h1.Advance('一') != 1 || !ti.Has('国') || ti.Has('堃') {
		t.Error("extracted faces measure wrongly")
	}
	const text = "一、总体要求"
	pdf := renderPDF(t, text, h1, ti)
	if got := pdfText(t, pdf); got != "" && strings.Count(got, text) != 2 {
		t.Errorf("pdftotext gave %q", got)
	}
}

func TestLoadUserFile(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.ttf"), filepath.Join(dir, "仿宋_GB2312#1.ttf")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, testdata(t, "tiny.ttf"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Load(map[string]string{RoleBody: a, RoleHeading2: a + "#0", RoleTitle: b, "fallback": "embedded:NotoSerifSC-Regular.ttf"})
	if err != nil {
		t.Fatal(err)
	}
	body, title := s.Face(RoleBody), s.Face(RoleTitle)
	if body != s.Face(RoleHeading2) {
		t.Error("one file for two roles was loaded twice")
	}
	if title.Name != "Tiny-Regular" || body.Name != "Tiny-Regular-2" { // title comes first
		t.Errorf("names %q and %q, want Tiny-Regular and Tiny-Regular-2", title.Name, body.Name)
	}
	if got := body.Advance('A'); got != 0.6 {
		t.Errorf("Advance('A') = %v, want 0.6", got)
	}
	if miss := body.Coverage([]rune("A一A国，国")); string(miss) != "国" {
		t.Errorf("Coverage = %q, want 国", string(miss))
	}
	if f, ok := s.Resolve(RoleBody, '国'); !ok || f.Name != "NotoSerifSC-Regular" {
		t.Errorf("Resolve(国) = %v, %v", f, ok)
	}
	if miss := s.Coverage(RoleBody, []rune("A国\U0002000B")); string(miss) != "\U0002000B" {
		t.Errorf("Set.Coverage = %q", string(miss))
	}
	def := testSet(t)
	if s.Face(RoleFallback) != def.Face(RoleFallback) {
		t.Error("embedded faces should be shared between sets")
	}
	renderPDF(t, "A一，", body)

	// The last table of a file need not be padded to 4 bytes, but gopdf copies hmtx (14
	// bytes here) with its padding, and panics when the padding is past the end of the file.
	unpadded := filepath.Join(dir, "unpadded.ttf")
	if err := os.WriteFile(unpadded, lastUnpadded(t, testdata(t, "tiny.ttf"), "hmtx"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = Load(map[string]string{RoleBody: unpadded})
	if err != nil {
		t.Fatal(err)
	}
	renderPDF(t, "A一，", s.Face(RoleBody))
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tiny, cff := testdata(t, "tiny.ttf"), testdata(t, "tiny-cff.otf")
	cffPath := write("cff.otf", cff)
	truncated := write("truncated.ttf", tiny[:200])
	garbage := write("garbage.ttf", []byte("这不是字体，this is not a font"))
	woff := write("web.woff", append([]byte("wOFF"), make([]byte, 40)...))
	cffTTC := write("cff.ttc", buildTTC(t, cff, tiny))
	ttc := write("two.ttc", buildTTC(t, tiny, tiny))
	tinyPath := write("tiny.ttf", tiny)
	noCmap := bytes.Clone(tiny) // (3,1) cmap subtable relabelled (3,0)
	_, recs, _ := readDirectory(noCmap, 0)
	for _, r := range recs {
		if tagString(r.tag) == "cmap" {
			c := noCmap[r.offset:]
			for i := range int(binary.BigEndian.Uint16(c[2:])) {
				if rec := c[4+8*i:]; binary.BigEndian.Uint16(rec) == 3 {
					binary.BigEndian.PutUint16(rec[2:], 0)
				}
			}
		}
	}
	noCmapPath := write("nocmap.ttf", noCmap)
	missing := filepath.Join(dir, "没有这个字体.ttf")

	tests := []struct {
		name, src string
		kind      error
		contains  []string
	}{
		{"missing file", missing, ErrNotFound, []string{missing, "找不到", "not found"}},
		{"directory", dir, ErrUnreadable, []string{dir, "无法读取"}},
		{"CFF OpenType", cffPath, ErrCFF, []string{cffPath, "CFF", "TrueType", "fontforge", "convert it to .ttf"}},
		{"CFF face in a TTC", cffTTC + "#0", ErrCFF, []string{cffTTC + "#0", "CFF"}},
		{"TrueType face beside CFF", cffTTC + "#1", nil, nil},
		{"bad face index", ttc + "#2", ErrFaceIndex, []string{ttc, "#2", "2 个字体", "2 faces"}},
		{"index on a plain TTF", tinyPath + "#1", ErrFaceIndex, []string{tinyPath, "#1"}},
		{"index 0 on a plain TTF", tinyPath + "#0", nil, nil},
		{"truncated", truncated, ErrCorrupt, []string{truncated, "损坏", "beyond end of file"}},
		{"garbage", garbage, ErrNotFont, []string{garbage, "不是"}},
		{"WOFF", woff, ErrNotFont, []string{woff, "WOFF"}},
		{"no (3,1) cmap", noCmapPath, ErrUnsupported, []string{noCmapPath, "cmap"}},
		{"unknown embedded font", "embedded:SimSun.ttf", ErrNotFound, []string{"SimSun.ttf", "FandolFang-Regular.ttf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(map[string]string{RoleBody: tt.src})
			if tt.kind == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, tt.kind) {
				t.Fatalf("error %v, want %v", err, tt.kind)
			}
			msg := err.Error()
			for _, c := range append(tt.contains, "fonts.body: ") {
				if !strings.Contains(msg, c) {
					t.Errorf("error %q does not contain %q", msg, c)
				}
			}
			t.Log(msg)
		})
	}
	if _, err := Load(map[string]string{RoleBody: " "}); err == nil {
		t.Error("empty source accepted")
	}
	if _, err := Load(nil); err == nil {
		t.Error("empty spec accepted")
	}
}

func FuzzExtractTTC(f *testing.F) {
	tiny, cff := testdata(f, "tiny.ttf"), testdata(f, "tiny-cff.otf")
	ttc := buildTTC(f, tiny, cff, tiny)
	for _, seed := range [][]byte{ttc, tiny, cff, buildTTC(f, tiny), ttc[:100], []byte("ttcf"), nil} {
		for _, i := range []int{0, 1, 2, -1} {
			f.Add(seed, i)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, index int) {
		out, err := ExtractTTC(data, index)
		if err == nil {
			if _, _, err := readDirectory(out, 0); err != nil {
				t.Fatalf("extracted face does not parse: %v", err)
			}
			if len(out) > len(data)+12+16*maxTables*4 {
				t.Fatalf("extracted face (%d bytes) larger than input (%d bytes)", len(out), len(data))
			}
		}
		// The rest of loading must not panic either.
		ttf, _, err := trueType(data, index)
		if err != nil {
			return
		}
		if checkCmap(ttf) != nil || checkTables(ttf) != nil {
			return
		}
		face, err := newFace(ttf, "fuzz", "fuzz")
		if err != nil {
			return
		}
		for _, r := range "A一，\U0002000B" {
			face.Advance(r)
		}
		face.PDFSubset([]rune("A一，\U0002000B"))
	})
}

func BenchmarkAdvance(b *testing.B) {
	s := testSet(b)
	face := s.Face(RoleBody)
	text := []rune("各位代表：现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。2023年GDP增长5.2%。")
	for _, r := range text {
		face.Advance(r)
	}
	b.ResetTimer()
	var sum float64
	for i := 0; i < b.N; i++ {
		sum += face.Advance(text[i%len(text)])
	}
	_ = sum
}

func BenchmarkResolve(b *testing.B) {
	s := testSet(b)
	text := []rune("各位代表：现在，我代表市人民政府向大会报告工作。堃喆镕昇")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Resolve(RoleBody, text[i%len(text)])
	}
}

// BenchmarkParseEmbedded measures what Default does once: parse the five embedded fonts.
func BenchmarkParseEmbedded(b *testing.B) {
	for i := 0; i < b.N; i++ {
		for _, name := range fonts.Names() {
			if _, err := newFace(fonts.Bytes(name), EmbeddedPrefix+name, name); err != nil {
				b.Fatal(err)
			}
		}
	}
}
