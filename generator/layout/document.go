// Package layout sets a flattened report (model.Element) on GB/T 9704 pages:
// line breaking with 避头尾, justification to the text block, headings,
// tables, attachment note, signature, date and page numbers. It is pure: no
// I/O and no PDF library; the result is a Document of positioned runs that
// tests can inspect and that package pdf draws.
//
// All coordinates are in PDF points measured from the paper's top-left
// corner; a Run's Y is its baseline.
package layout

import "github.com/gongwen/gen/generator/model"

// Document is a laid-out report: its pages, its bookmarks and the characters
// no font could draw, and every decision the layout took, as data (see
// result.go): per element its lines, the tables' columns and rows, the red
// head, the 版记 and the page-number geometry. Package pdf draws the pages;
// package docx takes the decisions from Blocks, Tables, RedHead, Colophon
// and PageNumber instead of measuring text itself.
type Document struct {
	Width, Height float64 // paper size in points
	// BoldStroke is the outline stroke width (pt) of synthetic bold runs.
	BoldStroke float64
	Pages      []Page
	Outline    []OutlineEntry
	Missing    []MissingGlyph

	// Blocks holds one entry per printed element, in element order.
	Blocks []Block
	// Tables holds one entry per table, in element order.
	Tables []Table
	// RedHead is the 版头 of a red-head template, nil without one.
	RedHead *RedHead
	// Colophon is the 版记, nil when the report has none.
	Colophon *Colophon
	// PageNumber is where the page numbers stand.
	PageNumber PageNumberGeometry
	// TableLead is the distance between two text lines inside a table
	// cell (sizes.table × table.line_spacing).
	TableLead float64
	// Links are internal links (a volume's contents entries to their
	// reports); empty for a single report.
	Links []Link
}

// Page is one printed page.
type Page struct {
	Number int    // printed page number (Options.FirstPage counts from it)
	Runs   []Run  // text, in reading order
	Rules  []Rule // table rules
	Boxes  []Box  // visible boxes standing in for missing glyphs
	// Lines is the number of grid lines used by body text on this page
	// (text lines, blank lines and table rows rounded up to whole lines).
	Lines int
}

// Kind tells what a Run belongs to.
type Kind int

// Run kinds.
const (
	KindTitle Kind = iota
	KindRecipient
	KindBody      // paragraph text (including run-in headings)
	KindHeading   // standalone heading
	KindTable     // table caption or cell text
	KindAttach    // attachment note
	KindSignature // 发文机关署名
	KindDate      // 成文日期
	KindPageNum   // "— N —"
	KindRedHead   // 发文机关标志
	KindDocNumber // 发文字号
	KindSigner    // 签发人
	KindCopyTo    // 版记：抄送
	KindImprint   // 版记：印发机关和印发日期
	KindCover     // a volume's cover
	KindContents  // a volume's table of contents
)

// Run is a piece of one line drawn in one face at one size. Glyph i sits at
// X + Σ_{j<i}(advance_j + CharSpacing); Width is that sum over all glyphs.
type Run struct {
	X, Y float64 // start of the baseline, points from the top-left
	Size float64 // font size in points
	Role model.Role
	Face string // name of the face that has every glyph of Text
	Text string
	Bold bool // synthetic bold (fill + stroke)
	// Half sets every glyph of Text half width: compressed marks (标点挤压)
	// whose white half is not part of the run. The box of a closing mark
	// (，。、 …) is the left half of its em, that of an opening mark (“（《 …)
	// the right half; X, Width and CharSpacing describe those boxes. PDF
	// writers draw the marks' half-width glyph forms (or the full glyph
	// moved back by the white half).
	Half        bool
	CharSpacing float64 // added after every glyph, in points (PDF Tc)
	Width       float64 // advance of the whole run including spacing
	Kind        Kind
	Line        int // grid line on the page (0-based); -1 off the grid
	// Artifact marks text that is not part of the report's text: page
	// numbers and table header rows repeated on a continuation page.
	Artifact bool
	// Color is the text colour as 0xRRGGBB; 0 is black.
	Color uint32
	// Elem is the index of the element (in the slice given to Layout) the
	// run belongs to; -1 for generated text (page numbers, front matter).
	Elem int
	Src  *model.Text // source of the first glyph, nil for generated text
	Off  int         // byte offset of the first glyph inside Src.Value
}

// End is the x where the run's advance ends.
func (r Run) End() float64 { return r.X + r.Width }

// InkEnd is where the last glyph's advance ends, without the spacing that
// follows it: for the last run of a justified line, the right edge of the
// text block.
func (r Run) InkEnd() float64 { return r.X + r.Width - r.CharSpacing }

// Rule is a straight line (table rules, the red head's rule, the 版记's
// rules); Y is the centre of its thickness.
type Rule struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Color          uint32 // 0xRRGGBB; 0 is black
	Elem           int    // the element it belongs to, -1 for none
}

// Box is a rectangle drawn for a character that no font has; Y is its top.
type Box struct {
	X, Y, W, H float64
	Rune       rune
}

// OutlineEntry is one PDF bookmark.
type OutlineEntry struct {
	Level int    // 1 for first-level headings
	Title string // the heading as printed, with its number
	Page  int    // 0-based index into Document.Pages
	Y     float64
}

// MissingGlyph records a character that no face of its role's chain has.
type MissingGlyph struct {
	Rune rune
	Role model.Role
	Pos  model.Pos // source position, zero for generated text
	Page int       // 0-based page index
}
