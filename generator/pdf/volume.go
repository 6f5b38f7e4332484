package pdf

import (
	"fmt"
	"io"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
)

// Link is a clickable rectangle on a page that jumps to a place in the same
// document; the layout decides them (layout.Document.Links).
type Link = layout.Link

// VolumeOptions tune WriteVolume.
type VolumeOptions struct {
	// Links are the internal links to add; nil means the document's own
	// (layout.Document.Links).
	Links []Link
}

// WriteVolume renders a document of several parts (a compilation) to w:
// like Write, but its bookmarks form a tree by their Level (an entry is the
// child of the nearest earlier entry of a lower level, so a report at level
// 1 holds its first-level headings at level 2; children start collapsed),
// pages without runs are written as blank pages, and the internal links of
// opt are added.
func WriteVolume(w io.Writer, doc *layout.Document, fonts *fontset.Set, info Info, opt VolumeOptions) error {
	pf, err := start(doc, fonts, info)
	if err != nil {
		return err
	}
	defer pf.abandon()
	gp := pf.gp
	if opt.Links == nil {
		opt.Links = doc.Links
	}
	links := map[int][]Link{}
	targets := map[int]bool{}
	for _, l := range opt.Links {
		if l.Target < 0 || l.Target >= len(doc.Pages) || l.Page < 0 || l.Page >= len(doc.Pages) {
			return fmt.Errorf("PDF：链接指向不存在的页（link to a missing page）: %d → %d", l.Page, l.Target)
		}
		links[l.Page] = append(links[l.Page], l)
		targets[l.Target] = true
	}
	var tree outlineTree
	outline := doc.Outline
	for pi := range doc.Pages {
		p := &doc.Pages[pi]
		gp.AddPage()
		// Every page needs a content stream, even a blank one.
		gp.SetGrayStroke(0)
		for len(outline) > 0 && outline[0].Page <= pi {
			o := outline[0]
			outline = outline[1:]
			gp.SetY(o.Y + 10) // gopdf puts the destination 20 pt above y
			tree.add(gp.AddOutlineWithPosition(o.Title), o.Level)
		}
		for _, l := range links[pi] {
			gp.AddInternalLink(anchorName(l), l.X, l.Y, l.W, l.H)
		}
		if targets[pi] {
			for _, l := range opt.Links {
				if l.Target == pi {
					// SetAnchor places the destination FontSize above y.
					_ = gp.SetFontSize(0)
					gp.SetY(l.TargetY)
					gp.SetAnchor(anchorName(l))
				}
			}
		}
		if err := pf.drawPage(p, doc.BoldStroke); err != nil {
			return err
		}
	}
	if err := tree.link(gp); err != nil {
		return err
	}
	return pf.finish(w)
}

func anchorName(l Link) string { return fmt.Sprintf("p%d-%.1f", l.Target, l.TargetY) }
