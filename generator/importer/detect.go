package importer

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// frame is an open block while the detector walks the paragraphs.
type frame struct {
	b       *model.Block
	style   model.Numbering // the style of the list the block is in
	n       int             // its number in that list (0 for unnumbered)
	level   int             // outline-level evidence, 0 for none
	content []model.Text    // body paragraphs, decided into text or points at close
	after   bool            // a table was attached: later paragraphs are out of order
	alone   bool            // the heading stood on its own line
	inline  bool            // the heading ran into its text
}

// detector turns the body paragraphs of one report into its block tree.
type detector struct {
	file     string
	ds       diag.List
	intro    []model.Text
	sections []*model.Block
	docNum   model.Numbering
	stack    []*frame
}

// Detect builds a report from the paragraphs of one report: title,
// recipient, intro, the numbered block tree, closing, attachments,
// signature and date. What fits no key goes into the nearest block's text,
// with a warning. Agency and year are guessed from the title unless opt
// gives them.
func Detect(file string, paras []Para, opt Options) (*model.Report, diag.List) {
	var ps []Para
	for _, p := range paras {
		if p.Note != "" {
			continue
		}
		if p.Table == nil && strings.TrimSpace(p.Text) == "" {
			continue
		}
		p.Text = strings.TrimSpace(strings.Trim(p.Text, "\u3000"))
		ps = append(ps, p)
	}
	d := &detector{file: file}
	for _, p := range paras {
		if p.Note != "" {
			d.ds = append(d.ds, warn(p.Pos, p.Note))
		}
	}
	if len(ps) == 0 {
		return nil, append(d.ds, fail(model.Pos{File: file}, "imp-empty"))
	}
	r := &model.Report{Pos: ps[0].Pos}
	ps0 := ps[0].Pos
	ps, mark := d.redHead(r, ps)
	ps = d.colophon(r, ps)
	ps = d.head(r, ps)
	ps = d.tail(r, ps)
	for _, p := range labelTables(ps) {
		d.para(p)
	}
	d.closeTo(0)
	d.finishIntro()
	r.Intro = d.intro
	r.Sections = d.sections
	if d.docNum != "" && d.docNum != model.NumChinese {
		r.Numbering = d.docNum
	}
	if ds := d.meta(r, opt); ds.HasErrors() {
		d.ds.Sort()
		return nil, d.ds
	}
	if issuer := r.Issuer.Value; mark != "" && mark != issuer+"文件" && !(issuer == "" && mark == r.Agency.Value+"文件") {
		d.ds = append(d.ds, warn(ps0, "imp-mark", mark))
	}
	r.Resolve()
	d.ds.Sort()
	return r, d.ds
}

// titleGoesOn starts the second line of a title typed on two lines.
var (
	titleGoesOn   = lazyRegexp(`^(及|和|暨|与|的|、)`)
	titleYearLine = lazyRegexp(`^(19|20)[0-9]{2}年.*(计划|打算|谋划|要点|总结)$`)
)

// titleContinues tells the second paragraph of a title set in two: it
// goes on (及2024年工作计划), or the first has no year yet.
func titleContinues(first, next string) bool {
	return titleGoesOn().MatchString(next) || !titleYear().MatchString(first)
}

// head takes the title and the recipient line off the front.
func (d *detector) head(r *model.Report, ps []Para) []Para {
	ti := -1
	for i := 0; i < len(ps) && i < 3; i++ {
		if ps[i].Title {
			ti = i
			break
		}
	}
	if ti < 0 && len(ps) > 1 && ps[0].Table == nil && !isTitleLike(ps[0]) && utf8.RuneCountInString(ps[0].Text) <= 10 && ps[1].Table == nil && isTitleLike(ps[1]) {
		ti = 1 // a mark above the title: 附件1, 内部资料
	} else if ti < 0 && ps[0].Table == nil && isTitleLike(ps[0]) {
		ti = 0
	}
	// A title typed on two lines: 民政局2023年工作总结 / 及2024年工作计划.
	if ti >= 0 && ti+1 < len(ps) && !ps[ti+1].Title && isTitleLike(ps[ti+1]) && (titleGoesOn().MatchString(ps[ti+1].Text) || !titleYear().MatchString(ps[ti].Text) && titleYearLine().MatchString(ps[ti+1].Text)) {
		ps[ti].Text += ps[ti+1].Text
		ps = append(ps[:ti+1:ti+1], ps[ti+2:]...)
	}
	if ti >= 0 {
		for _, p := range ps[:ti] { // lines above the title
			d.ds = append(d.ds, warn(p.Pos, "imp-body", quote(p.Text)))
			d.intro = append(d.intro, text(p, 0))
		}
		t := ps[ti]
		title := joinLines(t.Text)
		next := ti + 1
		for next < len(ps) && ps[next].Title && ps[next].Table == nil && titleContinues(ps[next-1].Text, ps[next].Text) { // a title in two paragraphs
			title = joinLines(title + "\n" + ps[next].Text)
			next++
		}
		r.Title = model.Text{Value: title, Pos: t.Pos}
		ps = ps[next:]
	} else {
		d.ds = append(d.ds, warn(ps[0].Pos, "imp-no-title"))
	}
	if len(ps) > 0 && isRecipient(ps[0]) {
		r.Recipient = model.Text{Value: strings.TrimRight(ps[0].Text, "：:"), Pos: ps[0].Pos}
		ps = ps[1:]
	}
	return ps
}

func isTitleLike(p Para) bool {
	t := joinLines(p.Text)
	if _, ok := ParseNumber(t); ok {
		return false
	}
	n := utf8.RuneCountInString(t)
	return n >= 4 && n <= 80 && !model.EndsWithMark(t) && !strings.ContainsAny(t, "，。")
}

func isRecipient(p Para) bool {
	t := p.Text
	if p.Table != nil || !(strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":")) {
		return false
	}
	if _, ok := ParseNumber(t); ok {
		return false
	}
	return utf8.RuneCountInString(t) <= 40 && !strings.ContainsAny(t, "。，；")
}

// joinLines joins the lines of a title broken with line breaks.
func joinLines(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if i > 0 && l != "" && b.Len() > 0 && latinEnd(b.String()) && latinStart(l) {
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	return b.String()
}

func latinEnd(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r < 0x2E80 && r != ' '
}

func latinStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r < 0x2E80
}

// text makes a model text of paragraph p from byte offset off on.
func text(p Para, off int) model.Text {
	pos := p.Pos
	if pos.Line > 0 {
		pos.Col += utf8.RuneCountInString(p.Text[:off])
	}
	return model.Text{Value: strings.TrimSpace(p.Text[off:]), Pos: pos}
}

// top is the innermost open block, or nil.
func (d *detector) top() *frame {
	if len(d.stack) == 0 {
		return nil
	}
	return d.stack[len(d.stack)-1]
}

// para places one body paragraph.
func (d *detector) para(p Para) {
	if p.Table != nil {
		d.table(p)
		return
	}
	if num, ok := ParseNumber(p.Text); ok && d.open(p, num) {
		return
	}
	if p.Level > 0 && (isHeadingLine(p.Text) || p.Head != "" && len(p.Head) < len(p.Text) && !continues(p.Text[len(p.Head):])) {
		d.openPlain(p)
		return
	}
	d.content(text(p, 0))
}

// content adds a body paragraph to the innermost block, or to the intro.
func (d *detector) content(t model.Text) {
	f := d.top()
	if f == nil {
		d.intro = append(d.intro, t)
		return
	}
	if f.b.Table != nil {
		d.ds = append(d.ds, warn(t.Pos, "imp-after-table", quote(t.Value)))
	}
	f.content = append(f.content, t)
}

func isHeadingLine(s string) bool {
	return utf8.RuneCountInString(s) <= 60 && !strings.ContainsAny(strings.TrimRight(s, "。"), "。；！？")
}

// open starts a numbered block; it returns false when the number does not
// fit the structure (then the paragraph is text).
func (d *detector) open(p Para, num Number) bool {
	depth, sibling := -1, false
	for i := len(d.stack) - 1; i >= 0; i-- {
		if d.stack[i].style == num.Style {
			depth, sibling = i, true
			break
		}
	}
	if !sibling {
		// A new level below the innermost block whose style ranks above.
		depth = len(d.stack)
		for depth > 0 && d.stack[depth-1].style != model.NumNone && rank(d.stack[depth-1].style) >= rank(num.Style) {
			depth--
		}
		if num.N > 3 {
			return false
		}
		if depth >= 6 {
			d.ds = append(d.ds, warn(p.Pos, "imp-deep", quote(p.Text)))
			return false
		}
	}
	numText := p.Text[:num.Len]
	if sibling {
		prev := d.stack[depth].n
		if num.N != prev+1 {
			d.ds = append(d.ds, warn(p.Pos, "imp-sequence", strings.TrimSpace(numText), prev))
		}
	} else if num.N != 1 {
		d.ds = append(d.ds, warn(p.Pos, "imp-start", strings.TrimSpace(numText)))
	}
	f := &frame{b: &model.Block{Pos: p.Pos}, style: num.Style, n: num.N, level: p.Level}
	rest := p.Text[num.Len:]
	switch {
	case p.Head != "" && strings.HasPrefix(p.Head, numText) && len(p.Head) > num.Len && len(p.Head) < len(p.Text) && !continues(p.Text[len(p.Head):]):
		h := len(p.Head)
		f.b.Heading = text(Para{Text: p.Text[:h], Pos: p.Pos}, num.Len)
		f.content = append(f.content, text(p, h))
		f.inline = true
	case p.Head != "" && p.Head == p.Text, p.Level > 0 && isHeadingLine(rest), isHeadingLine(rest) && !model.EndsWithMark(rest):
		f.b.Heading = text(p, num.Len)
		f.alone = true
	default:
		if h, ok := runInHeading(rest); ok {
			f.b.Heading = text(Para{Text: p.Text[:num.Len+h], Pos: p.Pos}, num.Len)
			f.content = append(f.content, text(p, num.Len+h))
			f.inline = true
		} else {
			f.content = append(f.content, text(p, num.Len))
		}
	}
	d.push(f, depth)
	return true
}

// openPlain starts an unnumbered block from a heading-styled line.
func (d *detector) openPlain(p Para) {
	depth := len(d.stack)
	// Lists without outline evidence are body text: a heading closes them.
	for depth > 0 && (d.stack[depth-1].level >= p.Level || d.stack[depth-1].level == 0) {
		depth--
	}
	f := &frame{b: &model.Block{Pos: p.Pos}, style: model.NumNone, level: p.Level}
	if p.Numbered { // Word numbered it: gen numbers it by depth
		f.style = model.NumParenArabic
		if depth < len(model.DefaultNumbering) {
			f.style = model.DefaultNumbering[depth]
		}
	}
	if p.Head != "" && len(p.Head) < len(p.Text) && !continues(p.Text[len(p.Head):]) {
		f.b.Heading = text(Para{Text: p.Head, Pos: p.Pos}, 0)
		f.content = append(f.content, text(p, len(p.Head)))
		f.inline = true
	} else {
		f.b.Heading = text(p, 0)
		f.alone = true
	}
	d.push(f, depth)
}

// push closes the blocks at depth and below and opens f there.
func (d *detector) push(f *frame, depth int) {
	d.closeTo(depth)
	if parent := d.top(); parent != nil {
		if len(parent.b.Items) == 0 {
			parent.b.Numbering = listNumbering(f.style, depth)
		}
		parent.b.Items = append(parent.b.Items, f.b)
		if parent.b.Table != nil {
			parent.after = true
		}
	} else {
		if len(d.sections) == 0 {
			d.docNum = f.style
			if f.style == model.NumNone {
				d.docNum = model.NumNone
			}
		}
		d.sections = append(d.sections, f.b)
	}
	d.stack = append(d.stack, f)
}

// listNumbering is the numbering key of a list whose first item has style s
// at depth: "" when it is the default.
func listNumbering(s model.Numbering, depth int) model.Numbering {
	if depth < len(model.DefaultNumbering) && model.DefaultNumbering[depth] == s {
		return ""
	}
	if depth >= len(model.DefaultNumbering) && s == model.NumParenArabic {
		return ""
	}
	return s
}

// continues tells text that goes on the sentence before it (a bold phrase
// inside a sentence is not a run-in heading).
func continues(rest string) bool {
	for _, m := range []string{"，", ",", "、", "；", ";", "）", ")", "”", "’", "》"} {
		if strings.HasPrefix(rest, m) {
			return true
		}
	}
	return false
}

// runInHeading finds a heading sentence at the start of a numbered
// paragraph: short, ending in 。 (or ：), with more text after it.
func runInHeading(s string) (int, bool) {
	end := -1
	for i, r := range s {
		if r == '。' || r == '：' || r == '！' || r == '？' {
			end = i + utf8.RuneLen(r)
			break
		}
		if r == '；' || r == ';' {
			return 0, false
		}
	}
	if end < 0 || end >= len(s) || strings.TrimSpace(s[end:]) == "" {
		return 0, false
	}
	h := s[:end]
	n := utf8.RuneCountInString(h)
	if n < 3 || n > 31 || strings.Count(h, "，") > 1 || strings.Count(h, "、") > 2 {
		return 0, false
	}
	return end, true
}

// closeTo closes the open blocks from depth on.
func (d *detector) closeTo(depth int) {
	for len(d.stack) > depth {
		f := d.stack[len(d.stack)-1]
		d.stack = d.stack[:len(d.stack)-1]
		d.finish(f, len(d.stack))
	}
}

// finish decides a closed block's paragraphs: text, or lead and points.
func (d *detector) finish(f *frame, depth int) {
	b := f.b
	// A numbered line of one short sentence with items below it is their
	// heading: （一）基本民生保障持续加强。 followed by 1. 2. 3.
	if b.Heading.Value == "" && len(b.Items) > 0 && len(f.content) == 1 && f.style != model.NumNone {
		if c := f.content[0]; utf8.RuneCountInString(c.Value) <= 40 && isHeadingLine(c.Value) && !strings.Contains(c.Value, "，") {
			b.Heading, f.content, f.alone = c, nil, true
		}
	}
	// Paragraphs under a standalone heading that each open with a short
	// sentence (工作流程不断优化。扎扎实实……) are unnumbered run-in items.
	if kids := runInItems(f); kids != nil {
		b.Items, b.Numbering, f.content = kids, model.NumNone, nil
	}
	switch {
	case len(f.content) == 1:
		if lead, pts, ok := splitPoints(f.content[0]); ok {
			b.Lead, b.Points = lead, pts
		} else {
			b.Text = f.content
		}
	case len(f.content) > 1:
		if lead, pts, ok := pointParagraphs(f.content); ok {
			b.Lead, b.Points, b.PointsStyle = lead, pts, model.PointsParagraphs
		} else {
			b.Text = f.content
		}
	}
	has := len(b.Text) > 0 || len(b.Points) > 0
	if b.Heading.Value != "" && !has && b.Table == nil && strings.HasSuffix(b.Heading.Value, "。") {
		// A heading that ends in 。 keeps it only when set run-in.
		t := true
		b.RunIn = &t
	}
	// gen adds the 。 of a run-in heading and drops that of a standalone one.
	if h := strings.TrimSuffix(b.Heading.Value, "。"); h != "" {
		b.Heading.Value = h
	}
	if b.Heading.Value != "" && has {
		if depth == 0 && f.inline {
			t := true
			b.RunIn = &t
		} else if depth > 0 && f.alone {
			v := false
			b.RunIn = &v
		}
	}
}

// runInItems makes unnumbered run-in blocks of a block's paragraphs when
// there are at least two and every one opens with a short heading-like
// sentence (4–13 characters, no comma); else nil.
func runInItems(f *frame) []*model.Block {
	if !f.alone || len(f.b.Items) > 0 || len(f.content) < 2 || f.b.Table != nil {
		return nil
	}
	var kids []*model.Block
	for _, c := range f.content {
		h, ok := runInHeading(c.Value)
		if !ok {
			return nil
		}
		head := strings.TrimSuffix(c.Value[:h], "。")
		if n := utf8.RuneCountInString(head); n < 4 || n > 13 || strings.ContainsAny(head, "，、：") || !strings.HasSuffix(c.Value[:h], "。") {
			return nil
		}
		if n, _ := pointMarker(c.Value); n > 0 {
			return nil
		}
		kids = append(kids, &model.Block{Pos: c.Pos, Heading: model.Text{Value: head, Pos: c.Pos},
			Text: []model.Text{{Value: strings.TrimSpace(c.Value[h:]), Pos: c.Locate(h)}}})
	}
	return kids
}

// finishIntro turns an intro that ends in point paragraphs (一是… 二是…,
// each its own paragraph) into an unnumbered block when the report has no
// sections, as gen prints such a report.
func (d *detector) finishIntro() {
	if len(d.sections) > 0 || len(d.intro) < 2 {
		return
	}
	for i := range d.intro {
		lead, pts, ok := pointParagraphs(d.intro[i:])
		if ok && lead.Value == "" {
			d.sections = []*model.Block{{Pos: d.intro[i].Pos, Points: pts, PointsStyle: model.PointsParagraphs}}
			d.intro = d.intro[:i]
			d.docNum = model.NumNone
			return
		}
	}
}

// splitPoints splits "lead一是A。二是B。" into a lead and points, when the
// markers run 一, 二, … at sentence starts and every point ends with a mark
// (so the printed paragraph is unchanged).
func splitPoints(t model.Text) (model.Text, []model.Text, bool) {
	s := t.Value
	var cuts []int
	want := 1
	for i := 0; i < len(s); {
		if i == 0 || sentenceEnd(s[:i]) {
			if n, _ := pointMarker(s[i:]); n == want {
				cuts = append(cuts, i)
				want++
			}
		}
		_, sz := utf8.DecodeRuneInString(s[i:])
		i += sz
	}
	if len(cuts) < 2 {
		return model.Text{}, nil, false
	}
	lead := model.Text{Value: s[:cuts[0]], Pos: t.Pos}
	if lead.Value != "" && !strings.HasSuffix(lead.Value, "：") && !strings.HasSuffix(lead.Value, "。") {
		return model.Text{}, nil, false
	}
	var pts []model.Text
	for k, c := range cuts {
		end := len(s)
		if k+1 < len(cuts) {
			end = cuts[k+1]
		}
		_, ml := pointMarker(s[c:])
		p := strings.TrimSpace(s[c+ml : end])
		if p == "" || model.PointText(k+1, p) != strings.TrimSpace(s[c:end]) {
			return model.Text{}, nil, false
		}
		pts = append(pts, model.Text{Value: p, Pos: t.Locate(c + ml)})
	}
	return lead, pts, true
}

func sentenceEnd(s string) bool {
	for _, m := range []string{"。", "；", "！", "？", "：", "”"} {
		if strings.HasSuffix(s, m) {
			return true
		}
	}
	return false
}

// pointParagraphs reads paragraphs that each start with 一是, 二是, …,
// optionally after a lead paragraph ending in ：.
func pointParagraphs(ts []model.Text) (model.Text, []model.Text, bool) {
	var lead model.Text
	if len(ts) > 2 && strings.HasSuffix(ts[0].Value, "：") {
		if n, _ := pointMarker(ts[0].Value); n == 0 {
			lead, ts = ts[0], ts[1:]
		}
	}
	if len(ts) < 2 {
		return model.Text{}, nil, false
	}
	var pts []model.Text
	for i, t := range ts {
		n, ml := pointMarker(t.Value)
		if n != i+1 {
			return model.Text{}, nil, false
		}
		p := strings.TrimSpace(t.Value[ml:])
		if p == "" || model.PointText(i+1, p) != t.Value {
			return model.Text{}, nil, false
		}
		pts = append(pts, model.Text{Value: p, Pos: t.Locate(ml)})
	}
	return lead, pts, true
}

// table attaches a table to the innermost block.
func (d *detector) table(p Para) {
	f := d.top()
	rows := p.Table
	if f == nil || f.b.Table != nil || len(f.b.Items) > 0 || len(rows) < 2 {
		why := [2]string{"它在第一个标题之前", "it comes before the first heading"}
		if f != nil && f.b.Table != nil {
			why = [2]string{"这一块已有一个表格", "the block has a table already"}
		} else if f != nil && len(f.b.Items) > 0 {
			why = [2]string{"它在下级标题之后", "it comes after the block's items"}
		} else if len(rows) < 2 {
			why = [2]string{"只有一行", "it has one row only"}
		}
		w := warn(p.Pos, "imp-table-text", why[0])
		w.EN = fmt.Sprintf(messages["imp-table-text"][1], why[1])
		d.ds = append(d.ds, w)
		for i, row := range rows {
			pos := p.Pos
			pos.Line += i
			d.content(model.Text{Value: strings.Join(row, "\t"), Pos: pos})
		}
		return
	}
	t := &model.Table{Pos: p.Pos}
	width := 0
	for _, row := range rows {
		if len(row) > width {
			width = len(row)
		}
	}
	for i, row := range rows {
		pos := p.Pos
		var cells []model.Text
		for _, c := range row {
			cells = append(cells, model.Text{Value: strings.TrimSpace(c), Pos: pos})
		}
		if len(cells) < width {
			if i > 0 {
				d.ds = append(d.ds, warn(pos, "imp-table-ragged", i, len(cells), width))
			}
			for len(cells) < width {
				cells = append(cells, model.Text{Value: "", Pos: pos})
			}
		}
		if i == 0 {
			t.Columns = cells
		} else {
			t.Rows = append(t.Rows, cells)
		}
	}
	// A short paragraph right before the table that names it is its caption.
	if n := len(f.content); n > 0 {
		c := f.content[n-1]
		if utf8.RuneCountInString(c.Value) <= 40 && !model.EndsWithMark(c.Value) && (strings.HasSuffix(c.Value, "表") || strings.HasSuffix(c.Value, "情况")) {
			t.Caption = c
			f.content = f.content[:n-1]
		}
	}
	f.b.Table = t
}
