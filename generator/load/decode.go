package load

import (
	"strconv"
	"strings"
	"time"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// decoder builds the typed model from a schema-valid document and checks
// what the schema cannot.
type decoder struct {
	file string
	idx  map[string]*loc
	out  diag.List
}

func (d *decoder) at(ptr string) *loc {
	if l := d.idx[ptr]; l != nil {
		return l
	}
	return &loc{Key: model.Pos{File: d.file, Line: 1, Col: 1}, Val: model.Pos{File: d.file, Line: 1, Col: 1}}
}

func (d *decoder) text(m map[string]any, ptr, key string) model.Text {
	if _, ok := m[key]; !ok {
		return model.Text{}
	}
	l := d.at(ptr + "/" + key)
	t := l.Text
	if t.Pos.Line == 0 {
		t.Pos = l.Val
	}
	if s, ok := m[key].(string); ok {
		t.Value = s
	} else if m[key] != nil {
		t.Value = toString(m[key])
	}
	return t
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	}
	return strings.TrimSpace(strings.Trim(strconv.Quote(strings.TrimSpace(toJSON(v))), "\""))
}

func toJSON(v any) string {
	switch x := v.(type) {
	case interface{ String() string }:
		return x.String()
	}
	return ""
}

func (d *decoder) integer(m map[string]any, key string) int {
	v, ok := m[key]
	if !ok {
		return 0
	}
	n, _ := strconv.Atoi(toJSON(v))
	return n
}

func (d *decoder) decodeFile(m map[string]any) *model.File {
	f := &model.File{Path: d.file}
	switch {
	case m["compilation"] != nil:
		f.Compilation = d.compilation(m["compilation"].(map[string]any), "/compilation")
	case m["reports"] != nil:
		for i, r := range m["reports"].([]any) {
			f.Reports = append(f.Reports, d.report(r.(map[string]any), "/reports/"+strconv.Itoa(i)))
		}
	default:
		f.Reports = append(f.Reports, d.report(m, ""))
	}
	return f
}

func (d *decoder) report(m map[string]any, ptr string) *model.Report {
	r := &model.Report{Pos: d.at(ptr).Val}
	r.Agency = trimmed(d.text(m, ptr, "agency"))
	r.Issuer = trimmed(d.text(m, ptr, "issuer"))
	r.Year = d.integer(m, "year")
	r.YearPos = d.at(ptr + "/year").Val
	r.PlanYear = d.integer(m, "plan_year")
	r.PlanYearPos = d.at(ptr + "/plan_year").Val
	r.Kind = model.Kind(d.text(m, ptr, "kind").Value)
	r.Title = trimmed(d.text(m, ptr, "title"))
	r.Recipient = trimmed(d.text(m, ptr, "recipient"))
	r.Intro = paragraphs(d.text(m, ptr, "intro"))
	r.Numbering = model.Numbering(d.text(m, ptr, "numbering").Value)
	r.Closing = paragraphs(d.text(m, ptr, "closing"))
	r.Signature = trimmed(d.text(m, ptr, "signature"))
	r.Date = d.date(m, ptr, "date")
	if list, ok := m["attachments"].([]any); ok {
		for i := range list {
			r.Attachments = append(r.Attachments, trimmed(textAt(d.at(ptr+"/attachments/"+strconv.Itoa(i)))))
		}
	}
	r.DocNumber = trimmed(d.text(m, ptr, "doc_number"))
	r.Signer = trimmed(d.text(m, ptr, "signer"))
	if list, ok := m["copy_to"].([]any); ok {
		for i := range list {
			r.CopyTo = append(r.CopyTo, trimmed(textAt(d.at(ptr+"/copy_to/"+strconv.Itoa(i)))))
		}
	}
	r.PrintedBy = trimmed(d.text(m, ptr, "printed_by"))
	r.PrintedDate = d.date(m, ptr, "printed_date")
	if list, ok := m["sections"].([]any); ok {
		for i, b := range list {
			r.Sections = append(r.Sections, d.block(b.(map[string]any), ptr+"/sections/"+strconv.Itoa(i)))
		}
	}
	if r.PlanYear != 0 && r.PlanYear < r.Year {
		d.out = append(d.out, diag.New(r.PlanYearPos, "plan-year", r.PlanYear, r.Year))
	}
	r.Resolve()
	d.out = append(d.out, dropNumbers(r.Sections)...)
	return r
}

func (d *decoder) date(m map[string]any, ptr, key string) *model.Date {
	t := d.text(m, ptr, key)
	if t.Value == "" {
		return nil
	}
	tm, err := time.Parse("2006-01-02", strings.TrimSpace(t.Value))
	if err != nil {
		d.out = append(d.out, diag.New(t.Pos, "bad-date", t.Value))
		return nil
	}
	return &model.Date{Time: tm, Pos: t.Pos}
}

func (d *decoder) block(m map[string]any, ptr string) *model.Block {
	b := &model.Block{Pos: d.at(ptr).Val}
	b.Heading = trimmed(d.text(m, ptr, "heading"))
	b.Text = paragraphs(d.text(m, ptr, "text"))
	b.Lead = trimmed(d.text(m, ptr, "lead"))
	b.PointsStyle = model.PointsStyle(d.text(m, ptr, "points_style").Value)
	if list, ok := m["points"].([]any); ok {
		for i := range list {
			p := ptr + "/points/" + strconv.Itoa(i)
			b.Points = append(b.Points, trimmed(textAt(d.at(p))))
		}
	}
	if t, ok := m["table"].(map[string]any); ok {
		b.Table = d.table(t, ptr+"/table")
	}
	if list, ok := m["items"].([]any); ok {
		for i, c := range list {
			b.Items = append(b.Items, d.block(c.(map[string]any), ptr+"/items/"+strconv.Itoa(i)))
		}
	}
	b.Numbering = model.Numbering(d.text(m, ptr, "numbering").Value)
	if v, ok := m["runin"].(bool); ok {
		b.RunIn = &v
		if v && b.Heading.Value == "" {
			d.out = append(d.out, diag.New(d.at(ptr+"/runin").Key, "runin-no-heading"))
		}
	}
	if b.Heading.Value == "" && len(b.Text) == 0 && len(b.Points) == 0 && b.Table == nil && len(b.Items) == 0 && b.Lead.Value == "" {
		d.out = append(d.out, diag.New(b.Pos, "empty-block"))
	}
	if b.Lead.Value != "" && len(b.Points) == 0 {
		d.out = append(d.out, diag.New(d.at(ptr+"/lead").Key, "lead-no-points"))
	}
	if b.PointsStyle != "" && len(b.Points) == 0 {
		d.out = append(d.out, diag.New(d.at(ptr+"/points_style").Key, "style-no-points"))
	}
	return b
}

func (d *decoder) table(m map[string]any, ptr string) *model.Table {
	t := &model.Table{Pos: d.at(ptr).Val, Caption: trimmed(d.text(m, ptr, "caption"))}
	for i := range m["columns"].([]any) {
		p := ptr + "/columns/" + strconv.Itoa(i)
		t.Columns = append(t.Columns, trimmed(textAt(d.at(p))))
	}
	for i, row := range m["rows"].([]any) {
		rp := ptr + "/rows/" + strconv.Itoa(i)
		cells := row.([]any)
		var out []model.Text
		for j, c := range cells {
			p := rp + "/" + strconv.Itoa(j)
			l := d.at(p)
			txt := textAt(l)
			if s, ok := c.(string); ok {
				txt.Value = s
			} else {
				txt.Value = toJSON(c)
			}
			out = append(out, trimmed(txt))
		}
		if len(cells) != len(t.Columns) {
			d.out = append(d.out, diag.New(d.at(rp).Val, "row-cells", i+1, len(cells), len(t.Columns)))
		}
		t.Rows = append(t.Rows, out)
	}
	return t
}

func (d *decoder) compilation(m map[string]any, ptr string) *model.Compilation {
	c := &model.Compilation{Pos: d.at(ptr).Val, Title: trimmed(d.text(m, ptr, "title")), Issuer: trimmed(d.text(m, ptr, "issuer"))}
	for i := range m["include"].([]any) {
		p := ptr + "/include/" + strconv.Itoa(i)
		c.Include = append(c.Include, trimmed(textAt(d.at(p))))
	}
	if list, ok := m["order"].([]any); ok {
		for i := range list {
			p := ptr + "/order/" + strconv.Itoa(i)
			c.Order = append(c.Order, trimmed(textAt(d.at(p))))
		}
	}
	c.Date = d.date(m, ptr, "date")
	return c
}

// textAt is the positioned text recorded for a string value.
func textAt(l *loc) model.Text {
	t := l.Text
	if t.Pos.Line == 0 {
		t.Pos = l.Val
	}
	return t
}

// trimmed drops surrounding spaces (and full-width spaces) from a one-line
// value, keeping its position right.
func trimmed(t model.Text) model.Text {
	lead := len(t.Value) - len(strings.TrimLeft(t.Value, " \t\u3000\n"))
	if lead > 0 {
		p := t.Locate(lead)
		t.Value = t.Value[lead:]
		t.Pos, t.Lines, t.LineOffs = p, nil, nil
	}
	t.Value = strings.TrimRight(t.Value, " \t\u3000\n")
	return t
}
