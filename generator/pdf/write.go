// Package pdf draws a layout.Document: gopdf makes the pages, rules,
// boxes, bookmarks and links, this package the text and the fonts,
// embedded as subsets (named ABCDEF+Name so readers see them as such)
// (fontdict.go), and the compressed streams (pack.go); the PDF has
// document info, one bookmark per first-level heading, table rules,
// synthetic bold and visible boxes for characters no font has. Each line is
// written as one text run per font with character spacing (Tc), so text
// extraction (pdftotext) gives the report's characters in order without
// inserted spaces.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/internal/stamp"
	"github.com/signintech/gopdf"
)

// Info is the document information dictionary.
type Info struct {
	Title   string
	Author  string // the issuing body
	Subject string
	Created time.Time // zero: now, or SOURCE_DATE_EPOCH when set (internal/stamp)
}

// Creator is written as the PDF's Creator.
const Creator = "gen"

// Write renders doc to w with the faces of fonts.
func Write(w io.Writer, doc *layout.Document, fonts *fontset.Set, info Info) error {
	pf, err := start(doc, fonts, info)
	if err != nil {
		return err
	}
	defer pf.abandon()
	gp := pf.gp
	// gopdf's own outline links are wrong (see outlineTree): write the
	// tree ourselves, as for volumes.
	var tree outlineTree
	outline := doc.Outline
	for pi, p := range doc.Pages {
		gp.AddPage()
		for len(outline) > 0 && outline[0].Page <= pi {
			o := outline[0]
			outline = outline[1:]
			if o.Level != 1 {
				continue
			}
			gp.SetY(o.Y + 10) // gopdf puts the destination 20 pt above y
			tree.add(gp.AddOutlineWithPosition(o.Title), o.Level)
		}
		if err := pf.drawPage(&p, doc.BoldStroke); err != nil {
			return err
		}
	}
	if err := tree.link(gp); err != nil {
		return err
	}
	return pf.finish(w)
}

// pdfFile is a PDF under construction: gopdf's document (pages, rules,
// outline, links), the faces embedded (by face name; the packer holds
// them in resource order) and the characters no embedded face could show.
type pdfFile struct {
	gp       *gopdf.GoPdf
	byFace   map[string]*embedded
	notFound []rune
	faces    map[string]*fontset.Face // by face name
	halves   bool                     // compressed marks may use half-width forms (halvesAllowed)
	text     []byte                   // a page's text operators (drawPage), kept for the next page
	height   float64                  // page height: PDF's y runs up from the bottom
	packer   *packer                  // deflating the fonts from start on; gopdf writes into it at compile
}

// start begins a PDF of doc's page size with the document information and
// cuts down every face the document uses to the characters drawn with it
// (the faces in parallel, in a stable order). gopdf writes no compressed
// stream and no font: the packer compresses, and appends the fonts (see
// fontdict.go).
func start(doc *layout.Document, fonts *fontset.Set, info Info) (*pdfFile, error) {
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: gopdf.Rect{W: doc.Width, H: doc.Height}, Unit: gopdf.UnitPT})
	gp.SetNoCompression()
	created := info.Created
	if created.IsZero() {
		created = stamp.Now()
	}
	gp.SetInfo(gopdf.PdfInfo{Title: info.Title, Author: info.Author, Subject: info.Subject, Creator: Creator, Producer: "gen (gopdf)", CreationDate: created})

	faces := map[string]*fontset.Face{}
	for _, f := range fonts.Faces() {
		faces[f.Name] = f
	}
	pf := &pdfFile{gp: gp, byFace: map[string]*embedded{}, faces: faces, halves: halvesAllowed(doc), height: doc.Height}
	used := map[string]map[rune]bool{}
	halved := false // some marks are drawn with half-width forms
	for _, p := range doc.Pages {
		for i := range p.Runs {
			r := &p.Runs[i]
			if used[r.Face] == nil {
				used[r.Face] = map[rune]bool{}
			}
			text := r.Text
			if t, ok := pf.formText(r); ok && r.Half {
				text = t
				halved = true
			}
			for _, c := range text {
				used[r.Face][c] = true
			}
		}
	}
	names := make([]string, 0, len(used))
	for n := range used {
		names = append(names, n)
	}
	sort.Strings(names)
	type subset struct {
		font *fontset.PDFFont
		err  error
	}
	subsets := make([]subset, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		f, ok := faces[n]
		if !ok {
			return nil, fmt.Errorf("PDF：布局用到的字体 %s 不在字体集中（face not in font set）", n)
		}
		runes := make([]rune, 0, len(used[n]))
		for c := range used[n] {
			runes = append(runes, c)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := &subsets[i]
			s.font, s.err = f.PDFSubset(runes)
		}()
	}
	wg.Wait()
	embeds := make([]*embedded, len(names))
	for i, n := range names {
		if err := subsets[i].err; err != nil {
			return nil, fmt.Errorf("PDF：无法精简字体 %s（cannot subset font）: %w", n, err)
		}
		e := &embedded{res: "F" + strconv.Itoa(i+1), base: subsetName(n), font: subsets[i].font}
		e.cmap = toUnicode(e.font, halved) // the forms read as their marks
		pf.byFace[n] = e
		embeds[i] = e
	}
	// The font programs deflate on the other cores while the pages are
	// drawn.
	pf.packer = newPacker(embeds)
	return pf, nil
}

// abandon stops the packer's deflaters of a PDF that will not be
// compiled (an error before compile); after compile it does nothing.
func (pf *pdfFile) abandon() {
	if pf.packer != nil {
		pf.packer.stop()
	}
}

// finish reports characters no embedded face could show, else compiles the PDF
// into memory, packs it and writes it to w. Every error counts (gopdf
// drops write errors, so it never writes to w itself): a PDF cut short
// never looks like success.
func (pf *pdfFile) finish(w io.Writer) error {
	if len(pf.notFound) > 0 {
		return fmt.Errorf("PDF：字体缺少字符 %q（glyphs missing from their face）", string(pf.notFound))
	}
	out, err := pf.compile()
	if err != nil {
		return err
	}
	n, err := w.Write(out)
	if err == nil && n != len(out) {
		err = io.ErrShortWrite
	}
	return err
}

// compile has gopdf write the file into the packer, which deflates its
// streams as they come (see packer): gopdf's uncompressed output is never
// held whole, and gopdf's document is dropped before the packed file is
// put together.
func (pf *pdfFile) compile() ([]byte, error) {
	p := pf.packer
	p.taken = releaser(pf.gp)
	_, err := pf.gp.WriteTo(p)
	pf.gp = nil
	out, perr := p.finish()
	if err != nil {
		return nil, fmt.Errorf("PDF：%w", err)
	}
	if err = perr; err != nil {
		return nil, fmt.Errorf("PDF：无法写出（cannot write the file）: %w", err)
	}
	return out, nil
}

// drawPage draws one page: rules, boxes, then the text runs (compressed
// marks with their half-width forms, see pieces), each shown by glyph id
// in its embedded face, bold ones filled and stroked (2 Tr).
func (pf *pdfFile) drawPage(p *layout.Page, boldStroke float64) error {
	gp := pf.gp
	for _, r := range p.Rules {
		gp.SetLineWidth(r.Width)
		if r.Color != 0 {
			gp.SetStrokeColor(rgb(r.Color))
		}
		gp.Line(r.X1, r.Y1, r.X2, r.Y2)
		if r.Color != 0 {
			gp.SetStrokeColor(0, 0, 0)
		}
	}
	if len(p.Boxes) > 0 {
		gp.SetLineWidth(0.6)
		for _, b := range p.Boxes {
			gp.RectFromUpperLeftWithStyle(b.X, b.Y, b.W, b.H, "D")
			// a diagonal makes the box read as "missing", not as 口
			gp.Line(b.X, b.Y+b.H, b.X+b.W, b.Y)
		}
	}
	if len(p.Runs) == 0 {
		return nil
	}
	b := append(pf.text[:0], "q\n"...)
	var color uint32 // the fill colour outside a bold run's q … Q
	for i := range p.Runs {
		r := &p.Runs[i]
		e, ok := pf.byFace[r.Face]
		if !ok {
			return errors.New("PDF：字体未嵌入（face not embedded）: " + r.Face)
		}
		outer := color
		if r.Bold {
			b = fmt.Appendf(b, "q 2 Tr %.3f w\n", boldStroke)
		}
		if r.Color != color {
			c1, c2, c3 := rgb(r.Color)
			b = fmt.Appendf(b, "%.3f %.3f %.3f rg\n", float64(c1)/255, float64(c2)/255, float64(c3)/255)
			color = r.Color
		}
		b = append(b, "BT\n/"...)
		b = append(b, e.res...)
		b = append(b, ' ')
		b = appendTrim(b, r.Size)
		b = append(b, " Tf\n"...)
		for _, pc := range pf.pieces(r) {
			b = appendTrim(b, pc.tc)
			b = append(b, " Tc 1 0 0 1 "...)
			b = strconv.AppendFloat(b, pc.x, 'f', 2, 64)
			b = append(b, ' ')
			b = strconv.AppendFloat(b, pf.height-r.Y, 'f', 2, 64)
			b = append(b, " Tm <"...)
			for _, c := range pc.text {
				g, ok := e.font.GIDs[c]
				if !ok {
					pf.notFound = append(pf.notFound, c)
					continue
				}
				b = appendHex4(b, g)
			}
			b = append(b, "> Tj\n"...)
		}
		b = append(b, "ET\n"...)
		if r.Bold {
			b = append(b, "Q\n"...)
			color = outer
		}
	}
	b = append(b, "Q"...)
	pf.text = b
	return rawOp(gp, string(b))
}

const hexDigits = "0123456789ABCDEF"

// appendTrim appends v with at most three decimals and no trailing zeros
// (12.5, 16, 0.25), as gopdf wrote sizes and spacings.
func appendTrim(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, math.Round(v*1000)/1000, 'f', -1, 64)
}

// rgb splits 0xRRGGBB.
func rgb(c uint32) (uint8, uint8, uint8) { return uint8(c >> 16), uint8(c >> 8), uint8(c) }
