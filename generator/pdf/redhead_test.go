package pdf

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/testtool"
	"github.com/gongwen/gen/generator/tmpl"
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
			t.Logf("mark %q at %.2f mm below the text block (template %.0f mm), %.1f pt", mark.text, (mark.y0-l.Top())/mm, l.RedHead.TopMM, h.Size)
			if math.Abs(mark.y0-top) > 0.5*mm {
				t.Errorf("mark top %.2f mm below the text block, template %.1f ± 0.5", (mark.y0-l.Top())/mm, l.RedHead.TopMM)
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
			y0, y1, red := redRule(t, path, l.Left(), l.Left()+l.TextWidth(), ruleTop-4*mm, ruleTop+4*mm)
			t.Logf("red rule %.2f–%.2f mm below the text block top (template top edge %.2f mm)", (y0-l.Top())/mm, (y1-l.Top())/mm, (ruleTop-l.Top())/mm)
			if !red {
				t.Fatal("no red rule below the mark")
			}
			if math.Abs(y0-ruleTop) > 0.5*mm || math.Abs((y1-y0)-l.RedHead.RulePt) > 0.5*mm {
				t.Errorf("red rule at %.2f–%.2f pt, template top edge %.2f pt, %.1f pt thick (± 0.5 mm)", y0, y1, ruleTop, l.RedHead.RulePt)
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

// redRule renders page 1 at 300 dpi and finds the rows between from and to
// (points) that are red across at least 95 % of x0..x1 (a rule, not the
// mark's glyphs): the top and bottom of that run, and whether there is one.
func redRule(t *testing.T, path string, x0, x1, from, to float64) (y0, y1 float64, ok bool) {
	t.Helper()
	testtool.Path(t, "pdftoppm")
	out := filepath.Join(filepath.Dir(path), "rule")
	if err := exec.Command("pdftoppm", "-png", "-r", "300", "-f", "1", "-l", "1", "-singlefile", path, out).Run(); err != nil {
		t.Fatal(err)
	}
	fh, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	s := 300 / 72.0
	first, last := -1, -1
	for py := int(from * s); py <= int(to*s); py++ {
		n := 0
		for px := int(x0 * s); px < int(x1*s); px++ {
			if isRed(img, px, py) {
				n++
			}
		}
		if float64(n) >= 0.95*(x1-x0)*s {
			if first < 0 {
				first = py
			}
			last = py
		}
	}
	if first < 0 {
		return 0, 0, false
	}
	return float64(first) / s, float64(last+1) / s, true
}

func isRed(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return r>>8 > 150 && g>>8 < 120 && b>>8 < 120
}
