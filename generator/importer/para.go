package importer

import "github.com/gongwen/gen/generator/model"

// Para is one paragraph of an input, whatever its format: the unit the
// structure detector works on. Readers (DOCX, text, Markdown) fill in the
// evidence they have; the detector decides.
type Para struct {
	// Text is the paragraph as printed, with Word's automatic number (from
	// numbering.xml) put in front of it the way Word shows it.
	Text string
	// Pos is where the paragraph starts: the line of a text file, or the
	// paragraph number (counting from 1) of a DOCX, with Col 1.
	Pos model.Pos
	// Level is an outline level 1–9 from a heading style, an outline level
	// or a Markdown #; 0 for body text.
	Level int
	// Title is set for a paragraph in Word's Title style (or gen's 公文标题).
	Title bool
	// Head is a run-in heading marked as such by its formatting (a heading
	// character style, or bold runs followed by plain ones), including any
	// typed or automatic number; "" when there is none.
	Head string
	// Table holds the rows of a table (cells as text); nil for a paragraph.
	Table [][]string
	// Numbered is set for a heading Word numbers in a style gen does not
	// write (1.1, 第一章): gen numbers it by its level instead.
	Numbered bool
	// Contents is set for an entry of a table of contents (Word's TOC
	// styles): front matter, not report text.
	Contents bool
	// Right is set when the paragraph is right-aligned or indented far to
	// the right, as signatures and dates are.
	Right bool
	// Note is the message code (see messages.go) of a warning the reader
	// attaches, e.g. for a picture it could not keep; such a Para carries
	// no text, and the detector reports it with its position.
	Note string
}
