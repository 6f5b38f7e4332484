package importer

import (
	"strings"
	"unicode/utf8"
)

// label splits "任务：…" into its label and value; the label is short and
// plain.
func label(p Para) (string, string, bool) {
	if p.Table != nil {
		return "", "", false
	}
	head := p.Text
	if len(head) > 40 { // a label is at most 8 characters
		head = head[:40]
	}
	i := strings.IndexAny(head, "：:")
	if i <= 0 {
		return "", "", false
	}
	l := strings.TrimSpace(p.Text[:i])
	if n := utf8.RuneCountInString(l); n < 1 || n > 8 || strings.ContainsAny(l, "，。、；（）() ") {
		return "", "", false
	}
	if _, ok := ParseNumber(l); ok {
		return "", "", false
	}
	_, size := utf8.DecodeRuneInString(p.Text[i:])
	v := strings.TrimSpace(p.Text[i+size:])
	if v == "" {
		return "", "", false
	}
	return l, v, true
}

// labelTables turns runs of labelled lines that repeat the same labels in
// the same order (任务：… 完成情况：… 任务：… 完成情况：…) into a table whose
// columns are the labels: the way clerks type a table in plain text.
func labelTables(ps []Para) []Para {
	var out []Para
	for i := 0; i < len(ps); {
		if k, rows := labelRun(ps[i:]); rows >= 2 {
			var labels []string
			for _, p := range ps[i : i+k] {
				l, _, _ := label(p)
				labels = append(labels, l)
			}
			table := [][]string{labels}
			for r := 0; r < rows; r++ {
				var cells []string
				for c := 0; c < k; c++ {
					_, v, _ := label(ps[i+r*k+c])
					cells = append(cells, v)
				}
				table = append(table, cells)
			}
			out = append(out, Para{Table: table, Pos: ps[i].Pos})
			i += k * rows
			continue
		}
		out = append(out, ps[i])
		i++
	}
	return out
}

// labelRun finds the period k (2–4 distinct labels) and the number of
// repetitions of labelled lines at the start of ps.
func labelRun(ps []Para) (int, int) {
	for k := 2; k <= 4 && k <= len(ps); k++ {
		var labels []string
		ok := true
		for _, p := range ps[:k] {
			l, _, good := label(p)
			for _, seen := range labels {
				if seen == l {
					good = false
				}
			}
			if !good {
				ok = false
				break
			}
			labels = append(labels, l)
		}
		if !ok {
			continue
		}
		rows := 0
		for (rows+1)*k <= len(ps) {
			match := true
			for c := 0; c < k; c++ {
				l, _, good := label(ps[rows*k+c])
				if !good || l != labels[c] {
					match = false
					break
				}
			}
			if !match {
				break
			}
			rows++
		}
		if rows >= 2 {
			return k, rows
		}
	}
	return 0, 0
}
