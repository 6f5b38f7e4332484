package importer

import (
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
	for i, p := range ps {
		if p.Title && !p.Contents {
			titles = append(titles, i)
		}
		if p.Contents {
			contents++
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
		w := warn(model.Pos{File: ps[0].Pos.File, Line: first, Col: 1}, "imp-front", first, last, 1)
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
			w := warn(ps[0].Pos, "imp-front", ps[0].Pos.Line, ps[titles[0]-1].Pos.Line, len(titles))
			front = &w
		}
	}
	return groups, front
}
