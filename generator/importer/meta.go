package importer

import (
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

var (
	dateLine    = lazyRegexp(`^([0-9]{4}|[〇零○一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日$`)
	numericDate = lazyRegexp(`^((19|20)[0-9]{2})\s*[-./]\s*([0-9]{1,2})\s*[-./]\s*([0-9]{1,2})$`)
	attachStart = lazyRegexp(`^附\s*件\s*[：:]\s*`)
	closingLine = lazyRegexp(`^特此(报告|汇报|请示|说明|函告)[。！]?$`)
	titleYear   = lazyRegexp(`(19|20)[0-9]{2}(?:[—–-](?:19|20)?[0-9]{2})?\s*年`)
	orgSuffix   = lazyRegexp(`(局|委|院|政府|办公室|办|中心|馆|所|站|街道|办事处|委员会|部|厅|处|队|会|公司|镇|乡|村|社区|党组|支部)$`)
)

// tail takes the signature, the date, the attachment note and a closing
// line off the end; paragraphs after the date go into closing, with a
// warning.
func (d *detector) tail(r *model.Report, ps []Para) []Para {
	// The date: one of the last four paragraphs.
	di := -1
	for i := len(ps) - 1; i >= 0 && i >= len(ps)-4; i-- {
		if ps[i].Table == nil {
			if _, ok := parseDate(ps[i].Text); ok {
				di = i
				break
			}
		}
	}
	var after []Para
	if di >= 0 {
		t, _ := parseDate(ps[di].Text)
		r.Date = &model.Date{Time: t, Pos: ps[di].Pos}
		after = ps[di+1:]
		ps = ps[:di]
	}
	if n := len(ps); n > 0 && isSignature(ps[n-1], r.Date != nil) {
		r.Signature = model.Text{Value: ps[n-1].Text, Pos: ps[n-1].Pos}
		ps = ps[:n-1]
	}
	for _, p := range after {
		d.ds = append(d.ds, warn(p.Pos, "imp-after-end", quote(p.Text)))
		r.Closing = append(r.Closing, text(p, 0))
	}
	// The attachment note: 附件：1.… followed by numbered lines.
	for i := len(ps) - 1; i >= 0 && i >= len(ps)-12; i-- {
		p := ps[i]
		if p.Table != nil {
			break
		}
		if m := attachStart().FindString(p.Text); m != "" {
			ok := true
			for _, q := range ps[i+1:] {
				if q.Table != nil || !isAttachment(q.Text) {
					ok = false
				}
			}
			if !ok {
				break
			}
			var list []model.Text
			first := text(p, len(m))
			if num, ok := ParseNumber(first.Value); ok && num.Style == model.NumArabic {
				first = text(p, len(m)+num.Len)
			}
			list = append(list, first)
			for _, q := range ps[i+1:] {
				num, _ := ParseNumber(q.Text)
				list = append(list, text(q, num.Len))
			}
			r.Attachments = list
			ps = ps[:i]
			break
		}
	}
	var closing []model.Text
	for len(ps) > 0 && ps[len(ps)-1].Table == nil && closingLine().MatchString(ps[len(ps)-1].Text) {
		closing = append([]model.Text{text(ps[len(ps)-1], 0)}, closing...)
		ps = ps[:len(ps)-1]
	}
	r.Closing = append(closing, r.Closing...)
	return ps
}

func isAttachment(s string) bool {
	num, ok := ParseNumber(s)
	return ok && num.Style == model.NumArabic && utf8.RuneCountInString(s) <= 80 && !strings.ContainsAny(s[num.Len:], "。；")
}

// isSignature tells a 署名 line: short, no punctuation, and either right
// before the date, right-aligned, or ending like the name of a body.
func isSignature(p Para, dated bool) bool {
	if p.Table != nil {
		return false
	}
	t := p.Text
	if _, ok := ParseNumber(t); ok {
		return false
	}
	n := utf8.RuneCountInString(t)
	if n < 2 || n > 40 || strings.ContainsAny(t, "。，；：:！？") {
		return false
	}
	return dated || p.Right || orgSuffix().MatchString(t)
}

// parseDate reads a 成文日期 line: 2024年1月10日 or 二〇二四年一月十日.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if m := numericDate().FindStringSubmatch(s); m != nil {
		s = m[1] + "年" + m[3] + "月" + m[4] + "日"
	}
	m := dateLine().FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	y, mo, dd := dateNumber(m[1], true), dateNumber(m[2], false), dateNumber(m[3], false)
	if y < 1949 || y > 2100 || mo < 1 || mo > 12 || dd < 1 || dd > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), dd, 0, 0, 0, 0, time.UTC)
	if t.Day() != dd {
		return time.Time{}, false
	}
	return t, true
}

func dateNumber(s string, digits bool) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if digits {
		n := 0
		for _, r := range s {
			v := strings.IndexRune("〇一二三四五六七八九", r)
			if r == '零' || r == '○' {
				v = 0
			} else if v < 0 {
				return 0
			} else {
				v = utf8.RuneCountInString("〇一二三四五六七八九"[:v])
			}
			n = n*10 + v
		}
		return n
	}
	n, size, chinese := leadingNumber(s)
	if !chinese || size != len(s) {
		return 0
	}
	return n
}

// meta fills agency, issuer, year, plan year and kind: from the options,
// else guessed from the title (民政局2023年工作总结及2024年工作计划), the
// signature or the file name.
func (d *detector) meta(r *model.Report, opt Options) diag.List {
	var ds diag.List
	title := r.Title.Value
	at := r.Title.Pos
	if at.IsZero() {
		at = r.Pos
	}
	years := titleYear().FindAllStringIndex(title, -1)
	kind := guessKind(title)
	if kind != "" {
		r.Kind = kind
	}
	if len(years) > 0 {
		y1, _ := strconv.Atoi(title[years[0][0] : years[0][0]+4])
		switch {
		case kind == model.KindPlan && len(years) == 1:
			r.Year, r.PlanYear = y1-1, y1
		case len(years) > 1:
			y2, _ := strconv.Atoi(title[years[1][0] : years[1][0]+4])
			r.Year = y1
			if y2 >= y1 && kind != model.KindSummary {
				r.PlanYear = y2
			}
		default:
			r.Year = y1
		}
		if r.PlanYear == r.Year+1 {
			r.PlanYear = 0
		}
	}
	if opt.Year != 0 {
		if r.PlanYear != 0 && r.PlanYear < opt.Year {
			r.PlanYear = 0
		}
		r.Year = opt.Year
	}
	agency := ""
	if len(years) > 0 {
		agency = strings.TrimSpace(strings.TrimPrefix(title[:years[0][0]], "关于"))
	}
	if r.Signature.Value != "" {
		r.Issuer = r.Signature
		if agency == "" {
			agency = shortName(r.Signature.Value)
		}
	}
	if opt.Agency != "" {
		agency = opt.Agency
	}
	if agency == "" {
		agency = strings.TrimSuffix(filepath.Base(d.file), filepath.Ext(d.file))
		ds = append(ds, warn(at, "imp-agency-file", agency))
	}
	r.Agency = model.Text{Value: agency, Pos: at}
	if r.Issuer.Value == agency {
		r.Issuer = model.Text{}
	}
	if r.Year == 0 {
		ds = append(ds, fail(at, "imp-no-year", quote(title)))
	}
	if r.Title.Value == "" {
		r.Title = model.Text{Value: model.DefaultTitle(agency, r.Kind, r.Year, max(r.PlanYear, r.Year+1)), Pos: r.Pos}
	}
	d.ds = append(d.ds, ds...)
	return ds
}

// guessKind reads summary / plan from the title's words.
func guessKind(title string) model.Kind {
	sum := strings.Contains(title, "总结") || strings.Contains(title, "情况报告") || strings.Contains(title, "述职")
	plan := false
	for _, w := range []string{"计划", "打算", "谋划", "要点", "安排", "思路", "规划"} {
		if strings.Contains(title, w) {
			plan = true
		}
	}
	switch {
	case sum && plan:
		return model.KindSummaryPlan
	case plan:
		return model.KindPlan
	case sum:
		return model.KindSummary
	}
	return ""
}

// shortName drops a leading place (xx市xx区) from a signature.
func shortName(s string) string {
	for _, sep := range []string{"区", "县", "市", "省"} {
		if i := strings.LastIndex(s, sep); i >= 0 && i+len(sep) < len(s) && utf8.RuneCountInString(s[i+len(sep):]) >= 2 {
			return s[i+len(sep):]
		}
	}
	return s
}
