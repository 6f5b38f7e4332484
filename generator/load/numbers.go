package load

import (
	"strings"
	"unicode"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// chineseDigit reports the characters of Chinese numerals up to 九十九.
func chineseDigit(r rune) bool {
	return strings.ContainsRune("一二三四五六七八九十〇零", r)
}

func asciiDigit(r rune) bool { return r >= '0' && r <= '9' }

// LeadingNumber returns the length in bytes of a structure number that
// starts s, with the spaces after it, or 0: 一、 （一） (一) 1. 1． 1、
// （1） (1) 第一， 第一、 ① … as clerks copy them from old reports. A decimal
// (1.5万) or a year (2023年) is not a number.
func LeadingNumber(s string) int {
	rs := []rune(s)
	n := 0
	digits := func(i int, ok func(rune) bool) int {
		j := i
		for j < len(rs) && j-i < 4 && ok(rs[j]) {
			j++
		}
		return j
	}
	switch {
	case len(rs) == 0:
		return 0
	case rs[0] == '（' || rs[0] == '(':
		for _, ok := range []func(rune) bool{chineseDigit, asciiDigit} {
			if j := digits(1, ok); j > 1 && j < len(rs) && (rs[j] == '）' || rs[j] == ')') {
				n = j + 1
				break
			}
		}
	case rs[0] == '第':
		if j := digits(1, chineseDigit); j > 1 && j < len(rs) && strings.ContainsRune("，、,：:", rs[j]) {
			n = j + 1
		}
	case rs[0] >= '①' && rs[0] <= '⑳':
		n = 1
	case chineseDigit(rs[0]):
		if j := digits(0, chineseDigit); j < len(rs) && rs[j] == '、' {
			n = j + 1
		}
	case asciiDigit(rs[0]):
		j := digits(0, asciiDigit)
		if j < len(rs) && strings.ContainsRune(".．、", rs[j]) {
			if rs[j] == '、' || j+1 >= len(rs) || !asciiDigit(rs[j+1]) {
				n = j + 1
			}
		}
	}
	if n == 0 || n >= len(rs) {
		return 0 // nothing, or nothing but a number: leave it
	}
	for n < len(rs) && unicode.IsSpace(rs[n]) {
		n++
	}
	if n >= len(rs) {
		return 0
	}
	// Byte offset of rune n (range steps over invalid bytes one at a time,
	// as []rune does).
	k := 0
	for i := range s {
		if k == n {
			return i
		}
		k++
	}
	return 0
}

// dropNumbers removes a structure number typed at the start of the heading
// of a numbered block (or of its first paragraph when it has no heading),
// since gen numbers blocks itself and would print both ("一、二、存在的
// 问题"), and warns with the position.
func dropNumbers(bs []*model.Block) diag.List {
	var out diag.List
	var walk func(bs []*model.Block)
	walk = func(bs []*model.Block) {
		for _, b := range bs {
			if b.Number != "" {
				t := &b.Heading
				if t.Value == "" && len(b.Text) > 0 {
					t = &b.Text[0]
				}
				if n := LeadingNumber(t.Value); n > 0 {
					typed := strings.TrimRight(t.Value[:n], " \t\u3000")
					out = append(out, diag.Warn(t.Pos, "typed-number", typed, b.Number))
					*t = cut(*t, n)
				}
			}
			walk(b.Items)
		}
	}
	walk(bs)
	return out
}

// cut drops the first n bytes of t, keeping the positions right.
func cut(t model.Text, n int) model.Text {
	p := t.Locate(n)
	out := model.Text{Value: t.Value[n:], Pos: p}
	for i, off := range t.LineOffs {
		if off >= n && i < len(t.Lines) {
			if off == n {
				continue
			}
			out.Lines = append(out.Lines, t.Lines[i])
			out.LineOffs = append(out.LineOffs, off-n)
		}
	}
	if len(out.Lines) > 0 {
		out.Lines = append([]model.Pos{p}, out.Lines...)
		out.LineOffs = append([]int{0}, out.LineOffs...)
	}
	return out
}
