package layout

import (
	"math"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/model"
)

func TestSignaturePlacement(t *testing.T) {
	const right, pitch = 470.0, 15.79
	cases := []struct {
		name               string
		sigW, dateW        float64
		wantSigX, wantDate float64
	}{
		// signature 7 chars, date 10 cells (2024年1月10日: 4+1+.5+1+1+1 = 8.5? use cells)
		{"date shorter", 7 * pitch, 4 * pitch, right - 2*pitch - 7*pitch, right - 2*pitch - 7*pitch + 2*pitch},
		{"date longer pushes signature", 5 * pitch, 6.5 * pitch, right - 2*pitch - 6.5*pitch - 2*pitch, right - 2*pitch - 6.5*pitch},
		{"no date", 5 * pitch, 0, right - 7*pitch, 0},
		{"only date", 0, 6 * pitch, 0, right - 8*pitch},
	}
	for _, c := range cases {
		sx, dx := SignaturePlacement(c.sigW, c.dateW, right, 2*pitch, 2*pitch)
		if math.Abs(sx-c.wantSigX) > 1e-9 || math.Abs(dx-c.wantDate) > 1e-9 {
			t.Errorf("%s: got (%.2f, %.2f), want (%.2f, %.2f)", c.name, sx, dx, c.wantSigX, c.wantDate)
		}
		if c.dateW > 0 && c.sigW > 0 {
			if dx+c.dateW > right-2*pitch+1e-9 {
				t.Errorf("%s: date breaks the right space", c.name)
			}
			if math.Abs(dx-sx-2*pitch) > 1e-9 {
				t.Errorf("%s: date not shifted two characters", c.name)
			}
		}
	}
}

func TestPageNumberX(t *testing.T) {
	left, width, inset, w := 79.37, 442.2, 15.79, 50.0
	if x := PageNumberX(1, w, left, width, inset); math.Abs(x+w-(left+width-inset)) > 1e-9 {
		t.Errorf("odd page: right end %.2f, want %.2f", x+w, left+width-inset)
	}
	if x := PageNumberX(2, w, left, width, inset); math.Abs(x-(left+inset)) > 1e-9 {
		t.Errorf("even page: x %.2f, want %.2f", x, left+inset)
	}
}

// A signature that would open a page alone takes the last body line along.
func TestSignatureNotAlone(t *testing.T) {
	l := gongwen(t, nil)
	var els []model.Element
	for i := 0; i < 22; i++ {
		els = append(els, model.Element{Kind: model.ElParagraph, Indent: true, Spans: []model.Span{{Text: "段落。", Role: model.RoleBody}}})
	}
	els = append(els, model.Element{Kind: model.ElSignature, Spans: []model.Span{{Text: "xx区民政局", Role: model.RoleBody}}})
	doc := Layout(els, l, fakeMeasurer{}, Options{})
	if len(doc.Pages) != 2 {
		t.Fatalf("pages %d", len(doc.Pages))
	}
	p1, p2 := doc.Pages[0], doc.Pages[1]
	if p1.Lines != 21 {
		t.Errorf("page 1 keeps %d lines, want 21", p1.Lines)
	}
	var kinds []Kind
	var lines []int
	for _, r := range p2.Runs {
		if r.Kind != KindPageNum {
			kinds = append(kinds, r.Kind)
			lines = append(lines, r.Line)
		}
	}
	if len(kinds) != 2 || kinds[0] != KindBody || kinds[1] != KindSignature || lines[0] != 0 || lines[1] != 2 {
		t.Errorf("page 2: kinds %v lines %v", kinds, lines)
	}
	if r := p2.Runs[0]; math.Abs(r.Y-(l.Top()+0.88*16)) > 1e-9 {
		t.Errorf("carried line baseline %.2f", r.Y)
	}
}

// A paragraph cut by the signature rule goes over with two lines
// (signature.carry_lines), not one alone at the top of the page, when the
// page then keeps 20 lines; when it would keep fewer, one line goes.
func TestSignatureCarriesTwoLines(t *testing.T) {
	l := gongwen(t, nil)
	para := func(n int) model.Element {
		// the first line holds 26 characters, the others 28
		return model.Element{Kind: model.ElParagraph, Indent: true, Spans: []model.Span{{Text: strings.Repeat("段", 26+28*(n-2)+10) + "。", Role: model.RoleBody}}}
	}
	sig := model.Element{Kind: model.ElSignature, Spans: []model.Span{{Text: "xx区民政局", Role: model.RoleBody}}}
	for _, c := range []struct {
		name       string
		ones, para int // one-line paragraphs, then a paragraph of para lines
		keep, move int // lines page 1 keeps, body lines on page 2
	}{
		{"ends on the last line", 18, 4, 20, 2},
		{"ends one line short", 17, 4, 20, 1},
	} {
		var els []model.Element
		for i := 0; i < c.ones; i++ {
			els = append(els, model.Element{Kind: model.ElParagraph, Indent: true, Spans: []model.Span{{Text: "段落。", Role: model.RoleBody}}})
		}
		els = append(els, para(c.para), sig)
		doc := Layout(els, l, fakeMeasurer{}, Options{})
		if len(doc.Pages) != 2 {
			t.Fatalf("%s: pages %d", c.name, len(doc.Pages))
		}
		if got := doc.Pages[0].Lines; got != c.keep {
			t.Errorf("%s: page 1 keeps %d lines, want %d", c.name, got, c.keep)
		}
		body, sigLine := 0, -1
		for _, r := range doc.Pages[1].Runs {
			switch r.Kind {
			case KindBody:
				body++
			case KindSignature:
				sigLine = r.Line
			}
		}
		if body != c.move || sigLine != c.move+1 {
			t.Errorf("%s: page 2 has %d body lines, signature on line %d; want %d, %d", c.name, body, sigLine, c.move, c.move+1)
		}
	}
}
