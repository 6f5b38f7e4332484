package pdf

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
	"github.com/gongwen/gen/internal/testkit"
)

// TestRedHeadPDF: page 1 of a PDF made with gongwen-redhead shows the red
// 发文机关标志 with its top redhead.top_mm below the text block and the red
// rule redhead.rule_gap_mm below the 发文字号 line (or the mark), each
// within 0.5 mm of the template's figures: the mark and the 发文字号 read
// back with pdftotext -bbox, the rule found in the page rendered by
// pdftoppm (its red pixels). The 版记 stands on the last page above the
// bottom edge of the text block.
func TestRedHeadPDF(t *testing.T) {
	set, err := fontset.Default()
	if err != nil {
		t.Fatal(err)
	}
	tp, err := tmpl.Load("gongwen-redhead", nil)
	if err != nil {
		t.Fatal(err)
	}
	l := &tp.Layout
	f, ds := load.ReadFile("../../examples/2023/11-人社局.yaml")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	plain := f.Reports[0]
	full := *plain
	full.DocNumber = model.Text{Value: "x人社发〔2024〕1号"}
	full.Signer = model.Text{Value: "张三"}
	full.CopyTo = []model.Text{{Value: "区纪委监委"}, {Value: "区人大常委会办公室"}, {Value: "区政协办公室"}}
	full.PrintedBy = model.Text{Value: "xx市xx区人力资源和社会保障局办公室"}
	full.PrintedDate = &model.Date{Time: time.Date(2024, 1, 12, 0, 0, 0, 0, time.UTC)}
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		r    *model.Report
	}{{"plain", plain}, {"full", &full}} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			doc, _, err := Render(c.r, tp, set, &buf)
			if err != nil {
				t.Fatal(err)
			}
			h := doc.RedHead
			if h == nil {
				t.Fatal("no red head in the layout")
			}
			path := filepath.Join(dir, c.name+".pdf")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			pages := bboxPages(t, path)
			top := l.Top() + l.RedHead.TopMM*mm
			var mark, number *pline
			for i, ln := range pages[0] {
				switch {
				case strings.Contains(ln.text, "文件") && mark == nil:
					mark = &pages[0][i]
				case c.r.DocNumber.Value != "" && strings.Contains(ln.text, c.r.DocNumber.Value):
					number = &pages[0][i]
				}
			}
			if mark == nil || mark.text != h.Text {
				t.Fatalf("mark %+v, want %q", mark, h.Text)
			}
			// The mark's characters, as printed: their top edge top_mm
			// below the text block (the ink sits just inside the em box,
			// so up to 0.1 em lower), and rule_gap_mm of white at least
			// between them and the red rule.
			img := testkit.RenderPage(t, path, 1, 300)
			inkTop, inkBottom, ok := testkit.Rows(img, 300, l.Left(), l.Left()+l.TextWidth(), l.Top(), top+h.Size+l.RedHead.RuleGapMM*mm, 0, 0.5, testkit.Red)
			if !ok {
				t.Fatal("no red mark")
			}
			t.Logf("mark %q: ink %.2f–%.2f mm below the text block (template top %.0f mm), %.1f pt", mark.text, (inkTop-l.Top())/mm, (inkBottom-l.Top())/mm, l.RedHead.TopMM, h.Size)
			if inkTop < top-0.3*mm || inkTop > top+0.1*h.Size {
				t.Errorf("mark's characters start %.2f mm below the text block, template %.1f (up to 0.1 em lower)", (inkTop-l.Top())/mm, l.RedHead.TopMM)
			}
			if mark.x0 < l.Left()-0.5 || mark.x1 > l.Left()+l.TextWidth()+0.5 || math.Abs((mark.x0+mark.x1)/2-(l.Left()+l.TextWidth()/2)) > 0.5*mm {
				t.Errorf("mark spans x %.1f–%.1f: not centred inside the text block", mark.x0, mark.x1)
			}
			// Where the rule must be: rule_gap_mm below the last line of
			// the head, by the template's figures.
			below := top + h.Size
			if number != nil {
				below = top + h.Size + float64(l.RedHead.DocNumberGapLines)*l.LinePitch() + l.Sizes.Body
				if want := top + h.Size + float64(l.RedHead.DocNumberGapLines)*l.LinePitch(); math.Abs(number.y0-want) > 0.5*mm {
					t.Errorf("发文字号 top %.2f mm below the mark's top, want %.2f", (number.y0-top)/mm, (want-top)/mm)
				}
				side := float64(l.RedHead.SideChars) * l.CharPitch()
				if math.Abs(number.x0-(l.Left()+side)) > 0.5*mm || !strings.HasSuffix(number.text, "签发人："+c.r.Signer.Value) ||
					math.Abs(number.x1-(l.Left()+l.TextWidth()-side)) > 0.5*mm {
					t.Errorf("发文字号 line %+v: want the number %.1f pt from the left, 签发人 ending %.1f pt from the right", number, side, side)
				}
			} else if c.r.DocNumber.Value != "" {
				t.Error("no 发文字号 on page 1")
			}
			ruleTop := below + l.RedHead.RuleGapMM*mm
			y0, y1, red := testkit.Rows(img, 300, l.Left(), l.Left()+l.TextWidth(), ruleTop-4*mm, ruleTop+4*mm, 0.95, 1, testkit.Red)
			t.Logf("red rule %.2f–%.2f mm below the text block top (template top edge %.2f mm)", (y0-l.Top())/mm, (y1-l.Top())/mm, (ruleTop-l.Top())/mm)
			if !red {
				t.Fatal("no red rule below the mark")
			}
			if math.Abs(y0-ruleTop) > 0.5*mm || math.Abs((y1-y0)-l.RedHead.RulePt) > 0.5*mm {
				t.Errorf("red rule at %.2f–%.2f pt, template top edge %.2f pt, %.1f pt thick (± 0.5 mm)", y0, y1, ruleTop, l.RedHead.RulePt)
			}
			if number == nil && y0-inkBottom < l.RedHead.RuleGapMM*mm-0.3*mm {
				t.Errorf("only %.2f mm between the mark's characters and the red rule, template %.1f", (y0-inkBottom)/mm, l.RedHead.RuleGapMM)
			}
			// The title on the grid line the layout chose, blank_lines_after
			// lines below the rule.
			if tl := doc.TitleLines(); len(tl) == 0 {
				t.Error("no title")
			}
			if c.name == "full" {
				c := doc.Colophon
				if c == nil || c.Page != len(doc.Pages)-1 {
					t.Fatalf("版记 %+v not on the last page", c)
				}
				last := pages[len(pages)-1]
				var imprint *pline
				for i, ln := range last {
					if strings.Contains(ln.text, "印发") {
						imprint = &last[i]
					}
				}
				bottom := l.Top() + l.TextHeight()
				if imprint == nil || imprint.y1 > bottom || bottom-imprint.y1 > l.LinePitch() {
					t.Errorf("imprint line %+v: want it on the last line of the text block (bottom %.1f)", imprint, bottom)
				}
			}
		})
	}
}
