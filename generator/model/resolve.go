package model

import (
	"fmt"
	"strings"
)

// Resolve applies the contract's defaults in one place: issuer, plan year,
// kind, title, and per block the depth, number style, rendered number and
// effective run-in. It is idempotent.
func (r *Report) Resolve() {
	if r.Kind == "" {
		r.Kind = KindSummaryPlan
	}
	if r.PlanYear == 0 && r.Year != 0 {
		r.PlanYear = r.Year + 1
	}
	if r.Issuer.Value == "" {
		r.Issuer = r.Agency
	}
	if r.Title.Value == "" {
		r.Title = Text{Value: DefaultTitle(r.Agency.Value, r.Kind, r.Year, r.PlanYear), Pos: r.Agency.Pos}
	}
	resolveList(r.Sections, r.Numbering, 0)
}

// DefaultTitle builds the title used when a report gives none.
func DefaultTitle(agency string, kind Kind, year, planYear int) string {
	switch kind {
	case KindSummary:
		return fmt.Sprintf("%s%d年工作总结", agency, year)
	case KindPlan:
		return fmt.Sprintf("%s%d年工作计划", agency, planYear)
	}
	return fmt.Sprintf("%s%d年工作总结及%d年工作计划", agency, year, planYear)
}

func resolveList(items []*Block, num Numbering, depth int) {
	if num == "" {
		num = NumNone
		if depth < len(DefaultNumbering) {
			num = DefaultNumbering[depth]
		}
	}
	for i, b := range items {
		inLine := depth > 0 && (len(b.Text) > 0 || len(b.Points) > 0)
		if b.RunIn != nil {
			inLine = *b.RunIn
		}
		if b.Heading.Value == "" {
			inLine = false
		}
		// Assign only what changes: a resolved report is then only read, so
		// exporters may flatten it concurrently (the PDF and the DOCX of one
		// report are written in parallel).
		if number := FormatNumber(num, i+1); b.Depth != depth || b.Style != num || b.Number != number || b.InLine != inLine {
			b.Depth, b.Style, b.Number, b.InLine = depth, num, number, inLine
		}
		resolveList(b.Items, b.Numbering, depth+1)
	}
}

// FormatNumber renders the n-th (1-based) number in a style.
func FormatNumber(style Numbering, n int) string {
	switch style {
	case NumChinese:
		return ChineseNumeral(n) + "、"
	case NumParenChinese:
		return "（" + ChineseNumeral(n) + "）"
	case NumArabic:
		return fmt.Sprintf("%d.", n)
	case NumParenArabic:
		return fmt.Sprintf("（%d）", n)
	}
	return ""
}

// PointPrefix is the generated prefix of the n-th point: 一是, 二是, …
func PointPrefix(n int) string { return ChineseNumeral(n) + "是" }

var digits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// ChineseNumeral writes n (1–9999) in Chinese numerals as used in structure
// numbers: 一, 十, 十一, 二十, 一百零五.
func ChineseNumeral(n int) string {
	if n <= 0 || n > 9999 {
		return fmt.Sprint(n)
	}
	units := []string{"千", "百", "十", ""}
	vals := []int{1000, 100, 10, 1}
	var b strings.Builder
	zero := false
	for i, v := range vals {
		d := n / v % 10
		if d == 0 {
			if b.Len() > 0 {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteString("零")
			zero = false
		}
		if !(d == 1 && v == 10 && b.Len() == 0) {
			b.WriteString(digits[d])
		}
		b.WriteString(units[i])
	}
	return b.String()
}

// HeadingText is the heading as printed: standalone headings lose a trailing
// end mark, run-in headings get 。 when they have none.
func (b *Block) HeadingText() string {
	h := strings.TrimSpace(b.Heading.Value)
	if b.InLine {
		if !EndsWithMark(h) {
			h += "。"
		}
		return h
	}
	return strings.TrimRight(h, "。．.;；")
}

// EndsWithMark reports whether s ends with sentence-ending punctuation.
func EndsWithMark(s string) bool {
	for _, m := range []string{"。", "！", "？", "；", "：", "…", "!", "?", ";", ":", "”。", "."} {
		if strings.HasSuffix(s, m) {
			return true
		}
	}
	return false
}

// PointText is the n-th point with its generated prefix and closing 。.
func PointText(n int, s string) string {
	s = strings.TrimSpace(s)
	if !EndsWithMark(s) && !strings.HasSuffix(s, "”") {
		s += "。"
	} else if strings.HasSuffix(s, "”") && !EndsWithMark(strings.TrimSuffix(s, "”")) {
		s += "。"
	}
	return PointPrefix(n) + s
}
