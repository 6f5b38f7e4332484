package importer

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gen/generator/model"
)

// The lines of a red-head document (上行文) that have keys of their own: the
// 发文机关标志 above the title, the 发文字号 and 签发人 line, and the 版记
// (抄送, 印发机关 and 印发日期) at the end.
var (
	markLine    = lazyRegexp(`^[^，。；：:、\s]{2,30}文件$`)
	docNumberRe = lazyRegexp(`^([^\s，。；]{1,20}[〔\[(（](?:19|20)[0-9]{2}[〕\])）][0-9]{1,5}号)(?:\s*签发人[：:]\s*(.+))?$`)
	signerRe    = lazyRegexp(`^签发人[：:]\s*(.+)$`)
	copyToRe    = lazyRegexp(`^抄\s*送[：:]\s*(.+?)[。.]?$`)
	imprintRe   = lazyRegexp(`^(.*?)\s*((?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日)\s*印发$`)
)

// The longest 签发人 and organ name (抄送, 印发机关) a line may give to
// be taken as one: a longer one is text of the body, and the data file
// written stays within the schema's bounds (signer 100, copy_to and
// printed_by 200 characters).
const (
	maxSigner = 20
	maxOrgan  = 60
)

// fits reports whether s has at most n characters.
func fits(s string, n int) bool { return utf8.RuneCountInString(s) <= n }

// redHead takes the 发文机关标志 and the 发文字号/签发人 lines off the front;
// it returns the mark's text ("" for none).
func (d *detector) redHead(r *model.Report, ps []Para) ([]Para, string) {
	mark := ""
	for len(ps) > 1 && ps[0].Table == nil {
		t := ps[0].Text
		if m := docNumberRe().FindStringSubmatch(t); m != nil && fits(m[2], maxSigner) {
			r.DocNumber = model.Text{Value: m[1], Pos: ps[0].Pos}
			if m[2] != "" {
				r.Signer = text(ps[0], strings.LastIndex(t, m[2]))
			}
		} else if m := signerRe().FindStringSubmatch(t); m != nil && fits(m[1], maxSigner) {
			r.Signer = text(ps[0], strings.LastIndex(t, m[1]))
		} else if mark == "" && r.DocNumber.Value == "" && markLine().MatchString(t) {
			mark = t
		} else {
			break
		}
		ps = ps[1:]
	}
	return ps, mark
}

// colophon takes the 版记 (抄送：…。 and …印发) off the end.
func (d *detector) colophon(r *model.Report, ps []Para) []Para {
	for len(ps) > 1 {
		p := ps[len(ps)-1]
		if p.Table != nil {
			break
		}
		if m := imprintRe().FindStringSubmatch(p.Text); m != nil && r.PrintedDate == nil && fits(strings.TrimSpace(m[1]), maxOrgan) {
			if t, ok := parseDate(strings.Join(strings.Fields(m[2]), "")); ok {
				r.PrintedDate = &model.Date{Time: t, Pos: p.Pos}
				if by := strings.TrimSpace(m[1]); by != "" {
					r.PrintedBy = model.Text{Value: by, Pos: p.Pos}
				}
				ps = ps[:len(ps)-1]
				continue
			}
		}
		if m := copyToRe().FindStringSubmatch(p.Text); m != nil && len(r.CopyTo) == 0 {
			var organs []model.Text
			for _, v := range strings.FieldsFunc(m[1], func(r rune) bool { return r == '，' || r == ',' || r == '、' }) {
				if v = strings.TrimSpace(v); v != "" {
					organs = append(organs, model.Text{Value: v, Pos: p.Pos})
				}
			}
			if !slices.ContainsFunc(organs, func(o model.Text) bool { return !fits(o.Value, maxOrgan) }) {
				r.CopyTo = organs
				ps = ps[:len(ps)-1]
				continue
			}
		}
		break
	}
	return ps
}
