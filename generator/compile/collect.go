// Package compile binds many reports into one volume (汇编): a cover, a table
// of contents with the real page numbers, then the reports, with page
// numbers running through the volume. It assembles what package layout
// sets (the reports, the cover, the contents); it neither typesets nor
// writes files: package build collects the inputs (build.Collect) and
// writes the volume with the exporters (build.RunVolume).
package compile

import (
	"fmt"
	"sort"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// Entry is one report of a volume and the file it came from.
type Entry struct {
	Path   string
	Report *model.Report
}

// Volume is what to bind: its title (without the count), issuer, date and
// the reports in order.
type Volume struct {
	Title   string
	Issuer  string
	Date    *model.Date
	Entries []Entry
}

// Problem is a file that could not be included, with its messages.
type Problem struct {
	Path  string
	Diags diag.List
}

// Order puts the agencies named in order first, in that order; the others
// keep their file order.
func Order(es []Entry, order []string) {
	rank := map[string]int{}
	for i, a := range order {
		if _, ok := rank[a]; !ok {
			rank[a] = i
		}
	}
	sort.SliceStable(es, func(i, j int) bool {
		ri, iok := rank[es[i].Report.Agency.Value]
		rj, jok := rank[es[j].Report.Agency.Value]
		switch {
		case iok && jok:
			return ri < rj
		case iok != jok:
			return iok
		}
		return false
	})
}

// FullTitle is the volume title with the count appended: …汇编（14篇）.
func (v *Volume) FullTitle() string {
	return fmt.Sprintf("%s（%d篇）", v.Title, len(v.Entries))
}
