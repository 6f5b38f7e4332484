package pdf

import (
	"math"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/tmpl"
	"github.com/gongwen/gen/internal/testkit"
)

// TestPageNumberInk renders the first two pages of example 11 at 300 dpi
// and finds the ink of the page number's left dash (its dark pixels, not
// the glyph box pdftotext reports): the top of the dash stands
// page_number.offset_mm (7 mm) below the text block, ± 0.3 mm (GB/T 9704
// 7.5), on an odd and on an even page.
func TestPageNumberInk(t *testing.T) {
	testkit.Path(t, "pdftoppm")
	tp := gongwen(t, nil)
	l := &tp.Layout
	var ex *example
	for _, e := range examples(t) {
		if strings.HasPrefix(e.name, "11-") {
			ex = e
		}
	}
	if ex == nil {
		t.Fatal("example 11 missing")
	}
	bottom := l.Top() + l.TextHeight()
	want := l.PageNumber.OffsetMM
	s := 300 / 72.0
	for pi := 0; pi < 2; pi++ {
		var pn *layout.Run
		for k, r := range ex.doc.Pages[pi].Runs {
			if r.Kind == layout.KindPageNum {
				pn = &ex.doc.Pages[pi].Runs[k]
			}
		}
		if pn == nil || !strings.HasPrefix(pn.Text, "—") {
			t.Fatalf("page %d: page number run %+v", pi+1, pn)
		}
		img := testkit.RenderPage(t, ex.path, pi+1, 300)
		// the left dash: its first 80 % (the digits start a space later)
		x0, x1 := int(pn.X*s), int((pn.X+0.8*pn.Size)*s)
		first, last := -1, -1
		for py := int(bottom * s); py < int((bottom+20*tmpl.PtPerMM)*s); py++ {
			for px := x0; px < x1; px++ {
				if testkit.Dark(img, px, py) {
					if first < 0 {
						first = py
					}
					last = py
					break
				}
			}
		}
		if first < 0 {
			t.Fatalf("page %d: no ink of the dash below the text block", pi+1)
		}
		top := (float64(first)/s - bottom) / tmpl.PtPerMM
		thick := float64(last+1-first) / s
		t.Logf("page %d: dash ink %.2f mm below the text block, %.2f pt thick", pi+1, top, thick)
		if math.Abs(top-want) > 0.3 {
			t.Errorf("page %d: dash ink top %.2f mm below the text block, want %.1f ± 0.3", pi+1, top, want)
		}
		if thick > 0.2*pn.Size {
			t.Errorf("page %d: %.2f pt of ink found for the dash: not a dash", pi+1, thick)
		}
		if d := math.Abs(float64(first)/s - ex.doc.PageNumber.InkTop); d > 0.3*tmpl.PtPerMM {
			t.Errorf("page %d: dash ink %.2f pt from the layout's InkTop", pi+1, d)
		}
	}
}
