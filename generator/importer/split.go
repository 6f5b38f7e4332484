package importer

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// Split cuts the paragraphs of a volume (汇编) into its reports: a report
// starts at every paragraph in the Title style. The cover and the table of
// contents before the first report are skipped with one warning. A document
// with at most one title is one report.
func Split(ps []Para) ([][]Para, *diag.Diagnostic) {
	var titles []int
	contents := 0
	prev := -1 // the Title paragraph right before, if any
	for i, p := range ps {
		if p.Text == "" && p.Table == nil {
			continue
		}
		// A title set in two Title paragraphs starts one report.
		if p.Title && !p.Contents && (prev < 0 || !titleContinues(ps[prev].Text, p.Text)) {
			titles = append(titles, i)
		}
		prev = -1
		if p.Title && !p.Contents {
			prev = i
		}
		if p.Contents {
			contents++
		}
	}
	// A report has more than its title: a Title paragraph followed by
	// almost nothing (a subtitle, a heading set as Title) is not a report.
	for k := 0; k < len(titles) && len(titles) > 1; k++ {
		end := len(ps)
		if k+1 < len(titles) {
			end = titles[k+1]
		}
		if substantive(ps[titles[k]:end]) < 3 {
			titles = append(titles[:k], titles[k+1:]...)
			k--
		}
	}
	if len(titles) < 2 {
		if contents == 0 {
			return [][]Para{ps}, nil
		}
		var body []Para
		first, last := 0, 0
		for _, p := range ps {
			if p.Contents {
				if first == 0 {
					first = p.Pos.Line
				}
				last = p.Pos.Line
				continue
			}
			body = append(body, p)
		}
		w := frontWarning(model.Pos{File: ps[0].Pos.File, Line: first, Col: 1}, first, last, 1)
		return [][]Para{body}, &w
	}
	var groups [][]Para
	for k, start := range titles {
		end := len(ps)
		if k+1 < len(titles) {
			end = titles[k+1]
		}
		var g []Para
		for _, p := range ps[start:end] {
			if !p.Contents {
				g = append(g, p)
			}
		}
		groups = append(groups, g)
	}
	var front *diag.Diagnostic
	if titles[0] > 0 {
		text := false
		for _, p := range ps[:titles[0]] {
			if p.Text != "" || p.Table != nil {
				text = true
			}
		}
		if text {
			w := frontWarning(ps[0].Pos, ps[0].Pos.Line, ps[titles[0]-1].Pos.Line, len(titles))
			front = &w
		}
	}
	return groups, front
}

// substantive counts the paragraphs and tables with content.
func substantive(ps []Para) int {
	n := 0
	for _, p := range ps {
		if p.Text != "" || p.Table != nil {
			n++
		}
	}
	return n
}

// frontWarning says which paragraphs (of a DOCX) or lines (of a text)
// before the first report were skipped.
func frontWarning(pos model.Pos, first, last, reports int) diag.Diagnostic {
	zh, en := "段", "paragraphs"
	if !strings.EqualFold(filepath.Ext(pos.File), ".docx") {
		zh, en = "行", "lines"
	}
	d := warn(pos, "imp-front", zh, first, last, reports)
	d.EN = fmt.Sprintf(messages["imp-front"][1], en, first, last, reports)
	return d
}
