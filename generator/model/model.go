// Package model holds the typed form of a report data file (see the data
// format contract in README.md): reports, their block tree, and compilation
// manifests. Every value that came from a file keeps its source position so
// that later stages can point at the exact place in a message.
package model

import (
	"fmt"
	"time"
)

// Pos is a position in a source file; Line and Col are 1-based, Col counts
// characters (runes), not bytes.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:column.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// IsZero reports whether the position is unknown.
func (p Pos) IsZero() bool { return p.File == "" && p.Line == 0 }

// Text is a string value from the source with the position of its first
// character. Locate maps a byte offset inside Value back to the source.
type Text struct {
	Value string
	Pos   Pos
	// Lines and LineOffs describe values that span several source lines:
	// the source line that starts at byte LineOffs[i] of Value begins at
	// Lines[i]. Both are empty when Value stands on one line at Pos.
	Lines    []Pos
	LineOffs []int
}

// Locate returns the source position of the byte offset off inside Value.
func (t Text) Locate(off int) Pos {
	if off > len(t.Value) {
		off = len(t.Value)
	}
	base, start := t.Pos, 0
	for i, lo := range t.LineOffs {
		if lo <= off && i < len(t.Lines) {
			base, start = t.Lines[i], lo
		}
	}
	if base.Line == 0 {
		return base
	}
	col := base.Col
	for range t.Value[start:off] {
		col++
	}
	return Pos{File: base.File, Line: base.Line, Col: col}
}

// Kind is what a report covers.
type Kind string

// The report kinds of the contract.
const (
	KindSummary     Kind = "summary"
	KindPlan        Kind = "plan"
	KindSummaryPlan Kind = "summary_plan"
)

// Numbering is a structure-number style for a list of blocks.
type Numbering string

// The numbering styles of the contract, in their default order by depth.
const (
	NumChinese      Numbering = "一、"
	NumParenChinese Numbering = "（一）"
	NumArabic       Numbering = "1."
	NumParenArabic  Numbering = "（1）"
	NumNone         Numbering = "none"
)

// DefaultNumbering is the numbering used at each depth (0 = sections) when a
// parent does not set one.
var DefaultNumbering = []Numbering{NumChinese, NumParenChinese, NumArabic, NumParenArabic}

// Report is one work report.
type Report struct {
	Pos         Pos // where the report's mapping starts
	Agency      Text
	Issuer      Text
	Year        int
	YearPos     Pos
	PlanYear    int
	PlanYearPos Pos
	Kind        Kind
	Title       Text
	Recipient   Text
	Intro       []Text // paragraphs
	Numbering   Numbering
	Sections    []*Block
	Closing     []Text // paragraphs
	Signature   Text
	Date        *Date
	Attachments []Text

	// The 版头 and 版记 of a report sent up (上行文), all optional.
	// DocNumber (发文字号, e.g. x民发〔2024〕1号) and Signer (签发人) are
	// printed under the 发文机关标志 of a red-head template; CopyTo (抄送机关),
	// PrintedBy (印发机关) and PrintedDate (印发日期) form the 版记 at the
	// foot of the last page.
	DocNumber   Text
	Signer      Text
	CopyTo      []Text
	PrintedBy   Text
	PrintedDate *Date
}

// Date is the 成文日期 of a report.
type Date struct {
	Time time.Time
	Pos  Pos
}

// Format writes the date as GB/T 9704 wants it: 2024年1月10日.
func (d Date) Format() string {
	return fmt.Sprintf("%d年%d月%d日", d.Time.Year(), int(d.Time.Month()), d.Time.Day())
}

// PointsStyle says how a block's points are set.
type PointsStyle string

// Points styles of the contract.
const (
	PointsInline     PointsStyle = "inline"
	PointsParagraphs PointsStyle = "paragraphs"
)

// Block is a node of a report's structure: a heading with its text, points,
// table and child blocks.
type Block struct {
	Pos         Pos
	Heading     Text
	Text        []Text // paragraphs
	Lead        Text
	Points      []Text
	PointsStyle PointsStyle
	Table       *Table
	Items       []*Block
	Numbering   Numbering // of Items; "" means default by depth
	RunIn       *bool     // nil means default

	// Filled by Resolve.
	Depth  int       // 0 for sections
	Style  Numbering // the number style this block's heading carries
	Number string    // the rendered number, e.g. "（三）"; "" for NumNone
	InLine bool      // effective run-in
}

// Table is a ruled table inside a block.
type Table struct {
	Pos     Pos
	Caption Text
	Columns []Text
	Rows    [][]Text
}

// Compilation is a manifest that binds several reports into one volume.
type Compilation struct {
	Pos     Pos
	Title   Text
	Include []Text
	Order   []Text
	Issuer  Text
	Date    *Date
}

// File is one loaded data file: either reports or a compilation manifest.
type File struct {
	Path        string
	Reports     []*Report
	Compilation *Compilation
}
