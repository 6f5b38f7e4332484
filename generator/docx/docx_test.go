package docx

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gen/fonts"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// example is one report of the examples folder.
type example struct {
	name   string
	report *model.Report
}

func examples(t testing.TB) []example {
	t.Helper()
	files, err := filepath.Glob("../../examples/2023/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	var out []example
	for _, f := range files {
		file, diags := load.ReadFile(f)
		if file == nil {
			t.Fatalf("%s: %v", f, diags)
		}
		for i, r := range file.Reports {
			name := strings.TrimSuffix(filepath.Base(f), ".yaml")
			if i > 0 {
				name += "-" + string(rune('a'+i))
			}
			out = append(out, example{name, r})
		}
	}
	if len(out) < 14 {
		t.Fatalf("%d example reports, want 14", len(out))
	}
	return out
}

func load1(t testing.TB, name string) *tmpl.Template {
	t.Helper()
	tp, err := tmpl.Load(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tp
}

func render(t testing.TB, r *model.Report, tp *tmpl.Template, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, tp, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func parts(t testing.TB, docx []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		m[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return m
}

// TestExamplesStructure renders every example with both built-in templates
// (and with embedded fonts) and checks the package structure.
func TestExamplesStructure(t *testing.T) {
	cases := []struct {
		template string
		opt      Options
	}{
		{"gongwen", Options{}},
		{"gongwen-redhead", Options{}},
		{"gongwen", Options{EmbedFonts: true, Fonts: fonts.FS}},
	}
	exs := examples(t)
	for _, c := range cases {
		tp := load1(t, c.template)
		for i, ex := range exs {
			if c.opt.EmbedFonts && i > 1 {
				break // embedding is slower; two examples suffice
			}
			name := c.template + "/" + ex.name
			if c.opt.EmbedFonts {
				name += "/embed"
			}
			t.Run(name, func(t *testing.T) {
				b := render(t, ex.report, tp, c.opt)
				if err := Verify(b); err != nil {
					t.Fatal(err)
				}
				ps := parts(t, b)
				if c.opt.EmbedFonts != (ps["word/_rels/fontTable.xml.rels"] != nil) {
					t.Errorf("fontTable relationships present: %v, want %v", !c.opt.EmbedFonts, c.opt.EmbedFonts)
				}
			})
		}
	}
}

// TestVerifyCatches checks that Verify finds each kind of damage.
func TestVerifyCatches(t *testing.T) {
	good := render(t, SampleReport(), load1(t, "gongwen"), Options{})
	cases := []struct {
		name   string
		damage func(map[string][]byte)
		want   string
	}{
		{"malformed", func(m map[string][]byte) { m["word/styles.xml"] = []byte("<w:styles>") }, "word/styles.xml"},
		{"no content type", func(m map[string][]byte) { m["word/extra.bin"] = []byte("x") }, "no content type"},
		{"unreferenced", func(m map[string][]byte) { m["word/extra.xml"] = []byte("<a/>") }, "unreferenced part"},
		{"dangling", func(m map[string][]byte) { delete(m, "word/footer2.xml") }, "dangling relationship"},
		{"undefined style", func(m map[string][]byte) {
			m["word/document.xml"] = bytes.Replace(m["word/document.xml"], []byte(`"GwBody"`), []byte(`"Nope"`), 1)
		}, "undefined style"},
		{"unnamed style", func(m map[string][]byte) {
			m["word/styles.xml"] = bytes.Replace(m["word/styles.xml"], []byte(`<w:name w:val="公文正文"/>`), nil, 1)
		}, "without a name"},
		{"dangling r:id", func(m map[string][]byte) {
			m["word/document.xml"] = bytes.Replace(m["word/document.xml"], []byte(`r:id="rIdFooterEven"`), []byte(`r:id="rIdNope"`), 1)
		}, "dangling r:id"},
		{"override for missing part", func(m map[string][]byte) { delete(m, "docProps/app.xml") }, "override for a missing part"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := parts(t, good)
			c.damage(m)
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			for n, b := range m {
				w, _ := zw.Create(n)
				w.Write(b)
			}
			zw.Close()
			err := Verify(buf.Bytes())
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Verify: %v, want %q", err, c.want)
			}
		})
	}
	if err := Verify(good); err != nil {
		t.Errorf("good document: %v", err)
	}
}

// TestBody checks the document body: styles only, run-in headings as
// character styles with an outline level, escaping, title lines, core
// properties.
func TestBody(t *testing.T) {
	r := SampleReport()
	created := time.Date(2024, 1, 12, 8, 30, 0, 0, time.UTC)
	ps := parts(t, render(t, r, load1(t, "gongwen"), Options{Created: created}))
	doc := string(ps["word/document.xml"])
	for _, want := range []string{
		`A&amp;B &lt;c&gt; &apos;d&apos; &quot;e&quot;`,
		`<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">一、</w:t>`,
		`<w:pStyle w:val="Heading2"/>`,
		`<w:pStyle w:val="GwBody"/><w:outlineLvl w:val="2"/></w:pPr><w:r><w:rPr><w:rStyle w:val="Heading3Char"/></w:rPr><w:t xml:space="preserve">1.</w:t>`,
		`<w:rStyle w:val="Heading4Char"/>`,
		`<w:tblHeader/>`,
		`<w:gridCol w:w="`,
		`<w:br/>`,
		`附件：`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	// Body paragraphs carry their style and nothing else (run-in
	// paragraphs add an outline level).
	for _, m := range regexp.MustCompile(`<w:pPr><w:pStyle w:val="GwBody"/>(.*?)</w:pPr>`).FindAllStringSubmatch(doc, -1) {
		if m[1] != "" && !regexp.MustCompile(`^<w:outlineLvl w:val="\d"/>$`).MatchString(m[1]) {
			t.Errorf("direct formatting on a body paragraph: %s", m[1])
		}
	}
	// Runs carry no direct formatting other than a character style.
	for _, m := range regexp.MustCompile(`<w:rPr>(.*?)</w:rPr>`).FindAllStringSubmatch(doc, -1) {
		if !regexp.MustCompile(`^<w:rStyle w:val="[^"]+"/>$`).MatchString(m[1]) {
			t.Errorf("direct run formatting: %s", m[1])
		}
	}
	core := string(ps["docProps/core.xml"])
	for _, want := range []string{
		"<dc:title>xx市xx区民政局关于2023年工作总结及2024年工作计划的报告（“R&amp;D”&lt;测试&gt;）</dc:title>",
		"<dc:creator>xx市xx区民政局</dc:creator>",
		`<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-12T08:30:00Z</dcterms:created>`,
	} {
		if !strings.Contains(core, want) {
			t.Errorf("core.xml lacks %s\n%s", want, core)
		}
	}
	// The text of the body equals the report's printed text.
	var text strings.Builder
	dec := xml.NewDecoder(bytes.NewReader(ps["word/document.xml"]))
	inT := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch x := tok.(type) {
		case xml.StartElement:
			inT = x.Name.Local == "t"
		case xml.EndElement:
			inT = false
		case xml.CharData:
			if inT {
				text.Write(x)
			}
		}
	}
	if got, want := squash(text.String()), squash(r.PlainText()); got != want {
		t.Errorf("body text differs from PlainText:\n got %s\nwant %s", got, want)
	}
}

func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// TestStylesFromLayout checks that layout values reach the parts and that
// every style sets all four font slots.
func TestStylesFromLayout(t *testing.T) {
	tp, err := tmpl.Load("gongwen", map[string]any{
		"page":        map[string]any{"left_mm": 27, "top_mm": 35},
		"grid":        map[string]any{"line_pitch_pt": 29},
		"sizes":       map[string]any{"title": 26},
		"page_number": map[string]any{"first_page": false},
		"fonts":       map[string]any{"body": map[string]any{"family": "仿宋", "fallbacks": []any{"FangSong"}, "pdf": "embedded:FandolFang-Regular.ttf"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ps := parts(t, render(t, SampleReport(), tp, Options{}))
	styles, doc := string(ps["word/styles.xml"]), string(ps["word/document.xml"])
	for _, want := range []string{`w:line="580" w:lineRule="exact"`, `<w:sz w:val="52"/>`, `w:eastAsia="仿宋"`} {
		if !strings.Contains(styles, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	b := render(t, SampleReport(), tp, Options{})
	if err := Verify(b); err != nil {
		t.Error(err)
	}
	if ps["word/footer3.xml"] == nil {
		t.Error("no first-page footer with first_page: false")
	}
	for _, want := range []string{`w:top="1984"`, `w:left="1531"`, `<w:docGrid w:type="lines" w:linePitch="580"/>`, `<w:titlePg/>`, `w:type="first"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	for _, m := range regexp.MustCompile(`<w:rFonts[^>]*/>`).FindAllString(styles, -1) {
		for _, slot := range []string{"w:ascii=", "w:hAnsi=", "w:eastAsia=", "w:cs="} {
			if !strings.Contains(m, slot) {
				t.Errorf("rFonts without %s: %s", slot, m)
			}
		}
	}
	if strings.Contains(styles, "Theme") || strings.Contains(string(ps["word/theme/theme1.xml"]), "script=") {
		t.Error("theme fonts are referenced or not neutralised")
	}
	ft := string(ps["word/fontTable.xml"])
	for _, want := range []string{`<w:font w:name="仿宋"><w:altName w:val="FangSong"/>`, `<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/>`, `<w:charset w:val="86"/>`} {
		if !strings.Contains(ft, want) {
			t.Errorf("fontTable.xml lacks %s\n%s", want, ft)
		}
	}
}

// TestDefaultGrid pins the grid recipe of the built-in layout: exact
// 579-twip lines, −5 twip character spacing, margins of GB/T 9704.
func TestDefaultGrid(t *testing.T) {
	tw := twips(&load1(t, "gongwen").Layout)
	want := Twips{PageW: 11906, PageH: 16838, Top: 2098, Bottom: 1984, Left: 1587, Right: 1475, TextW: 8844, Line: 579, CharSpacing: -5, Indent: 640}
	got := Twips{PageW: tw.PageW, PageH: tw.PageH, Top: tw.Top, Bottom: tw.Bottom, Left: tw.Left, Right: tw.Right, TextW: tw.TextW, Line: tw.Line, CharSpacing: tw.CharSpacing, Indent: tw.Indent}
	if got != want {
		t.Errorf("twips %+v\nwant %+v", got, want)
	}
	if 22*tw.Line > tw.PageH-tw.Top-tw.Bottom {
		t.Errorf("22 lines of %d twips do not fit %d", tw.Line, tw.PageH-tw.Top-tw.Bottom)
	}
	if pitch := 16*20 + tw.CharSpacing; 28*pitch > tw.TextW || 29*pitch <= tw.TextW {
		t.Errorf("character pitch %d twips does not give 28 characters in %d", pitch, tw.TextW)
	}
}

func TestSignaturePlacement(t *testing.T) {
	l := &load1(t, "gongwen").Layout
	tw := twips(l)
	ch := func(c float64) int { return int(c*tw.CharPitch + 0.5) }
	cases := []struct {
		sig, date         string
		sigLeft, dateLeft float64 // in characters from the left of the text block
	}{
		// 9-character signature, 6.5-character date: the signature 右空二字,
		// the date starts 2 characters right of it
		{"某某市某某区民政局", "2024年1月10日", 28 - 2 - 9, 28 - 2 - 9 + 2},
		// long date: the date keeps 右空二字, the signature moves left
		{"民政局", "2024年12月31日", 28 - 2 - 7 - 2, 28 - 2 - 7},
		{"xx区民政局", "", 28 - 2 - 5, 0},
	}
	for _, c := range cases {
		r := &model.Report{Agency: model.Text{Value: "x"}, Year: 2023, Signature: model.Text{Value: c.sig}}
		if c.date != "" {
			var d time.Time
			switch c.date {
			case "2024年1月10日":
				d = time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)
			default:
				d = time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
			}
			r.Date = &model.Date{Time: d}
		}
		var sig, date *Para
		ps := newData(r, l, Options{Measurer: estimate{}}).Body
		for i := range ps {
			switch ps[i].Kind {
			case "signature":
				sig = &ps[i]
			case "date":
				date = &ps[i]
			}
		}
		if sig == nil || abs(sig.Ind.Left-ch(c.sigLeft)) > 1 {
			t.Errorf("%s: signature indent %+v, want %d", c.sig, sig.Ind, ch(c.sigLeft))
		}
		if c.date != "" && (date == nil || abs(date.Ind.Left-ch(c.dateLeft)) > 1) {
			t.Errorf("%s: date indent %+v, want %d", c.date, date.Ind, ch(c.dateLeft))
		}
	}
}

func abs(v int) int { return max(v, -v) }

func TestEscapeXML(t *testing.T) {
	cases := []struct{ in, want string }{
		{"民政", "民政"},
		{`a&b<c>"d"'e'`, "a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;"},
		{"bell\x07tab\tnl\n", "belltab\tnl\n"},
		{"\uFFFE\U0001F600", "\U0001F600"},
	}
	for _, c := range cases {
		if got := escapeXML(c.in); got != c.want {
			t.Errorf("escapeXML(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFuncMapDenied(t *testing.T) {
	m := FuncMap()
	for _, name := range deniedFuncs {
		if _, ok := m[name]; ok {
			t.Errorf("function %s is available to templates", name)
		}
	}
	for _, name := range []string{"xml", "upper", "list", "add"} {
		if _, ok := m[name]; !ok {
			t.Errorf("function %s missing", name)
		}
	}
}

func TestObfuscate(t *testing.T) {
	key := "{00112233-4455-6677-8899-AABBCCDDEEFF}"
	data := make([]byte, 40)
	got := obfuscate(data, key)
	// The key bytes are the GUID's bytes from the end: FF EE DD … 00.
	if got[0] != 0xFF || got[1] != 0xEE || got[15] != 0x00 || got[16] != 0xFF || got[31] != 0x00 || got[32] != 0 {
		t.Errorf("obfuscation key order: % X", got)
	}
	if !bytes.Equal(obfuscate(got, key), data) {
		t.Error("obfuscation is not its own inverse")
	}
}

func TestEmbedFonts(t *testing.T) {
	r := SampleReport()
	b := render(t, r, load1(t, "gongwen"), Options{EmbedFonts: true, Fonts: fonts.FS})
	if len(b) > 3<<20 {
		t.Errorf("document with embedded fonts is %d bytes", len(b))
	}
	ps := parts(t, b)
	if !bytes.Contains(ps["word/settings.xml"], []byte("<w:embedTrueTypeFonts/>")) {
		t.Error("settings lack embedTrueTypeFonts")
	}
	ft := string(ps["word/fontTable.xml"])
	re := regexp.MustCompile(`<w:font w:name="([^"]+)">.*?<w:embedRegular r:id="(rIdFont\d)" w:fontKey="(\{[0-9A-F-]{36}\})"`)
	found := re.FindAllStringSubmatch(strings.ReplaceAll(ft, "\n", ""), -1)
	names := map[string]bool{}
	for _, m := range found {
		names[m[1]] = true
		n := strings.TrimPrefix(m[2], "rIdFont")
		odttf := ps["word/fonts/font"+n+".odttf"]
		plain := obfuscate(odttf, m[3])
		if binary.BigEndian.Uint32(plain) != 0x00010000 {
			t.Errorf("%s: de-obfuscated font does not start like TrueType: % X", m[1], plain[:4])
		}
	}
	for _, want := range []string{"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"} {
		if !names[want] {
			t.Errorf("%s not embedded (%v)", want, names)
		}
	}
	if _, err := Render(r, load1(t, "gongwen"), Options{EmbedFonts: true}); err == nil {
		t.Error("embedding without font files succeeded")
	}
}

// TestTemplateValidation checks user template folders: each broken one is
// refused with the file (and line) named.
func TestTemplateValidation(t *testing.T) {
	for _, name := range []string{"gongwen", "gongwen-redhead"} {
		if err := Validate(load1(t, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	base, err := os.ReadFile("../../templates/gongwen/layout.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"ok", map[string]string{"layout.yaml": "extends: gongwen\n"}, nil},
		{"parse error", map[string]string{"layout.yaml": "extends: gongwen\n", "word/settings.xml.tmpl": "<w:settings>\n{{if}}\n</w:settings>"}, []string{"word/settings.xml.tmpl:2"}},
		{"env refused", map[string]string{"layout.yaml": "extends: gongwen\n", "docProps/app.xml.tmpl": `<P>{{env "HOME"}}</P>`}, []string{"docProps/app.xml.tmpl:1", `"env" not defined`}},
		{"malformed static part", map[string]string{"layout.yaml": "extends: gongwen\n", "docProps/app.xml": "<Properties>\n<Application>gen</Properties>\n"}, []string{"docProps/app.xml:2"}},
		{"malformed rendering", map[string]string{"layout.yaml": "extends: gongwen\n", "word/_redhead.tmpl": `{{define "redhead"}}<w:p>{{.Doc.Title}}</w:p>{{end}}`}, []string{"word/document.xml.tmpl", "渲染结果第"}},
		{"missing parts", map[string]string{"layout.yaml": string(base), "word/styles.xml": "<w:styles/>"}, []string{"缺少 DOCX 部件", "word/document.xml", "word/settings.xml"}},
		{"dangling relationship", map[string]string{"layout.yaml": "extends: gongwen\n", "word/footer2.xml.tmpl": ""}, []string{"dangling relationship", "footer2.xml"}},
		{"missing key", map[string]string{"layout.yaml": "extends: gongwen\n", "docProps/app.xml.tmpl": `<P>{{.Font.nope.Family}}</P>`}, []string{"docProps/app.xml.tmpl:1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range c.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			tp, err := tmpl.Load(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = Validate(tp)
			if c.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestRedHeadTemplate checks that the red-head template only adds what
// differs and that its parts come from gongwen otherwise.
func TestRedHeadTemplate(t *testing.T) {
	var own []string
	filepath.WalkDir("../../templates/gongwen-redhead", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			own = append(own, filepath.ToSlash(strings.TrimPrefix(p, "../../templates/gongwen-redhead/")))
		}
		return nil
	})
	if strings.Join(own, ",") != "layout.yaml,word/_redhead.tmpl" {
		t.Errorf("gongwen-redhead files: %v", own)
	}
	ps := parts(t, render(t, SampleReport(), load1(t, "gongwen-redhead"), Options{}))
	doc, styles := string(ps["word/document.xml"]), string(ps["word/styles.xml"])
	if !regexp.MustCompile(`<w:pStyle w:val="GwRedHead"/>.*</w:pPr><w:r><w:t xml:space="preserve">xx市xx区民政局文件</w:t>`).MatchString(doc) {
		t.Error("no 发文机关标志 paragraph")
	}
	if want := `<w:bottom w:val="single" w:sz="8" w:space="11" w:color="E60012"/>`; !strings.Contains(doc, want) {
		t.Errorf("the 发文机关标志 paragraph lacks the red rule %s", want)
	}
	for _, want := range []string{`<w:color w:val="E60012"/>`, `<w:sz w:val="72"/>`} {
		if !strings.Contains(styles, want) {
			t.Errorf("GwRedHead style lacks %s", want)
		}
	}
	plain := parts(t, render(t, SampleReport(), load1(t, "gongwen"), Options{}))
	if strings.Contains(string(plain["word/document.xml"]), "GwRedHead") {
		t.Error("plain template has a red head")
	}
}

func BenchmarkWrite(b *testing.B) {
	var r *model.Report
	for _, ex := range examples(b) {
		if ex.name == "14-民政局" {
			r = ex.report
		}
	}
	tp := load1(b, "gongwen")
	if err := Write(io.Discard, r, tp, Options{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Write(io.Discard, r, tp, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteFromLayout writes the DOCX of a report already laid out
// (as gen does when it writes the PDF and the DOCX: one layout for both).
func BenchmarkWriteFromLayout(b *testing.B) {
	var r *model.Report
	for _, ex := range examples(b) {
		if ex.name == "14-民政局" {
			r = ex.report
		}
	}
	tp := load1(b, "gongwen")
	doc := layout.Layout(r.Elements(), &tp.Layout, measurer(&tp.Layout, Options{}), layout.Options{})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Write(io.Discard, r, tp, Options{Layout: doc}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteEmbedFonts(b *testing.B) {
	r := SampleReport()
	tp := load1(b, "gongwen")
	opt := Options{EmbedFonts: true, Fonts: fonts.FS}
	for i := 0; i < b.N; i++ {
		if err := Write(io.Discard, r, tp, opt); err != nil {
			b.Fatal(err)
		}
	}
}
