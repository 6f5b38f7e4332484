package docx

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/pdf"
	"github.com/gongwen/gen/generator/tmpl"
	"github.com/gongwen/gen/internal/testkit"
)

// withColophon is the example whose name starts with prefix, with a 发文字号
// and a 版记 (抄送 and the imprint); the example itself is not changed.
func withColophon(exs []example, prefix string) *model.Report {
	for _, ex := range exs {
		if strings.HasPrefix(ex.name, prefix) {
			r := *ex.report
			r.DocNumber = model.Text{Value: "x人社发〔2024〕1号"}
			r.CopyTo = []model.Text{{Value: "区纪委监委"}, {Value: "区人大常委会办公室"}, {Value: "区政协办公室"}}
			r.PrintedBy = model.Text{Value: "xx县人力资源和社会保障局办公室"}
			r.PrintedDate = &model.Date{Time: time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)}
			return &r
		}
	}
	panic("no example " + prefix)
}

// TestLibreOfficeColophon: the 版记 stands at the foot of the last page as
// in our PDF (each of its lines within 4 pt of ours), also where
// LibreOffice breaks the body's lines differently and ends the body
// higher on the page (11-colophon-redhead: two lines higher).
func TestLibreOfficeColophon(t *testing.T) {
	docs := libreOffice(t)
	set, err := fontset.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(work(t), "colophon")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, d := range docs {
		if d.asIs || layoutOf(t, d).Colophon == nil {
			continue
		}
		checked++
		t.Run(d.name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, _, err := pdf.Render(d.report, load1(t, d.template), set, &buf); err != nil {
				t.Fatal(err)
			}
			ours := filepath.Join(dir, d.name+".pdf")
			if err := os.WriteFile(ours, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			find := func(path string) (copyTo, imprint float64, pages int) {
				ps, err := testkit.Lines(path)
				if err != nil {
					t.Fatal(err)
				}
				copyTo, imprint = math.NaN(), math.NaN()
				for _, ln := range ps[len(ps)-1].Lines {
					s := squash(ln.Text)
					switch {
					case strings.HasPrefix(s, "抄送"):
						copyTo = ln.YMin
					case strings.HasSuffix(s, "印发"):
						imprint = ln.YMin
					}
				}
				return copyTo, imprint, len(ps)
			}
			oc, oi, op := find(ours)
			lc, li, lp := find(d.pdf)
			if op != lp {
				t.Errorf("LibreOffice %d pages, our PDF %d", lp, op)
			}
			if math.IsNaN(oi) || math.IsNaN(li) {
				t.Fatalf("imprint line on the last page: ours %v, LibreOffice %v", oi, li)
			}
			if math.Abs(li-oi) > 4 {
				t.Errorf("imprint at y %.1f, our PDF %.1f", li, oi)
			}
			if !math.IsNaN(oc) && (math.IsNaN(lc) || math.Abs(lc-oc) > 4) {
				t.Errorf("抄送 at y %.1f, our PDF %.1f", lc, oc)
			}
		})
	}
	if checked < 3 {
		t.Errorf("%d documents with a 版记 checked, want 3", checked)
	}
}

// TestColophonBox: with the project's templates the 版记 is a text box
// anchored to the page at the layout's first 版记 grid line, holding its two
// paragraphs; a document template written before the box (no
// "colophonbox" template) still gets the 版记, in the flow.
func TestColophonBox(t *testing.T) {
	r := fullReport()
	tp := load1(t, "gongwen")
	b, err := Render(r, tp, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := string(parts(t, b)["word/document.xml"])
	l := tp.Layout
	c := layoutOf(t, &loDoc{report: r, template: "gongwen"}).Colophon
	want := emu(l.Top() + float64(c.FirstLine)*l.LinePitch() - float64(max(2, min(96, int(math.Round(c.First.Width*8)))))/8)
	if !strings.Contains(doc, `<wp:positionV relativeFrom="page"><wp:posOffset>`+strconv.Itoa(want)+`<`) {
		t.Errorf("no text box anchored to the page at %d EMU", want)
	}
	i := strings.Index(doc, "<w:txbxContent>")
	j := strings.Index(doc, "</w:txbxContent>")
	if i < 0 || j < i || strings.Count(doc[i:j], `w:val="GwColophon"`) != 2 || !strings.Contains(doc[i:j], "抄送：") || !strings.Contains(doc[i:j], "印发") {
		t.Errorf("the text box does not hold the 版记's two paragraphs")
	}
	if err := Verify(b); err != nil {
		t.Error(err)
	}

	// A document template of its own, without the box.
	src, err := os.ReadFile("../../templates/gongwen/word/document.xml.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	old := string(src)
	k := strings.Index(old, `{{- define "colophonbox"}}`)
	e := strings.Index(old[k:], `{{- end}}`+"\n")
	old = old[:k] + old[k+e+len(`{{- end}}`+"\n"):]
	old = strings.Replace(old, `{{- else if eq .Kind "colophonbox"}}{{template "colophonbox" .}}`+"\n", "", 1)
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "word"), 0o755)
	os.WriteFile(filepath.Join(dir, "layout.yaml"), []byte("extends: gongwen\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "word", "document.xml.tmpl"), []byte(old), 0o644)
	own, err := tmpl.Load(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err = Render(r, own, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc = string(parts(t, b)["word/document.xml"])
	if strings.Contains(doc, "txbxContent") || strings.Count(doc, `w:val="GwColophon"`) != 2 || !strings.Contains(doc, "抄送：") || !strings.Contains(doc, "印发") {
		t.Errorf("without the box template the 版记 is not in the flow")
	}
}
