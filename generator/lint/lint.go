// Package lint finds what a schema cannot: placeholders left from a template
// (xx, xxx, x.x, xx%, 20xx, x月 …) and half-width punctuation between Chinese
// characters, each with its source position.
package lint

import (
	"unicode"
	"unicode/utf8"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// Result is what lint found in one report.
type Result struct {
	Placeholders int
	HalfWidth    int
	Diags        diag.List // warnings, in source order
}

// Report lints every text of a report.
func Report(r *model.Report) Result {
	var res Result
	for _, t := range Texts(r) {
		res.check(t)
	}
	res.Diags.Sort()
	return res
}

// Texts lists every positioned text of a report, in document order.
func Texts(r *model.Report) []model.Text {
	out := []model.Text{r.Agency, r.Issuer, r.Title, r.Recipient}
	out = append(out, r.Intro...)
	var walk func(bs []*model.Block)
	walk = func(bs []*model.Block) {
		for _, b := range bs {
			out = append(out, b.Heading)
			out = append(out, b.Text...)
			out = append(out, b.Lead)
			out = append(out, b.Points...)
			if b.Table != nil {
				out = append(out, b.Table.Caption)
				out = append(out, b.Table.Columns...)
				for _, row := range b.Table.Rows {
					out = append(out, row...)
				}
			}
			walk(b.Items)
		}
	}
	walk(r.Sections)
	out = append(out, r.Closing...)
	out = append(out, r.Signature)
	out = append(out, r.Attachments...)
	// The issuer defaults to the agency: don't report the same text twice.
	if r.Issuer.Pos == r.Agency.Pos {
		out[1] = model.Text{}
	}
	return out
}

// fullWidth maps half-width punctuation to the full-width form expected in
// Chinese text.
var fullWidth = map[rune]string{',': "，", ';': "；", ':': "：", '(': "（", ')': "）", '?': "？", '!': "！"}

func (res *Result) check(t model.Text) {
	s := t.Value
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isRunChar(r) {
			j := i
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !isRunChar(r2) {
					break
				}
				j += sz
			}
			if run := s[i:j]; isPlaceholder(run) {
				res.Placeholders++
				res.Diags = append(res.Diags, diag.Warn(t.Locate(i), "placeholder", trimRun(run)))
			}
			i = j
			continue
		}
		if fw, ok := fullWidth[r]; ok {
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			if isChinese(prev) || isChinese(next) {
				res.HalfWidth++
				res.Diags = append(res.Diags, diag.Warn(t.Locate(i), "halfwidth", string(r), fw))
			}
		}
		i += size
	}
}

// isRunChar: the characters a placeholder or a Latin/number token is made of.
func isRunChar(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '%' || r == '-') || r == '％' || r == '．'
}

// isPlaceholder: a token whose letters are all x (xx, x.x, xx%, 20xx, x-x).
func isPlaceholder(run string) bool {
	xs := 0
	for _, r := range run {
		switch {
		case r == 'x' || r == 'X':
			xs++
		case unicode.IsLetter(r):
			return false
		}
	}
	return xs > 0
}

func trimRun(run string) string {
	for len(run) > 0 && (run[len(run)-1] == '.' || run[len(run)-1] == '-') {
		run = run[:len(run)-1]
	}
	return run
}

func isChinese(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || r == '“' || r == '”'
}
