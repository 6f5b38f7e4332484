package docx

import (
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// Paragraph style ids the built-in template defines and the writer uses.
const (
	StyleTitle          = "GwTitle"
	StyleAddressee      = "GwAddressee"
	StyleBody           = "GwBody"
	StyleAttachment     = "GwAttachment"
	StyleAttachmentNext = "GwAttachmentNext"
	StyleSignature      = "GwSignature"
	StyleDate           = "GwDate"
	StyleTableCaption   = "GwTableCaption"
	StyleTableText      = "GwTableText"
	StyleTableHeader    = "GwTableHeader"
	StylePageNumber     = "GwPageNumber"
)

// HeadingStyle is the paragraph style id of a heading level (1–4) and
// HeadingCharStyle the character style of a run-in heading of that level.
func HeadingStyle(level int) string { return "Heading" + string(rune('0'+level)) }

// HeadingCharStyle is the character style id of a run-in heading (1–4).
func HeadingCharStyle(level int) string { return HeadingStyle(level) + "Char" }

// Data is what every part template of a DOCX template is executed with.
type Data struct {
	Layout *tmpl.Layout
	Doc    DocInfo
	// Tw holds lengths in twips, Sz font sizes in half-points, both
	// computed from the layout.
	Tw Twips
	Sz Sizes
	// Font maps a role of the layout (title, body, heading1, heading2,
	// pagenum, fallback) to its font.
	Font map[string]FontView
	// FontTable lists the families the document uses, once each.
	FontTable []FontView
	// Headings describes the four heading levels for the styles part.
	Headings []HeadingView
	// Body is the report's printed elements, in order.
	Body       []Para
	PageNumber PageNumberView
	RedHead    RedHeadView
	// EmbeddedFonts is non-empty when fonts are embedded.
	EmbeddedFonts []*EmbedView
	// Overrides are the content types of the parts, for [Content_Types].xml.
	Overrides []Override
	// Kinsoku holds the layout engine's 避头尾 lists for settings.xml.
	Kinsoku KinsokuView
	// Volume is the cover and contents of a compilation (RenderVolume);
	// nil for a single report.
	Volume *VolumeView
}

// KinsokuView is the layout engine's 避头尾 lists, written as Word's custom
// line-breaking rules (w:noLineBreaksBefore, w:noLineBreaksAfter) so that
// Word, WPS and LibreOffice keep the same characters off the start and the
// end of a line as the PDF.
type KinsokuView struct {
	Lang   string // the language the rules are for (zh-CN)
	Before string // characters that may not begin a line
	After  string // characters that may not end a line
}

// DocInfo is the document metadata for docProps.
type DocInfo struct {
	Title   string
	Issuer  string
	Created string // W3CDTF, empty when unknown
}

// Twips are the layout's lengths in twentieths of a point.
type Twips struct {
	PageW, PageH             int
	Top, Bottom, Left, Right int
	Header, Footer           int
	TextW                    int
	Line                     int // exact line pitch of body text
	CharSpacing              int // spacing added to each body character
	Char                     int // one body character (the body size)
	CharHalf                 int
	CharPitch                float64 // one grid character (text width / chars)
	Indent                   int     // first-line indent of body paragraphs
	IndentChars              int     // the same in hundredths of a character
	TitleAfter               int
	AttachmentBefore         int
	SignatureBefore          int
	PageNumberLine           int
}

// Sizes are font sizes in half-points.
type Sizes struct {
	Title, Body, Table, PageNumber int
}

// FontView is a font family as the DOCX names it.
type FontView struct {
	Role      string
	Family    string
	AltName   string
	Fallbacks []string
	Panose    string
	Class     string // w:family: roman, swiss, modern, script, decorative, auto
	Pitch     string // fixed or variable
	Embed     *EmbedView
}

// HeadingView describes one heading level for the styles part.
type HeadingView struct {
	Level   int // 1–4
	Outline int // 0–3
	Font    FontView
	Bold    bool
}

// EmbedView is one embedded font file.
type EmbedView struct {
	Family    string
	RelID     string
	Key       string // {GUID}
	Target    string // relative to word/
	Subsetted bool
	data      []byte
}

// Override is one content-type override.
type Override struct {
	PartName    string
	ContentType string
}

// PageNumberView is the page number text around the PAGE field.
type PageNumberView struct {
	Prefix, Suffix string
	Inset          int // twips from the text block edge
}

// RedHeadView is the 发文机关标志 block of the red-head variant.
type RedHeadView struct {
	Enabled   bool
	Text      string
	Size      int    // half-points, shrunk to fit the text block
	Color     string // RRGGBB
	Before    int    // twips from the top of the text block to the mark's line
	Line      int    // exact line height of the mark
	RuleSize  int    // border width in eighths of a point
	RuleSpace int    // gap between the mark and the rule, points
	After     int    // twips between the rule and the title
	RuleColor string
}

// Para is one paragraph (or table) of the body.
type Para struct {
	Kind    string // title, recipient, paragraph, heading, table, attachment, signature, date, blank
	Style   string
	Outline int // direct outline level 0–8, or -1
	Ind     *Indent
	Runs    []Run
	Table   *TableView
	Elem    *model.Element // the element it came from (nil for generated ones)
}

// Run is text with an optional character style.
type Run struct {
	Text  string
	Style string
	Break bool // a line break before the text
}

// Indent is direct paragraph indentation in twips.
type Indent struct {
	Left, Right, FirstLine, Hanging int
}

// TableView is a table ready for the template.
type TableView struct {
	Caption string
	Width   int
	Cols    []int
	Border  int // eighths of a point
	Pad     int // cell margin, twips
	Header  []Cell
	Rows    [][]Cell
}

// Cell is one table cell.
type Cell struct {
	Width int
	Style string
	Text  string
}

func tw(pt float64) int { return int(math.Round(pt * 20)) }

func mmTw(mm float64) int { return int(math.Round(mm * tmpl.PtPerMM * 20)) }

func halfPt(pt float64) int { return int(math.Round(pt * 2)) }

// newData computes everything the templates need from a report and layout.
func newData(r *model.Report, l *tmpl.Layout, opt Options) *Data {
	d := &Data{Layout: l}
	d.Tw = twips(l)
	d.Kinsoku = KinsokuView{Lang: "zh-CN", Before: noLineStart, After: noLineEnd}
	d.Sz = Sizes{Title: halfPt(l.Sizes.Title), Body: halfPt(l.Sizes.Body), Table: halfPt(l.Sizes.Table), PageNumber: halfPt(l.Sizes.PageNumber)}
	d.Font = map[string]FontView{}
	for role, f := range l.Fonts {
		d.Font[role] = fontView(role, f)
	}
	// 一、黑体, （一）楷体, 1. 仿宋 bold (synthetic in Word and WPS), （1）仿宋
	d.Headings = []HeadingView{
		{1, 0, d.Font["heading1"], false},
		{2, 1, d.Font["heading2"], false},
		{3, 2, d.Font["body"], true},
		{4, 3, d.Font["body"], false},
	}
	pre, suf, _ := strings.Cut(l.PageNumber.Format, "%d")
	d.PageNumber = PageNumberView{Prefix: pre, Suffix: suf, Inset: int(math.Round(float64(l.PageNumber.InsetChars) * l.Sizes.PageNumber * 20))}

	r.Resolve()
	els := r.Elements()
	d.Body = paragraphs(els, l, d.Tw, metrics(l, opt))
	d.Doc = DocInfo{Title: strings.TrimSpace(r.Title.Value), Issuer: strings.TrimSpace(r.Issuer.Value)}
	created := opt.Created
	if created.IsZero() && r.Date != nil {
		created = r.Date.Time
	}
	if !created.IsZero() {
		d.Doc.Created = created.UTC().Format(time.RFC3339)
	}
	if l.RedHead.Enabled {
		d.RedHead = redHead(r, l, d.Tw)
	}
	d.FontTable = usedFonts(d)
	return d
}

func twips(l *tmpl.Layout) Twips {
	var t Twips
	t.PageW, t.PageH = mmTw(l.Page.WidthMM), mmTw(l.Page.HeightMM)
	t.Top, t.Left = mmTw(l.Page.TopMM), mmTw(l.Page.LeftMM)
	t.TextW = mmTw(l.Page.TextWidthMM)
	t.Right = t.PageW - t.Left - t.TextW
	t.Bottom = t.PageH - t.Top - mmTw(l.Page.TextHeightMM)
	// Round the pitch down: 22 × 580 twips would not fit 225 mm.
	t.Line = int(math.Floor(l.LinePitch()*20 + 1e-9))
	t.CharPitch = l.CharPitch() * 20
	t.CharSpacing = int(math.Floor(t.CharPitch - l.Sizes.Body*20 + 1e-9))
	if t.CharSpacing > 0 {
		t.CharSpacing = 0
	}
	t.Char = tw(l.Sizes.Body)
	t.CharHalf = t.Char / 2
	t.IndentChars = l.Body.IndentChars * 100
	t.Indent = l.Body.IndentChars * t.Char
	t.TitleAfter = l.Title.BlankLinesAfter * t.Line
	t.AttachmentBefore = l.Attachment.BlankLinesBefore * t.Line
	t.SignatureBefore = l.Signature.BlankLinesBefore * t.Line
	t.PageNumberLine = tw(l.Sizes.PageNumber)
	t.Header = mmTw(l.Page.TopMM / 2)
	t.Footer = footerDistance(l)
	return t
}

// footerDistance places the page number line so that the top of its dashes
// sits page_number.offset_mm below the text block. Word and LibreOffice put
// the line's bottom at the footer distance; with an exact line as high as
// the font size the em dash's top lies dashTop em above that bottom.
func footerDistance(l *tmpl.Layout) int {
	bottomMM := l.Page.HeightMM - l.Page.TopMM - l.Page.TextHeightMM
	dashTopMM := dashTop * l.Sizes.PageNumber / tmpl.PtPerMM
	return mmTw(bottomMM - l.PageNumber.OffsetMM - dashTopMM)
}

// dashTop is the height of the top of an em dash above the bottom of an
// exact one-em line: CJK fonts set the dash near the middle of the
// ideographic em box. 0.49 em is what LibreOffice prints with the free
// stand-in for 宋体 (Noto Serif CJK SC); TestLibreOfficePageNumber checks it.
const dashTop = 0.49

// width estimates the width of s in body characters: half-width characters
// (ASCII, half-width forms) count one half.
func width(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

// noLineStart and noLineEnd are the 避头尾 lists of the layout engine
// (closing marks that may not begin a line, opening marks that may not
// end one), written into settings.xml for Word, WPS and LibreOffice.
const (
	noLineStart = layout.ClosingPunct
	noLineEnd   = layout.OpeningPunct
)

func runeWidth(r rune) float64 {
	switch {
	case r < 0x20:
		return 0
	case r <= 0x7e, r >= 0xff61 && r <= 0xff9f:
		return 0.5
	}
	return 1
}

// clean prepares source text for a run: line breaks inside a paragraph
// vanish between Chinese characters and become a space between Latin words.
func clean(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\t' {
			b.WriteByte(' ')
			continue
		}
		if r != '\r' && r != '\n' {
			b.WriteRune(r)
			continue
		}
		j := i
		for j < len(rs) && (rs[j] == '\r' || rs[j] == '\n' || rs[j] == ' ' || rs[j] == '\t') {
			j++
		}
		if i > 0 && j < len(rs) && rs[i-1] < 0x80 && rs[j] < 0x80 && !unicode.IsSpace(rs[i-1]) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

// headingLevel is the heading style level (1–4) of a number style: the font
// follows the number style, not the depth.
func headingLevel(style model.Numbering, depth int) int {
	if style == model.NumNone || style == "" {
		if depth < len(model.DefaultNumbering) {
			style = model.DefaultNumbering[depth]
		} else {
			style = model.NumParenArabic
		}
	}
	switch style {
	case model.NumChinese:
		return 1
	case model.NumParenChinese:
		return 2
	case model.NumArabic:
		return 3
	}
	return 4
}

func paragraphs(els []model.Element, l *tmpl.Layout, t Twips, fonts *fontset.Set) []Para {
	var out []Para
	charTw := func(chars float64) int { return int(math.Round(chars * t.CharPitch)) }
	var sig float64 = -1
	for i := range els {
		e := &els[i]
		p := Para{Outline: -1, Elem: e}
		switch e.Kind {
		case model.ElTitle:
			p.Kind, p.Style = "title", StyleTitle
			for j, line := range TitleLines(clean(e.Text()), l, fonts) {
				p.Runs = append(p.Runs, Run{Text: line, Break: j > 0})
			}
		case model.ElRecipient:
			p.Kind, p.Style = "recipient", StyleAddressee
			p.Runs = plainRuns(e.Spans)
		case model.ElHeading:
			lvl := headingLevel(e.Style, max(e.Level-1, 0))
			p.Kind, p.Style = "heading", HeadingStyle(lvl)
			if e.Level > 0 && e.Level-1 != lvl-1 {
				p.Outline = e.Level - 1
			}
			p.Runs = plainRuns(e.Spans)
		case model.ElParagraph:
			p.Kind, p.Style = "paragraph", StyleBody
			p.Runs = plainRuns(e.Spans)
			if e.Level > 0 && e.Block != nil {
				p.Outline = e.Level - 1
				n := runInSpans(e)
				cs := HeadingCharStyle(headingLevel(e.Style, e.Level-1))
				for k := 0; k < n && k < len(p.Runs); k++ {
					p.Runs[k].Style = cs
				}
			}
		case model.ElTable:
			if len(out) > 0 && out[len(out)-1].Kind == "table" {
				out = append(out, Para{Kind: "blank", Style: StyleBody, Outline: -1})
			}
			p.Kind = "table"
			p.Table = tableView(e.Table, l, t)
		case model.ElAttachment:
			p.Kind, p.Style = "attachment", StyleAttachment
			if e.Index > 0 {
				p.Style = StyleAttachmentNext
			}
			p.Runs = plainRuns(e.Spans)
			// 附件：1.name — later names align under the first; wrapped lines
			// align with the name.
			indent := float64(l.Body.IndentChars)
			label := width("附件：")
			num := width(e.Number)
			left := charTw(indent + label + num)
			hang := charTw(num)
			if e.Index == 0 {
				hang = charTw(label + num)
			}
			p.Ind = &Indent{Left: left, Hanging: hang}
		case model.ElSignature, model.ElDate:
			p.Kind, p.Style = "signature", StyleSignature
			if e.Kind == model.ElDate {
				p.Kind, p.Style = "date", StyleDate
			}
			p.Runs = plainRuns(e.Spans)
			w := width(p.Runs[0].Text)
			if e.Kind == model.ElSignature {
				sig = w
			}
			p.Ind = &Indent{}
		default:
			continue
		}
		out = append(out, p)
	}
	if len(out) > 0 && out[len(out)-1].Kind == "table" {
		out = append(out, Para{Kind: "blank", Style: StyleBody, Outline: -1})
	}
	placeSignature(out, l, charTw, sig)
	return out
}

// placeSignature applies GB/T 9704 7.3.5.2: the signature 右空二字, the
// date's first character two characters right of the signature's; when the
// date is longer the date keeps 右空二字 and the signature moves left.
func placeSignature(ps []Para, l *tmpl.Layout, charTw func(float64) int, sigW float64) {
	var sig, date *Para
	for i := range ps {
		switch ps[i].Kind {
		case "signature":
			sig = &ps[i]
		case "date":
			date = &ps[i]
		}
	}
	chars := float64(l.Grid.Chars)
	right := float64(l.Signature.RightChars)
	shift := float64(l.Signature.DateShiftChars)
	switch {
	case sig != nil && date != nil:
		dateW := width(date.Runs[0].Text)
		sigStart := chars - right - sigW
		if sigStart+shift+dateW > chars-right {
			sigStart = chars - right - dateW - shift
		}
		sig.Ind.Left = charTw(max(sigStart, 0))
		date.Ind.Left = charTw(max(sigStart+shift, 0))
	case sig != nil:
		sig.Ind.Left = charTw(max(chars-right-sigW, 0))
	case date != nil:
		date.Style = StyleSignature // the blank line before moves to the date
		date.Ind.Left = charTw(max(chars-right-width(date.Runs[0].Text), 0))
	}
}

// runInSpans counts the leading spans of a paragraph that form its run-in
// heading (number and heading text).
func runInSpans(e *model.Element) int {
	for i, s := range e.Spans {
		if s.Src == &e.Block.Heading {
			return i + 1
		}
	}
	return 0
}

func plainRuns(spans []model.Span) []Run {
	var rs []Run
	for _, s := range spans {
		if s.Text == "" {
			continue
		}
		rs = append(rs, Run{Text: clean(s.Text)})
	}
	if len(rs) == 0 {
		rs = append(rs, Run{})
	}
	return rs
}

func tableView(tb *model.Table, l *tmpl.Layout, t Twips) *TableView {
	v := &TableView{
		Caption: clean(tb.Caption.Value),
		Width:   t.TextW,
		Border:  max(2, int(math.Round(l.Table.RulePt*8))),
		Pad:     mmTw(l.Table.CellPadMM),
	}
	n := len(tb.Columns)
	for _, row := range tb.Rows {
		n = max(n, len(row))
	}
	if n == 0 {
		return v
	}
	v.Cols = columnWidths(tb, n, t.TextW)
	if len(tb.Columns) > 0 {
		for i := 0; i < n; i++ {
			c := Cell{Width: v.Cols[i], Style: StyleTableHeader}
			if i < len(tb.Columns) {
				c.Text = clean(tb.Columns[i].Value)
			}
			v.Header = append(v.Header, c)
		}
	}
	for _, row := range tb.Rows {
		cells := make([]Cell, n)
		for i := range cells {
			cells[i] = Cell{Width: v.Cols[i], Style: StyleTableText}
			if i < len(row) {
				cells[i].Text = clean(row[i].Value)
			}
		}
		v.Rows = append(v.Rows, cells)
	}
	return v
}

// columnWidths shares the table width among the columns: short columns get
// what they need, the others share the rest by the square root of their
// amount of text, so a long column does not starve the others.
func columnWidths(tb *model.Table, n, total int) []int {
	longest := make([]float64, n)
	amount := make([]float64, n)
	see := func(i int, s string) {
		w := width(s)
		longest[i] = max(longest[i], w)
		amount[i] += w
	}
	for i, c := range tb.Columns {
		see(i, c.Value)
	}
	for _, row := range tb.Rows {
		for i, c := range row {
			see(i, c.Value)
		}
	}
	// chars of table text across the width (cell padding ignored)
	avail := float64(total) / 280.0 // ≈ 14 pt characters in twips
	need := make([]float64, n)
	fixed, rest := 0.0, 0.0
	short := make([]bool, n)
	for i := range need {
		need[i] = max(longest[i]+1, 3)
		if need[i] <= avail/float64(2*n) || need[i] <= 6 {
			short[i] = true
			fixed += need[i]
		} else {
			rest += math.Sqrt(max(amount[i], 1))
		}
	}
	ws := make([]float64, n)
	if fixed >= avail || rest == 0 {
		sum := 0.0
		for i := range need {
			sum += need[i]
		}
		for i := range ws {
			ws[i] = need[i] / sum
		}
	} else {
		for i := range ws {
			if short[i] {
				ws[i] = need[i] / avail
			} else {
				ws[i] = (1 - fixed/avail) * math.Sqrt(max(amount[i], 1)) / rest
			}
		}
	}
	out := make([]int, n)
	used := 0
	for i := range out {
		out[i] = int(math.Floor(ws[i] * float64(total)))
		used += out[i]
	}
	out[n-1] += total - used
	return out
}

func redHead(r *model.Report, l *tmpl.Layout, t Twips) RedHeadView {
	rh := l.RedHead
	text := strings.TrimSpace(rh.Text)
	if text == "" {
		issuer := strings.TrimSpace(r.Issuer.Value)
		if issuer == "" {
			issuer = strings.TrimSpace(r.Agency.Value)
		}
		text = issuer + rh.Suffix
	}
	size := rh.Size
	if w := width(text); w > 0 && w*size > l.TextWidth() {
		size = math.Floor(l.TextWidth()/w*2) / 2 // shrink to fit, in half-points
	}
	color := strings.TrimPrefix(strings.TrimSpace(rh.Color), "#")
	if len(color) != 6 {
		color = "E60012"
	}
	line := tw(size)
	return RedHeadView{
		Enabled:   true,
		Text:      text,
		Size:      halfPt(size),
		Color:     strings.ToUpper(color),
		Before:    mmTw(rh.TopMM),
		Line:      line,
		RuleSize:  max(2, min(96, int(math.Round(rh.RulePt*8)))),
		RuleSpace: min(31, int(math.Round(rh.RuleGapMM*tmpl.PtPerMM))),
		After:     rh.BlankLinesAfter * t.Line,
		RuleColor: strings.ToUpper(color),
	}
}
