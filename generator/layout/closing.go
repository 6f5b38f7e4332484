package layout

import (
	"github.com/gongwen/gen/generator/model"
)

// attachment sets one line of the attachment note: 附件：1. name, further
// numbers aligned under the first, wrapped names aligned with the name.
func (e *engine) attachment(el *model.Element) {
	if el.Index == 0 {
		e.blank(e.l.Attachment.BlankLinesBefore)
	}
	ind := float64(e.l.Body.IndentChars) * e.cpitch
	label := e.shape([]model.Span{{Text: "附件：", Role: model.RoleBody}}, e.body, false)
	num := e.shape([]model.Span{{Text: el.Number, Role: model.RoleBody}}, e.body, false)
	// The label and the number sit on the grid, so widths are scaled.
	lw, nw := natWidth(label)*e.scale, natWidth(num)*e.scale
	first := ind
	if el.Index > 0 {
		first = ind + lw
	}
	e.paragraph(el, first, ind+lw+nw, KindAttach)
}

// signature sets 发文机关署名 and 成文日期 per GB/T 9704 7.3.5.2: a blank
// line, the signature right-aligned with RightChars of space, the date on the
// next line starting DateShiftChars right of the signature's first
// character; a longer date keeps RightChars and pushes the signature right.
func (e *engine) signature(sig, date *model.Element) {
	var sg, dg []glyph
	if sig != nil {
		sg = trimSpaces(e.shape(sig.Spans, e.body, false))
	}
	if date != nil {
		dg = trimSpaces(e.shape(date.Spans, e.body, false))
	}
	sx, dx := SignaturePlacement(natWidth(sg)*e.scale, natWidth(dg)*e.scale, e.left+e.width,
		float64(e.l.Signature.RightChars)*e.cpitch, float64(e.l.Signature.DateShiftChars)*e.cpitch)
	k := 0
	if len(sg) > 0 {
		k++
	}
	if len(dg) > 0 {
		k++
	}
	if e.cur > 0 && e.cur+e.l.Signature.BlankLinesBefore+k > e.n {
		// The signature would open a page of its own: the last body lines
		// go with it.
		k := e.carryCount()
		if k == 1 && e.lastIsContinued() {
			e.widow, e.widowPg = e.elemOfLine(e.cur-1), len(e.doc.Pages)-1
		}
		e.carryLines(k)
	}
	e.blank(e.l.Signature.BlankLinesBefore)
	e.need(k)
	if len(sg) > 0 {
		i := e.take()
		e.elem = e.index(sig)
		e.emit(sg, sx, e.baseline(i, model.RoleBody, e.body), e.body, e.gridTc(sg), KindSignature, i)
	}
	if len(dg) > 0 {
		i := e.take()
		e.elem = e.index(date)
		e.emit(dg, dx, e.baseline(i, model.RoleBody, e.body), e.body, e.gridTc(dg), KindDate, i)
	}
}

// carryCount is how many body lines go over with the signature: one when
// the page's last line is a paragraph of its own (or starts one), else
// signature.carry_lines of that paragraph, so that none of its lines stands
// alone at the top of the page (widow), as long as the page keeps at most
// two lines short of full (fitClosing sets the paragraph before the
// signature so that it ends on the page's last line).
func (e *engine) carryCount() int {
	if !e.lastIsContinued() {
		return 1
	}
	k := max(1, e.l.Signature.CarryLines)
	for k > 1 && e.cur-k < e.n-2 {
		k--
	}
	return k
}

// elemOfLine is the element of the first run on grid line line of the
// page, -1 when the line is empty.
func (e *engine) elemOfLine(line int) int {
	for _, r := range e.page.Runs {
		if r.Line == line {
			return r.Elem
		}
	}
	return -1
}

// lastIsContinued reports whether the page's last line continues the
// paragraph of the line above it (carrying it alone would leave a widow).
func (e *engine) lastIsContinued() bool {
	last := e.cur - 1
	return last >= 1 && e.elemOfLine(last) >= 0 && e.elemOfLine(last) == e.elemOfLine(last-1)
}

// SignaturePlacement returns the x of the signature and of the date, given
// their widths, the right edge of the text block, the right space and the
// date shift. Without a signature (sigW 0) the date keeps the right space;
// without a date the signature does.
func SignaturePlacement(sigW, dateW, right, rightSpace, shift float64) (sigX, dateX float64) {
	edge := right - rightSpace
	sigX = edge - sigW
	if dateW == 0 {
		return sigX, 0
	}
	if sigW == 0 {
		return 0, edge - dateW
	}
	dateX = sigX + shift
	if dateX+dateW > edge+eps {
		dateX = edge - dateW
		sigX = dateX - shift
	}
	return sigX, dateX
}

// index is the index of el among the elements being laid out, -1 when it
// is not one of them.
func (e *engine) index(el *model.Element) int {
	if i, ok := e.pos[el]; ok {
		return i
	}
	return -1
}
