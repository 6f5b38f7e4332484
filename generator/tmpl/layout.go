// Package tmpl loads a document template: its layout file (page geometry,
// grid, fonts per role, sizes) and the files the DOCX writer needs. Both
// exporters read the same Layout, so the PDF and the DOCX cannot drift apart.
package tmpl

// PtPerMM converts millimetres to PDF points.
const PtPerMM = 72 / 25.4

// Layout is the typographic specification of a template (layout.yaml).
type Layout struct {
	Name        string `mapstructure:"name"`
	Description string `mapstructure:"description"`
	Extends     string `mapstructure:"extends"`

	Page struct {
		WidthMM      float64 `mapstructure:"width_mm"`
		HeightMM     float64 `mapstructure:"height_mm"`
		TopMM        float64 `mapstructure:"top_mm"`
		LeftMM       float64 `mapstructure:"left_mm"`
		TextWidthMM  float64 `mapstructure:"text_width_mm"`
		TextHeightMM float64 `mapstructure:"text_height_mm"`
	} `mapstructure:"page"`

	Grid struct {
		Lines       int     `mapstructure:"lines"`
		Chars       int     `mapstructure:"chars"`
		LinePitchPt float64 `mapstructure:"line_pitch_pt"`
	} `mapstructure:"grid"`

	Sizes struct {
		Title      float64 `mapstructure:"title"`
		Body       float64 `mapstructure:"body"`
		Table      float64 `mapstructure:"table"`
		PageNumber float64 `mapstructure:"page_number"`
	} `mapstructure:"sizes"`

	Fonts map[string]FontSpec `mapstructure:"fonts"`

	Title struct {
		BlankLinesAfter int `mapstructure:"blank_lines_after"`
		MaxCharsPerLine int `mapstructure:"max_chars_per_line"`
	} `mapstructure:"title"`

	Body struct {
		IndentChars     int     `mapstructure:"indent_chars"`
		SyntheticBoldPt float64 `mapstructure:"synthetic_bold_pt"`
	} `mapstructure:"body"`

	Signature struct {
		BlankLinesBefore int `mapstructure:"blank_lines_before"`
		RightChars       int `mapstructure:"right_chars"`
		DateShiftChars   int `mapstructure:"date_shift_chars"`
		// CarryLines is how many lines of the paragraph before the
		// signature go over with it when the signature and date would
		// open a page alone: 2 leaves no line of it alone there (widow),
		// unless the page would then end more than two lines short.
		CarryLines int `mapstructure:"carry_lines"`
	} `mapstructure:"signature"`

	Attachment struct {
		BlankLinesBefore int `mapstructure:"blank_lines_before"`
	} `mapstructure:"attachment"`

	PageNumber struct {
		OffsetMM   float64 `mapstructure:"offset_mm"`
		InsetChars int     `mapstructure:"inset_chars"`
		Format     string  `mapstructure:"format"`
		FirstPage  bool    `mapstructure:"first_page"`
	} `mapstructure:"page_number"`

	Table struct {
		RulePt     float64 `mapstructure:"rule_pt"`
		CellPadMM  float64 `mapstructure:"cell_pad_mm"`
		HeaderBold bool    `mapstructure:"header_bold"`
		// LineSpacing is the distance between two text lines inside a cell,
		// as a multiple of sizes.table (0: 1.25).
		LineSpacing float64 `mapstructure:"line_spacing"`
		// MinSplitLines is the fewest lines of a row that may stand on
		// either side of a page break when the row is split (0: 2).
		MinSplitLines int `mapstructure:"min_split_lines"`
	} `mapstructure:"table"`

	// Kinsoku tunes line breaking beyond 避头尾.
	Kinsoku struct {
		// Compress turns on 标点挤压 (adjacent marks at 1.5 characters, a
		// line-end mark at half width when that keeps a character on the
		// line) in the PDF and, through w:characterSpacingControl, in Word.
		Compress bool `mapstructure:"compress"`
		// HalfWidthLineEnd lets a full-width mark at a line end be set half
		// width when that keeps a character on the line (GB/T 15834
		// §5.1.10). Off by default, as Word and WPS set a line end; the PDF
		// draws such a mark with its half-width form, so text extraction
		// measures the line as printed.
		HalfWidthLineEnd bool `mapstructure:"half_width_line_end"`
		// StrictUnits keeps a number with its unit (30万元, 1-11月) even
		// where that leaves a line visibly loose; off (the default), the
		// paragraph breaker may then set "xxx.xx / 亿元".
		StrictUnits bool `mapstructure:"strict_units"`
	} `mapstructure:"kinsoku"`

	RedHead struct {
		Enabled         bool    `mapstructure:"enabled"`
		Text            string  `mapstructure:"text"`
		Suffix          string  `mapstructure:"suffix"`
		Size            float64 `mapstructure:"size"`
		Color           string  `mapstructure:"color"`
		TopMM           float64 `mapstructure:"top_mm"`
		RuleGapMM       float64 `mapstructure:"rule_gap_mm"`
		RulePt          float64 `mapstructure:"rule_pt"`
		BlankLinesAfter int     `mapstructure:"blank_lines_after"`
		// DocNumberGapLines is the number of blank lines between the mark
		// and the 发文字号 line; SideChars the space (in characters) left of
		// the 发文字号 and right of the 签发人 of a report sent up.
		DocNumberGapLines int `mapstructure:"doc_number_gap_lines"`
		SideChars         int `mapstructure:"side_chars"`
	} `mapstructure:"redhead"`

	// Colophon is the 版记 at the foot of the last page (GB/T 9704 7.4).
	Colophon struct {
		Size      float64 `mapstructure:"size"`       // pt, 4号
		SideChars int     `mapstructure:"side_chars"` // 左右各空一字, in characters of Size
		ThickMM   float64 `mapstructure:"thick_mm"`   // first and last rule
		ThinMM    float64 `mapstructure:"thin_mm"`    // rule between 抄送 and 印发
	} `mapstructure:"colophon"`
}

// FontSpec names the font of one role: Family and Fallbacks as installed on
// clerks' machines (written into the DOCX), PDF the file the PDF embeds.
type FontSpec struct {
	Family    string   `mapstructure:"family"`
	Fallbacks []string `mapstructure:"fallbacks"`
	PDF       string   `mapstructure:"pdf"`
}

// LinePitch is the distance between two grid lines in points.
func (l *Layout) LinePitch() float64 {
	if l.Grid.LinePitchPt > 0 {
		return l.Grid.LinePitchPt
	}
	return l.Page.TextHeightMM * PtPerMM / float64(l.Grid.Lines)
}

// CharPitch is the width of one grid character in points (≈15.79 pt).
func (l *Layout) CharPitch() float64 {
	return l.TextWidth() / float64(l.Grid.Chars)
}

// TextWidth is the width of the text block in points.
func (l *Layout) TextWidth() float64 { return l.Page.TextWidthMM * PtPerMM }

// TextHeight is the height of the text block in points.
func (l *Layout) TextHeight() float64 { return l.Page.TextHeightMM * PtPerMM }

// PageWidth is the paper width in points.
func (l *Layout) PageWidth() float64 { return l.Page.WidthMM * PtPerMM }

// PageHeight is the paper height in points.
func (l *Layout) PageHeight() float64 { return l.Page.HeightMM * PtPerMM }

// Left is the left edge of the text block in points from the paper's left.
func (l *Layout) Left() float64 { return l.Page.LeftMM * PtPerMM }

// Top is the top edge of the text block in points from the paper's top.
func (l *Layout) Top() float64 { return l.Page.TopMM * PtPerMM }

// LinesPerPage is the number of grid lines that fit the text block.
func (l *Layout) LinesPerPage() int {
	n := int(l.TextHeight()/l.LinePitch() + 1e-6)
	if n < 1 {
		n = 1
	}
	return n
}
