package importer

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// decodeText returns the text of a .txt or .md file: UTF-8 (with or without
// a byte-order mark), UTF-16 with a byte-order mark, or GB18030 (which
// covers GBK and GB2312, as Windows Notepad saves "ANSI" on a Chinese
// system). A file that is none of them is an error.
func decodeText(name string, data []byte) (string, diag.List) {
	pos := model.Pos{File: name, Line: 1, Col: 1}
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil || !utf8.Valid(out) {
			return "", diag.List{fail(pos, "imp-undecodable")}
		}
		return normalizeNewlines(string(out)), diag.List{warn(pos, "imp-utf16")}
	}
	if utf8.Valid(data) {
		return normalizeNewlines(string(data)), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) || bytes.ContainsRune(out, utf8.RuneError) {
		return "", diag.List{fail(pos, "imp-undecodable")}
	}
	return normalizeNewlines(string(out)), diag.List{warn(pos, "imp-gbk")}
}

func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// ReadText reads a plain text report: every non-empty line is a paragraph
// (as Notepad and web pages give them); runs of lines with tabs between
// cells are a table.
//
// A line that names a report (民政局2023年工作总结…: a body before the year,
// a report word after it) after a blank line, or on the first line, is
// taken as a title: a text holding several reports, as a portal's
// compilation does, imports as several (see Split).
func ReadText(name string, s string) []Para {
	var out []Para
	lines := strings.Split(s, "\n")
	blank := true
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t\u3000")
		content := strings.TrimLeft(line, " \t\u3000")
		if content == "" {
			blank = true
			continue
		}
		title := blank && reportTitle().MatchString(content)
		blank = false
		if _, numbered := ParseNumber(content); numbered {
			title = false
		}
		pos := model.Pos{File: name, Line: i + 1, Col: 1 + utf8.RuneCountInString(line[:len(line)-len(content)])}
		if strings.Contains(content, "\t") {
			// A table: this and the following lines with as many cells.
			cells := splitCells(content)
			j := i + 1
			rows := [][]string{cells}
			for j < len(lines) {
				c := strings.TrimSpace(lines[j])
				if !strings.Contains(c, "\t") || len(splitCells(c)) != len(cells) {
					break
				}
				rows = append(rows, splitCells(c))
				j++
			}
			if len(rows) >= 2 && len(cells) >= 2 {
				out = append(out, Para{Table: rows, Pos: pos})
				i = j - 1
				continue
			}
			content = strings.Join(cells, " ")
		}
		out = append(out, Para{Text: content, Pos: pos, Title: title})
	}
	return out
}

// reportTitle is the title of a report: who, the year, what.
var reportTitle = lazyRegexp(`^[^。，；：:]{2,40}?(19|20)[0-9]{2}年[^。，；：:]{0,40}(总结|计划|打算|谋划|要点|报告|汇编)[^。，；：:]{0,20}$`)

func splitCells(s string) []string {
	var cells []string
	for _, c := range strings.Split(s, "\t") {
		c = strings.TrimSpace(c)
		if c != "" {
			cells = append(cells, c)
		}
	}
	return cells
}
