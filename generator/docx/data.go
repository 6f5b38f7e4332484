package docx

import (
	"math"
	"strings"
	"time"
	"unicode"

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
	StyleDocNumber      = "GwDocNumber"
	StyleColophon       = "GwColophon"
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
	TableLine                int // exact line height inside table cells
}

// Sizes are font sizes in half-points.
type Sizes struct {
	Title, Body, Table, PageNumber, Colophon int
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

// RedHeadView is the 版头 of the red-head variant, from the layout result:
// the 发文机关标志, the 发文字号 / 签发人 line and the red rule, in twips
// measured down from the top of the text block.
type RedHeadView struct {
	Enabled bool
	Text    string
	Size    int    // half-points, as fitted by the layout
	Color   string // RRGGBB
	Before  int    // twips from the top of the text block to the mark's line
	Line    int    // exact line height of the mark
	// Number is the 发文字号 line (nil without 发文字号 and 签发人): its
	// space above, exact line height and tab stops; the runs hold the
	// text.
	Number    *Para
	RuleSize  int // border width in eighths of a point
	RuleSpace int // gap between the last line and the rule, points
	After     int // twips between the rule and the title's line
	RuleColor string
}

// Para is one paragraph (or table) of the body.
type Para struct {
	Kind    string // title, recipient, paragraph, heading, table, attachment, signature, date, blank, colophon, colophonbox, pagebreak
	Style   string
	Outline int // direct outline level 0–8, or -1
	Ind     *Indent
	Runs    []Run
	Table   *TableView
	Elem    *model.Element // the element it came from (nil for generated ones)
	// Tabs are direct tab stops; Top and Bottom direct borders.
	Tabs        []Tab
	Top, Bottom *Border
	// Before and Line are direct spacing (twips, 0 for the style's;
	// noSpace for none).
	Before, Line int
	// KeepNext keeps the paragraph on the page of the next one.
	KeepNext bool
	// Box, on a "colophonbox" paragraph, is the text box it anchors.
	Box *Box
}

// Box is a text box pinned to the page (DrawingML, wrapped top and
// bottom): X from the left margin, Y from the top of the page, W and H its
// size, all in EMU; Paras are its paragraphs; ID its drawing id. Flow
// are the same paragraphs set in the flow, for a document template that
// does not define "colophonbox".
type Box struct {
	X, Y, W, H int
	ID         int
	Paras      []Para
	Flow       []Para
}

// noSpace asks for no space before a paragraph (Para.Before).
const noSpace = -1

// BeforeTw is the space before in twips, for the template.
func (p Para) BeforeTw() int { return max(p.Before, 0) }

// Tab is a tab stop: "left", "right" or "center" at Pos twips from the left
// edge of the text block.
type Tab struct {
	Val string
	Pos int
}

// Border is a paragraph border: width in eighths of a point, space in
// points, colour RRGGBB.
type Border struct {
	Size, Space int
	Color       string
}

// Run is text with an optional character style.
type Run struct {
	Text  string
	Style string
	Break bool // a line break before the text
	Tab   bool // a tab before the text
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
	// HeaderHeight is the header row's minimum height (twips, 0 for none).
	HeaderHeight int
	Rows         []Row
}

// Cell is one table cell.
type Cell struct {
	Width int
	Style string
	Text  string
}

// Row is one table row: its cells and, when the layout's row heights are
// known, its minimum height (twips, 0 for none).
type Row struct {
	Cells  []Cell
	Height int
	// CantSplit keeps the row on one page, as the layout set it.
	CantSplit bool
}

func tw(pt float64) int { return int(math.Round(pt * 20)) }

func mmTw(mm float64) int { return int(math.Round(mm * tmpl.PtPerMM * 20)) }

func halfPt(pt float64) int { return int(math.Round(pt * 2)) }

// newData computes everything the templates need from a report and layout:
// the typesetting decisions come from the layout result (opt.Layout, or a
// layout run here with the PDF's fonts), the figures from layout.yaml.
func newData(r *model.Report, l *tmpl.Layout, opt Options) *Data {
	d := &Data{Layout: l}
	r.Resolve()
	els := r.Elements()
	doc := opt.Layout
	if doc == nil {
		doc = layout.Layout(els, l, measurer(l, opt), layout.Options{})
	}
	d.Tw = twips(l)
	d.Tw.Footer = footerDistance(l, doc)
	if doc.TableLead > 0 {
		d.Tw.TableLine = tw(doc.TableLead)
	}
	d.Kinsoku = KinsokuView{Lang: "zh-CN", Before: noLineStart, After: noLineEnd}
	d.Sz = Sizes{Title: halfPt(l.Sizes.Title), Body: halfPt(l.Sizes.Body), Table: halfPt(l.Sizes.Table), PageNumber: halfPt(l.Sizes.PageNumber)}
	d.Sz.Colophon = d.Sz.PageNumber
	if doc.Colophon != nil {
		d.Sz.Colophon = halfPt(doc.Colophon.Size)
	}
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
	d.PageNumber = PageNumberView{Prefix: pre, Suffix: suf, Inset: tw(doc.PageNumber.Inset)}

	d.Body = paragraphs(els, doc, l, d.Tw)
	d.Doc = DocInfo{Title: strings.TrimSpace(r.Title.Value), Issuer: strings.TrimSpace(r.Issuer.Value)}
	created := opt.Created
	if created.IsZero() && r.Date != nil {
		created = r.Date.Time
	}
	if !created.IsZero() {
		d.Doc.Created = created.UTC().Format(time.RFC3339)
	}
	if doc.RedHead != nil {
		d.RedHead = redHead(doc.RedHead, l, d.Tw)
	}
	if doc.Colophon != nil {
		d.Body = append(d.Body, colophon(doc, l, d.Tw)...)
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
	t.TableLine = tw(l.Sizes.Table * 1.25)
	return t
}

// footerDistance places the page number line so that the top of its glyph
// boxes sits where the layout put it (page_number.offset_mm below the text
// block). Word and LibreOffice put the bottom of the footer's last line at
// the footer distance; with an exact line as high as the font size the top
// of the glyph boxes lies glyphTop em above that bottom.
func footerDistance(l *tmpl.Layout, doc *layout.Document) int {
	top := doc.PageNumber.Top
	if top == 0 {
		top = l.Top() + l.TextHeight() + l.PageNumber.OffsetMM*tmpl.PtPerMM
	}
	return max(0, tw(l.PageHeight()-top-glyphTop*l.Sizes.PageNumber))
}

// glyphTop is the height of the top of the page number's glyph boxes (as
// pdftotext -bbox reports them) above the bottom of an exact one-em line:
// LibreOffice sets the ascent of the free stand-in for 宋体 (Noto Serif CJK
// SC, 1.16 em) from the line's bottom; TestLibreOfficePageNumber checks it.
const glyphTop = 1.16

// noLineStart and noLineEnd are the 避头尾 lists of the layout engine
// (closing marks that may not begin a line, opening marks that may not
// end one), written into settings.xml for Word, WPS and LibreOffice.
const (
	noLineStart = layout.ClosingPunct
	noLineEnd   = layout.OpeningPunct
)

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
