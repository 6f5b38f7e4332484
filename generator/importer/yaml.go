package importer

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
)

// SchemaFile is the schema's file name next to the data files; gen import
// writes it there, as gen init does.
const SchemaFile = "report.schema.json"

// SchemaComment is the first line of every data file import writes, the
// same as gen init writes: editors with the YAML language server then check
// the file and complete its keys, offline, from the SchemaFile beside it.
const SchemaComment = "# yaml-language-server: $schema=" + SchemaFile

// WriteYAML writes reports as a data file: one report as a mapping, several
// under reports:. source names the imported file in the header comment.
func WriteYAML(reports []*model.Report, source string) []byte {
	w := &yamlWriter{}
	w.line(0, SchemaComment)
	if source != "" {
		w.line(0, "# 由 gen import 从 "+strings.ReplaceAll(source, "\n", " ")+" 导入（imported by gen import）；请核对后再生成。")
	}
	if len(reports) == 1 {
		w.report(reports[0], 0, "")
		return []byte(w.b.String())
	}
	w.line(0, "reports:")
	for _, r := range reports {
		w.report(r, 2, "- ")
	}
	return []byte(w.b.String())
}

type yamlWriter struct{ b strings.Builder }

func (w *yamlWriter) line(indent int, s string) {
	w.b.WriteString(strings.Repeat(" ", indent))
	w.b.WriteString(s)
	w.b.WriteByte('\n')
}

// key writes "key: value" with the first key of a list item after "- ".
type keyer struct {
	w      *yamlWriter
	indent int
	first  string // "- " for the first key of a list item
}

func (k *keyer) prefix() string {
	p := strings.Repeat(" ", k.indent)
	if k.first != "" {
		p = strings.Repeat(" ", k.indent-len(k.first)) + k.first
		k.first = ""
	}
	return p
}

func (k *keyer) scalar(key, v string) {
	k.w.b.WriteString(k.prefix() + key + ": " + scalar(v) + "\n")
}

func (k *keyer) key(key string) {
	k.w.b.WriteString(k.prefix() + key + ":\n")
}

func (k *keyer) raw(key, v string) {
	k.w.b.WriteString(k.prefix() + key + ": " + v + "\n")
}

// paragraphs writes one or several paragraphs: a scalar, or a literal
// block with a blank line between paragraphs.
func (k *keyer) paragraphs(key string, ps []model.Text) {
	if len(ps) == 0 {
		return
	}
	if len(ps) == 1 {
		k.scalar(key, ps[0].Value)
		return
	}
	k.w.b.WriteString(k.prefix() + key + ": |\n")
	for i, p := range ps {
		if i > 0 {
			k.w.b.WriteString("\n")
		}
		k.w.line(k.indent+2, oneLine(p.Value))
	}
}

func (k *keyer) list(key string, items []model.Text) {
	if len(items) == 0 {
		return
	}
	k.w.b.WriteString(k.prefix() + key + ":\n")
	for _, it := range items {
		k.w.line(k.indent+2, "- "+scalar(it.Value))
	}
}

func (w *yamlWriter) report(r *model.Report, indent int, first string) {
	k := &keyer{w: w, indent: indent, first: first}
	k.scalar("agency", r.Agency.Value)
	if r.Issuer.Value != "" && r.Issuer.Value != r.Agency.Value {
		k.scalar("issuer", r.Issuer.Value)
	}
	k.raw("year", strconv.Itoa(r.Year))
	if r.PlanYear != 0 && r.PlanYear != r.Year+1 {
		k.raw("plan_year", strconv.Itoa(r.PlanYear))
	}
	if r.Kind != "" && r.Kind != model.KindSummaryPlan {
		k.raw("kind", string(r.Kind))
	}
	if r.Title.Value != "" {
		k.scalar("title", r.Title.Value)
	}
	if r.Recipient.Value != "" {
		k.scalar("recipient", r.Recipient.Value)
	}
	k.paragraphs("intro", r.Intro)
	if r.Numbering != "" {
		k.raw("numbering", numberingValue(r.Numbering))
	}
	if len(r.Sections) > 0 {
		k.key("sections")
		for _, b := range r.Sections {
			w.block(b, indent+4)
		}
	}
	k.paragraphs("closing", r.Closing)
	if r.Signature.Value != "" {
		k.scalar("signature", r.Signature.Value)
	}
	if r.Date != nil {
		k.raw("date", r.Date.Time.Format("2006-01-02"))
	}
	k.list("attachments", r.Attachments)
	if r.DocNumber.Value != "" {
		k.scalar("doc_number", r.DocNumber.Value)
	}
	if r.Signer.Value != "" {
		k.scalar("signer", r.Signer.Value)
	}
	k.list("copy_to", r.CopyTo)
	if r.PrintedBy.Value != "" {
		k.scalar("printed_by", r.PrintedBy.Value)
	}
	if r.PrintedDate != nil {
		k.raw("printed_date", r.PrintedDate.Time.Format("2006-01-02"))
	}
}

func numberingValue(n model.Numbering) string {
	if n == model.NumNone {
		return "none"
	}
	return strconv.Quote(string(n))
}

func (w *yamlWriter) block(b *model.Block, indent int) {
	k := &keyer{w: w, indent: indent, first: "- "}
	if b.Heading.Value != "" {
		k.scalar("heading", b.Heading.Value)
	}
	if b.RunIn != nil {
		k.raw("runin", strconv.FormatBool(*b.RunIn))
	}
	k.paragraphs("text", b.Text)
	if b.Lead.Value != "" {
		k.scalar("lead", b.Lead.Value)
	}
	k.list("points", b.Points)
	if b.PointsStyle != "" && b.PointsStyle != model.PointsInline {
		k.raw("points_style", string(b.PointsStyle))
	}
	if t := b.Table; t != nil {
		k.key("table")
		tk := &keyer{w: w, indent: indent + 2}
		if t.Caption.Value != "" {
			tk.scalar("caption", t.Caption.Value)
		}
		tk.raw("columns", flow(t.Columns))
		tk.key("rows")
		for _, row := range t.Rows {
			w.line(indent+4, "- "+flow(row))
		}
	}
	if b.Numbering != "" {
		k.raw("numbering", numberingValue(b.Numbering))
	}
	if len(b.Items) > 0 {
		k.key("items")
		for _, c := range b.Items {
			w.block(c, indent+4)
		}
	}
	if k.first != "" { // a block with nothing (never made by Detect)
		w.line(indent-2, "- {}")
	}
}

// flow writes a list of cells on one line: [a, b, c].
func flow(cells []model.Text) string {
	var parts []string
	for _, c := range cells {
		parts = append(parts, quoted(c.Value))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// plainUnsafe matches strings whose plain form is YAML syntax: an
// indicator first, ": " or " #" inside, edge spaces, control characters.
var plainUnsafe = lazyRegexp(`^[-?:,\[\]{}#&*!|>'"%@` + "`" + `]|: |\s#|:$|^\s|\s$|[\x00-\x1f\x7f\x{85}\x{2028}\x{2029}\x{FEFF}]`)

// scalar writes s as a plain scalar when the loader's YAML parser reads
// that back as the same string, else double-quoted.
func scalar(s string) string {
	s = oneLine(s)
	if s == "" || plainUnsafe().MatchString(s) || !readsAsText(s) {
		return quoted(s)
	}
	return s
}

// readsAsText says whether s written unquoted reads back as s
// (load.PlainText). A value that is not text starts with an ASCII
// character, so text that starts with any other is not parsed again.
func readsAsText(s string) bool {
	return s[0] >= utf8.RuneSelf || load.PlainText(s)
}

// quoted writes s double-quoted with YAML escapes.
func quoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xFEFF || r == utf8.RuneError:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// oneLine makes a paragraph one line (a literal block keeps line breaks).
func oneLine(s string) string {
	return strings.TrimSpace(strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s))
}
