package docx

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/pdf"
)

// The DOCX follows the layout: for every example and both templates the
// document is written as the command does it (laid out inside the writer
// with the PDF's fonts), then its word/document.xml is read back and the
// values it holds are compared with an independent layout of the same
// report, the one the PDF draws: the title's lines, every table's gridCol
// widths (±1 twip), the signature and date indents (±1 twip), the red head
// (present exactly when the layout has one, same text, red) and the footer
// distance that puts the page number where the layout does.

// xPara is a paragraph of document.xml as read back.
type xPara struct {
	style string
	lines []string // text split at <w:br/>
	left  int      // w:ind w:left, -1 when absent
	color string   // first w:color in the paragraph
	// in a table
	table bool
}

// xDoc is the body of document.xml as read back.
type xDoc struct {
	paras  []xPara
	grids  [][]int // gridCol widths per table
	footer int     // w:pgMar w:footer of the last section
}

func readDocument(t *testing.T, data []byte) xDoc {
	t.Helper()
	var d xDoc
	dec := xml.NewDecoder(bytes.NewReader(data))
	var p *xPara
	depthTbl := 0
	attr := func(se xml.StartElement, name string) string {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch v := tok.(type) {
		case xml.StartElement:
			switch v.Name.Local {
			case "tbl":
				depthTbl++
			case "tblGrid":
				d.grids = append(d.grids, nil)
			case "gridCol":
				n, _ := strconv.Atoi(attr(v, "w"))
				d.grids[len(d.grids)-1] = append(d.grids[len(d.grids)-1], n)
			case "p":
				p = &xPara{left: -1, lines: []string{""}, table: depthTbl > 0}
			case "pStyle":
				if p != nil {
					p.style = attr(v, "val")
				}
			case "ind":
				if p != nil {
					if s := attr(v, "left"); s != "" {
						p.left, _ = strconv.Atoi(s)
					}
				}
			case "color":
				if p != nil && p.color == "" {
					p.color = attr(v, "val")
				}
			case "br":
				if p != nil && attr(v, "type") == "" {
					p.lines = append(p.lines, "")
				}
			case "t":
				var s string
				if err := dec.DecodeElement(&s, &v); err != nil {
					t.Fatal(err)
				}
				if p != nil {
					p.lines[len(p.lines)-1] += s
				}
			case "pgMar":
				d.footer, _ = strconv.Atoi(attr(v, "footer"))
			}
		case xml.EndElement:
			switch v.Name.Local {
			case "tbl":
				depthTbl--
			case "p":
				if p != nil {
					d.paras = append(d.paras, *p)
					p = nil
				}
			}
		}
	}
	return d
}

func (d xDoc) style(s string) []xPara {
	var out []xPara
	for _, p := range d.paras {
		if p.style == s {
			out = append(out, p)
		}
	}
	return out
}

// fullReport is the sample report with a 发文字号, a 签发人 and a 版记.
func fullReport() *model.Report {
	r := SampleReport()
	r.DocNumber = model.Text{Value: "x民发〔2024〕1号"}
	r.Signer = model.Text{Value: "张三"}
	r.CopyTo = []model.Text{{Value: "区纪委监委"}, {Value: "区人大常委会办公室"}, {Value: "区政协办公室"}, {Value: "区法院"}, {Value: "区检察院"}, {Value: "市民政局"}}
	r.PrintedBy = model.Text{Value: "xx市xx区民政局办公室"}
	r.PrintedDate = &model.Date{Time: time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)}
	return r
}

func TestDOCXFollowsLayout(t *testing.T) {
	set, err := fontset.Default()
	if err != nil {
		t.Fatal(err)
	}
	reports := examples(t)
	reports = append(reports, example{"sample", SampleReport()}, example{"full", fullReport()})
	checked := map[string]int{}
	for _, name := range []string{"gongwen", "gongwen-redhead"} {
		tp := load1(t, name)
		l := &tp.Layout
		for _, ex := range reports {
			t.Run(name+"/"+ex.name, func(t *testing.T) {
				doc := layout.Layout(ex.report.Elements(), l, pdf.Measurer(set), layout.Options{})
				b, err := Render(ex.report, tp, Options{Measurer: pdf.Measurer(set)})
				if err != nil {
					t.Fatal(err)
				}
				x := readDocument(t, parts(t, b)["word/document.xml"])

				// Title lines.
				titles := x.style(StyleTitle)
				if len(titles) != 1 {
					t.Fatalf("%d title paragraphs", len(titles))
				}
				if got, want := strings.Join(titles[0].lines, "|"), strings.Join(doc.TitleLines(), "|"); got != want {
					t.Errorf("title lines %q, layout %q", got, want)
				}
				checked["title"]++

				// gridCol widths.
				if len(x.grids) != len(doc.Tables) {
					t.Fatalf("%d tables in the DOCX, %d in the layout", len(x.grids), len(doc.Tables))
				}
				for k, g := range x.grids {
					cols := doc.Tables[k].Cols
					if len(g) != len(cols) {
						t.Fatalf("table %d: %d gridCols, layout %d columns", k, len(g), len(cols))
					}
					for c := range g {
						if d := math.Abs(float64(g[c]) - cols[c]*20); d > 1 {
							t.Errorf("table %d column %d: gridCol %d twips, layout %.1f", k, c, g[c], cols[c]*20)
						}
						checked["gridCol"]++
					}
				}

				// Signature and date indents.
				for _, k := range []struct {
					style string
					kind  layout.Kind
				}{{StyleSignature, layout.KindSignature}, {StyleDate, layout.KindDate}} {
					var want []float64
					for _, bl := range doc.Blocks {
						if bl.Kind == k.kind {
							want = append(want, (bl.Lines[0].X-l.Left())*20)
						}
					}
					got := x.style(k.style)
					if k.style == StyleSignature && len(want) == 0 {
						continue // a date alone takes the signature's style
					}
					if len(got) != len(want) {
						t.Errorf("%s: %d paragraphs, layout %d", k.style, len(got), len(want))
						continue
					}
					for i := range got {
						if d := math.Abs(float64(got[i].left) - want[i]); d > 1 {
							t.Errorf("%s indent %d twips, layout %.1f", k.style, got[i].left, want[i])
						}
						checked["indent"]++
					}
				}

				// Red head.
				heads := x.style("GwRedHead")
				if (doc.RedHead != nil) != (len(heads) == 1) || len(heads) > 1 {
					t.Fatalf("red head in layout %v, %d GwRedHead paragraphs", doc.RedHead != nil, len(heads))
				}
				if doc.RedHead != nil {
					if got := strings.Join(heads[0].lines, ""); got != doc.RedHead.Text {
						t.Errorf("red head %q, layout %q", got, doc.RedHead.Text)
					}
					checked["redhead"]++
				}
				if nums := x.style(StyleDocNumber); doc.RedHead != nil && doc.RedHead.Number.Text != "" {
					if len(nums) != 1 || !strings.Contains(strings.Join(nums[0].lines, ""), doc.RedHead.Number.Text) {
						t.Errorf("发文字号 paragraph %+v, layout %q", nums, doc.RedHead.Number.Text)
					}
				}

				// 版记.
				col := x.style(StyleColophon)
				if (doc.Colophon != nil) != (len(col) > 0) {
					t.Errorf("版记 in layout %v, %d GwColophon paragraphs", doc.Colophon != nil, len(col))
				}
				if c := doc.Colophon; c != nil && len(c.CopyTo) > 0 {
					var want []string
					for _, ln := range c.CopyTo {
						want = append(want, ln.Text)
					}
					if got := strings.Join(col[0].lines, "|"); got != strings.Join(want, "|") {
						t.Errorf("抄送 lines %q, layout %q", got, want)
					}
				}

				// Footer: the page number's glyph top where the layout has it.
				top := l.PageHeight() - float64(x.footer)/20 - glyphTop*l.Sizes.PageNumber
				if d := math.Abs(top - doc.PageNumber.Top); d > 0.1 {
					t.Errorf("footer puts the page number top at %.2f pt, layout %.2f", top, doc.PageNumber.Top)
				}
			})
		}
	}
	t.Logf("checked: %v", checked)
}
