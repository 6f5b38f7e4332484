package model

import "strings"

// Role names a typographic role; the template maps each role to a font.
type Role string

// The roles both exporters know.
const (
	RoleTitle    Role = "title"    // 小标宋
	RoleBody     Role = "body"     // 仿宋
	RoleHeading1 Role = "heading1" // 黑体, for 一、
	RoleHeading2 Role = "heading2" // 楷体, for （一）
	RolePageNum  Role = "pagenum"  // 宋体 digits of "— 1 —"
	RoleFallback Role = "fallback" // rare characters
)

// ElemKind is the kind of a flattened document element.
type ElemKind int

// Element kinds, in the order they may appear in a report.
const (
	ElTitle      ElemKind = iota // the title, centred
	ElRecipient                  // 主送机关, flush left
	ElParagraph                  // a body paragraph (may open with a run-in heading)
	ElHeading                    // a standalone heading
	ElTable                      // a ruled table
	ElAttachment                 // one line of the attachment note
	ElSignature                  // 发文机关署名
	ElDate                       // 成文日期
	// The 版头 of a red-head template: the 发文字号 and the 签发人 (the
	// 发文机关标志 is built from the title element's Issuer). They come
	// before the title; layout sets them only when the template has a red
	// head.
	ElDocNumber // 发文字号
	ElSigner    // 签发人: "签发人：" and the name
	// The 版记 at the foot of the last page.
	ElCopyTo  // 抄送: "抄送：" and the bodies, separated by ，, ending 。
	ElImprint // 印发机关 (first span) and 印发日期 (second span, "…印发")
)

// Span is a run of text in one role. Src and Off locate it in the source
// (Src is nil for generated text such as numbers and 一是).
type Span struct {
	Text string
	Role Role
	Bold bool
	Src  *Text
	Off  int
}

// Element is one paragraph-level item of a report, ready for layout.
type Element struct {
	Kind   ElemKind
	Spans  []Span
	Indent bool // two-character first-line indent
	Level  int  // outline level 1–4 of the heading it carries, 0 for none
	Style  Numbering
	Table  *Table // for ElTable
	Pos    Pos
	Block  *Block // the block this element belongs to, if any
	Index  int    // for ElAttachment: 0-based number of the attachment
	Total  int    // for ElAttachment: how many attachments there are
	Number string // for ElAttachment: "1." when there are several
	// Issuer is the report's issuing body, on the ElTitle element: a
	// red-head template builds the 发文机关标志 from it.
	Issuer *Text
}

// Text returns the element's text as printed.
func (e Element) Text() string {
	var b strings.Builder
	for _, s := range e.Spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

// HeadingRole is the font role and boldness for a heading in a number style.
func HeadingRole(style Numbering, depth int) (Role, bool) {
	if style == NumNone || style == "" {
		if depth < len(DefaultNumbering) {
			style = DefaultNumbering[depth]
		} else {
			style = NumParenArabic
		}
	}
	switch style {
	case NumChinese:
		return RoleHeading1, false
	case NumParenChinese:
		return RoleHeading2, false
	case NumArabic:
		return RoleBody, true
	}
	return RoleBody, false
}

func src(t *Text, s string) Span { return Span{Text: s, Role: RoleBody, Src: t} }

// Elements flattens a resolved report into its printed elements, in order.
// Both exporters use it, so the PDF and the DOCX carry the same text.
func (r *Report) Elements() []Element {
	r.Resolve()
	var out []Element
	if v := strings.TrimSpace(r.DocNumber.Value); v != "" {
		out = append(out, Element{Kind: ElDocNumber, Spans: []Span{src(&r.DocNumber, v)}, Pos: r.DocNumber.Pos})
	}
	if v := strings.TrimSpace(r.Signer.Value); v != "" {
		out = append(out, Element{Kind: ElSigner, Spans: []Span{{Text: "签发人：", Role: RoleBody}, {Text: v, Role: RoleHeading2, Src: &r.Signer}}, Pos: r.Signer.Pos})
	}
	title := r.Title
	out = append(out, Element{Kind: ElTitle, Spans: []Span{{Text: strings.TrimSpace(title.Value), Role: RoleTitle, Src: &r.Title}}, Pos: r.Title.Pos, Issuer: &r.Issuer})
	if r.Recipient.Value != "" {
		rec := strings.TrimRight(strings.TrimSpace(r.Recipient.Value), "：:")
		out = append(out, Element{Kind: ElRecipient, Spans: []Span{src(&r.Recipient, rec), {Text: "：", Role: RoleBody}}, Pos: r.Recipient.Pos})
	}
	for i := range r.Intro {
		out = append(out, bodyPara(&r.Intro[i]))
	}
	for _, b := range r.Sections {
		out = appendBlock(out, b)
	}
	for i := range r.Closing {
		out = append(out, bodyPara(&r.Closing[i]))
	}
	for i := range r.Attachments {
		a := &r.Attachments[i]
		e := Element{Kind: ElAttachment, Index: i, Total: len(r.Attachments), Pos: a.Pos}
		if len(r.Attachments) > 1 {
			e.Number = FormatNumber(NumArabic, i+1)
		}
		if i == 0 {
			e.Spans = append(e.Spans, Span{Text: "附件：", Role: RoleBody})
		}
		e.Spans = append(e.Spans, Span{Text: e.Number, Role: RoleBody}, src(a, strings.TrimSpace(a.Value)))
		out = append(out, e)
	}
	if r.Signature.Value != "" {
		out = append(out, Element{Kind: ElSignature, Spans: []Span{src(&r.Signature, strings.TrimSpace(r.Signature.Value))}, Pos: r.Signature.Pos})
	}
	if r.Date != nil {
		out = append(out, Element{Kind: ElDate, Spans: []Span{{Text: r.Date.Format(), Role: RoleBody}}, Pos: r.Date.Pos})
	}
	return appendColophon(out, r)
}

// appendColophon adds the 版记 (GB/T 9704 7.4): 抄送 with the bodies
// separated by full-width commas and a full stop after the last, then the
// 印发机关 and the 印发日期 ("2024年1月10日印发").
func appendColophon(out []Element, r *Report) []Element {
	var to []Span
	for i := range r.CopyTo {
		v := strings.TrimRight(strings.TrimSpace(r.CopyTo[i].Value), "，,。.;；、")
		if v == "" {
			continue
		}
		if len(to) > 0 {
			to = append(to, Span{Text: "，", Role: RoleBody})
		}
		to = append(to, src(&r.CopyTo[i], v))
	}
	if len(to) > 0 {
		spans := append([]Span{{Text: "抄送：", Role: RoleBody}}, to...)
		spans = append(spans, Span{Text: "。", Role: RoleBody})
		out = append(out, Element{Kind: ElCopyTo, Spans: spans, Pos: r.CopyTo[0].Pos})
	}
	by := strings.TrimSpace(r.PrintedBy.Value)
	if by != "" || r.PrintedDate != nil {
		e := Element{Kind: ElImprint, Pos: r.PrintedBy.Pos}
		e.Spans = append(e.Spans, src(&r.PrintedBy, by))
		if r.PrintedDate != nil {
			e.Spans = append(e.Spans, Span{Text: r.PrintedDate.Format() + "印发", Role: RoleBody})
			if by == "" {
				e.Pos = r.PrintedDate.Pos
			}
		}
		out = append(out, e)
	}
	return out
}

// IsHead tells the elements of the 版头 (printed only by a red-head
// template).
func (k ElemKind) IsHead() bool { return k == ElDocNumber || k == ElSigner }

func bodyPara(t *Text) Element {
	return Element{Kind: ElParagraph, Spans: []Span{src(t, t.Value)}, Indent: true, Pos: t.Pos}
}

func appendBlock(out []Element, b *Block) []Element {
	role, bold := HeadingRole(b.Style, b.Depth)
	level := b.Depth + 1
	var head []Span
	if b.Heading.Value != "" {
		if b.Number != "" {
			head = append(head, Span{Text: b.Number, Role: role, Bold: bold})
		}
		h := b.HeadingText()
		head = append(head, Span{Text: h, Role: role, Bold: bold, Src: &b.Heading})
	}
	// number is the prefix of the first paragraph of a numbered block without heading.
	number := ""
	if b.Heading.Value == "" && b.Number != "" {
		number = b.Number
	}
	first := true
	take := func() []Span {
		var s []Span
		if first {
			if b.InLine {
				s = append(s, head...)
			} else if number != "" {
				s = append(s, Span{Text: number, Role: RoleBody})
			}
			first = false
		}
		return s
	}
	if len(head) > 0 && !b.InLine {
		out = append(out, Element{Kind: ElHeading, Spans: head, Indent: true, Level: level, Style: b.Style, Pos: b.Heading.Pos, Block: b})
	}
	for i := range b.Text {
		t := &b.Text[i]
		lvl := 0
		if first && b.InLine {
			lvl = level
		}
		spans := append(take(), src(t, t.Value))
		out = append(out, Element{Kind: ElParagraph, Spans: spans, Indent: true, Level: lvl, Style: b.Style, Pos: t.Pos, Block: b})
	}
	if len(b.Points) > 0 {
		lvl := 0
		if first && b.InLine {
			lvl = level
		}
		spans := take()
		if b.Lead.Value != "" {
			spans = append(spans, src(&b.Lead, strings.TrimSpace(b.Lead.Value)))
		}
		if b.PointsStyle == PointsParagraphs {
			if b.Lead.Value != "" {
				out = append(out, Element{Kind: ElParagraph, Spans: spans, Indent: true, Level: lvl, Style: b.Style, Pos: b.Lead.Pos, Block: b})
				spans, lvl = nil, 0
			}
			for i := range b.Points {
				spans = append(spans, pointSpans(&b.Points[i], i+1)...)
				out = append(out, Element{Kind: ElParagraph, Spans: spans, Indent: true, Level: lvl, Style: b.Style, Pos: b.Points[i].Pos, Block: b})
				spans, lvl = nil, 0
			}
		} else {
			for i := range b.Points {
				spans = append(spans, pointSpans(&b.Points[i], i+1)...)
			}
			out = append(out, Element{Kind: ElParagraph, Spans: spans, Indent: true, Level: lvl, Style: b.Style, Pos: b.Points[0].Pos, Block: b})
		}
	}
	if b.Table != nil {
		if first && (b.InLine || number != "") {
			// A run-in heading with nothing to run into stands alone.
			if len(head) > 0 {
				out = append(out, Element{Kind: ElHeading, Spans: head, Indent: true, Level: level, Style: b.Style, Pos: b.Heading.Pos, Block: b})
			}
			first = false
		}
		out = append(out, Element{Kind: ElTable, Table: b.Table, Pos: b.Table.Pos, Block: b})
	}
	if first && b.InLine && len(head) > 0 {
		out = append(out, Element{Kind: ElHeading, Spans: head, Indent: true, Level: level, Style: b.Style, Pos: b.Heading.Pos, Block: b})
	}
	for _, c := range b.Items {
		out = appendBlock(out, c)
	}
	return out
}

// PlainText is the report's printed text, one element per line (table cells
// separated by newlines), as a text extractor should find it.
func (r *Report) PlainText() string {
	var b strings.Builder
	for _, e := range r.Elements() {
		if e.Kind.IsHead() {
			continue // template-dependent
		}
		if e.Kind == ElTable {
			t := e.Table
			if t.Caption.Value != "" {
				b.WriteString(t.Caption.Value + "\n")
			}
			for _, c := range t.Columns {
				b.WriteString(c.Value + "\n")
			}
			for _, row := range t.Rows {
				for _, c := range row {
					b.WriteString(c.Value + "\n")
				}
			}
			continue
		}
		b.WriteString(e.Text())
		b.WriteByte('\n')
	}
	return b.String()
}

func pointSpans(p *Text, n int) []Span {
	prefix := PointPrefix(n)
	full := PointText(n, p.Value)
	return []Span{{Text: prefix, Role: RoleBody}, src(p, strings.TrimPrefix(full, prefix))}
}
