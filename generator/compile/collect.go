// Package compile binds many reports into one volume (汇编): a cover, a table
// of contents with the real page numbers, then the reports, with page
// numbers running through the volume.
package compile

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gongwen/gen/generator/build"
	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/load"
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

// Collect builds a volume from inputs: either one compilation manifest, or
// any set of data files (files, folders, globs). Files that fail to load
// are returned as problems; the caller decides whether that stops the
// volume. Manifests found among plain inputs are skipped.
func Collect(inputs []string, lim load.Limits) (*Volume, []Problem, error) {
	files, err := build.Expand(inputs)
	if err != nil {
		return nil, nil, err
	}
	vol := &Volume{}
	var order []string
	var single *model.File          // the one input, loaded already
	named := map[string]model.Pos{} // includes named literally, by path
	if len(files) == 1 {
		f, ds := load.ReadFileLimits(files[0], lim)
		if ds.HasErrors() {
			return nil, []Problem{{Path: files[0], Diags: ds}}, nil
		}
		single = f
		if c := f.Compilation; c != nil {
			single = nil
			vol.Title, vol.Issuer, vol.Date = c.Title.Value, c.Issuer.Value, c.Date
			base := filepath.Dir(files[0])
			var pats []string
			for _, inc := range c.Include {
				p := inc.Value
				if !filepath.IsAbs(p) {
					p = filepath.Join(base, p)
				}
				pats = append(pats, p)
				if !strings.ContainsAny(inc.Value, "*?[") {
					named[filepath.Clean(p)] = inc.Pos
				}
			}
			files, err = build.Expand(pats)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", c.Include[0].Pos, err)
			}
			for _, o := range c.Order {
				order = append(order, o.Value)
			}
		}
	}
	var problems []Problem
	for _, path := range files {
		f, ds := single, diag.List(nil)
		if f == nil {
			f, ds = load.ReadFileLimits(path, lim)
		}
		if ds.HasErrors() {
			problems = append(problems, Problem{Path: path, Diags: ds})
			continue
		}
		if f.Compilation != nil {
			// A manifest named in another's include is a mistake; one a
			// pattern found (the manifest itself, say) is passed over.
			if at, ok := named[filepath.Clean(path)]; ok {
				problems = append(problems, Problem{Path: path, Diags: diag.List{diag.New(at, "manifest-include", path)}})
			}
			continue
		}
		for _, r := range f.Reports {
			vol.Entries = append(vol.Entries, Entry{Path: path, Report: r})
		}
	}
	Order(vol.Entries, order)
	if vol.Title == "" && len(vol.Entries) > 0 {
		vol.Title = fmt.Sprintf("%d年工作总结及%d年工作计划汇编", vol.Entries[0].Report.Year, vol.Entries[0].Report.PlanYear)
	}
	return vol, problems, nil
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
