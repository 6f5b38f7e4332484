package docx

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/gongwen/gen/generator/layout"
	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

// StyleTitleName is the name (w:name) of StyleTitle, the style of report
// titles; the table of contents of a volume collects the paragraphs in it.
const StyleTitleName = "公文标题"

// Volume is a compilation (汇编) for WriteVolume: a cover, a table of
// contents and the reports, each starting on a new page.
type Volume struct {
	// Title is the volume's title with the count, for the document
	// properties; TitleLines is the same as broken on the cover.
	Title      string
	TitleLines []string
	Issuer     string // the issuing body, "" for none
	Date       string // the date as printed, "" for none
	// Contents is the heading of the table of contents (目录).
	Contents string
	Entries  []VolumeEntry
	// Duplex starts the contents and every report on an odd page.
	Duplex bool
	// Cover geometry, in points: the title's size and line pitch, the top
	// of its first line and of the issuing body below the top of the text
	// block.
	TitleSize, TitlePitch, TitleTop, IssuerTop float64
	// HangChars indents the wrapped lines of a contents entry.
	HangChars int
}

// VolumeEntry is one report of a volume and the printed number of its first
// page, as the PDF's layout found it.
type VolumeEntry struct {
	Report *model.Report
	Page   int
	// Layout is the report laid out on its own, as in the volume's PDF;
	// nil lays it out again.
	Layout *layout.Document
}

// VolumeView is what the volume partials (word/_volume.tmpl) see as
// .Volume: the cover, the contents entries and the contents field.
type VolumeView struct {
	Title      string
	TitleLines []string
	Issuer     string
	Date       string
	Contents   string
	// Field is the instruction of the contents field.
	Field string
	// TitleSize is the cover title's size in half-points, TitleLine its
	// exact line height and SpaceAbove / SpaceBelow the height of the
	// spacers above it and between it and the issuing body, in twips.
	TitleSize  int
	TitleLine  int
	SpaceAbove int
	SpaceBelow int
	// Hang is the hanging indent of contents entries, in twips.
	Hang    int
	Entries []TOCEntry
}

// TOCEntry is one line of the pre-filled table of contents.
type TOCEntry struct {
	Title  string
	Page   int
	Anchor string // the bookmark around the report's title; "" for none
	First  bool   // the first entry opens the field
	Last   bool   // the last entry closes it
}

// WriteVolume renders a volume with template t as one DOCX document to w.
func WriteVolume(w io.Writer, v *Volume, t *tmpl.Template, opt Options) error {
	b, err := RenderVolume(v, t, opt)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// RenderVolume renders a volume as one DOCX document: the cover and the
// table of contents, each in a section without page numbers, then every
// report in a section of its own that starts on a new page (an odd page
// with Duplex), rendered by the template's own word/document.xml exactly as
// a single report, its title a bookmarked paragraph with outline level 0.
// Page numbers start at 1 with the first report and continue. The table of
// contents is a real TOC field over the report title style, pre-filled with
// the entries and the page numbers of the PDF's layout (PAGEREF fields), so
// it is right at once and Word can update it. The cover, contents and
// their styles come from the partial word/_volume.tmpl.
func RenderVolume(v *Volume, t *tmpl.Template, opt Options) ([]byte, error) {
	if v == nil || len(v.Entries) == 0 || t == nil {
		return nil, fmt.Errorf("docx: empty volume or no template")
	}
	c, err := compile(t)
	if err != nil {
		return nil, err
	}
	var docPart, stylesPart *compiledPart
	for i := range c.parts {
		switch c.parts[i].name {
		case "word/document.xml":
			docPart = &c.parts[i]
		case "word/styles.xml":
			stylesPart = &c.parts[i]
		}
	}
	if docPart == nil || docPart.tpl == nil || stylesPart == nil || stylesPart.tpl == nil {
		return nil, fmt.Errorf("模板 %s 的 word/document.xml 与 word/styles.xml 须为模板文件（a volume needs templated document and styles parts）", t.Name)
	}
	for _, name := range []string{"volume-cover", "volume-toc"} {
		if docPart.tpl.Lookup(name) == nil {
			return nil, fmt.Errorf("模板 %s 缺少汇编部件 %s（word/_volume.tmpl）（no %q template）", t.Name, name, name)
		}
	}
	l := &t.Layout

	// The reports, each rendered by the template's document part.
	var head, tail string
	bodies := make([]string, len(v.Entries))
	sects := make([]string, len(v.Entries))
	var text []Para // every paragraph, for embedding fonts
	entries := make([]TOCEntry, len(v.Entries))
	var buf bytes.Buffer
	for i, e := range v.Entries {
		eo := opt
		eo.Layout = e.Layout
		d := newData(e.Report, l, eo)
		for k := range d.Body {
			if d.Body[k].Kind == "title" {
				d.Body[k].Outline = 0
				break
			}
		}
		if !c.boxes() {
			d.Body = unbox(d.Body)
		}
		for k := range d.Body {
			if b := d.Body[k].Box; b != nil {
				b.ID = i + 1 // drawing ids are unique in the volume's document
			}
		}
		buf.Reset()
		if err := docPart.run.Execute(&buf, d); err != nil {
			return nil, templateError(err)
		}
		h, body, sect, tl, err := splitDocument(buf.String())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", docPart.src.display(), err)
		}
		if i == 0 {
			head, tail = h, tl
		}
		anchor := fmt.Sprintf("_TocGen%03d", i+1)
		body, ok := bookmarkTitle(body, anchor, i+1)
		if !ok {
			anchor = ""
		}
		bodies[i], sects[i] = body, sect
		entries[i] = TOCEntry{Title: clean(e.Report.Title.Value), Page: e.Page, Anchor: anchor, First: i == 0, Last: i == len(v.Entries)-1}
		if opt.EmbedFonts {
			text = append(text, d.Body...)
		}
	}

	// The data of the volume's own parts: the first report's, with the
	// volume's properties.
	fo := opt
	fo.Layout = v.Entries[0].Layout
	d := newData(v.Entries[0].Report, l, fo)
	d.Doc = DocInfo{Title: v.Title, Issuer: strings.TrimSpace(v.Issuer), Created: d.Doc.Created}
	if opt.Created.IsZero() {
		d.Doc.Created = ""
	}
	d.Volume = volumeView(v, d, entries)
	if opt.EmbedFonts {
		d.Body = append(text, volumeParas(d.Volume)...)
	}
	extra, err := fontParts(d, opt)
	if err != nil {
		return nil, err
	}
	d.Body = nil
	exec := func(p *compiledPart, name string) (string, error) {
		buf.Reset()
		if err := p.run.ExecuteTemplate(&buf, name, d); err != nil {
			return "", templateError(err)
		}
		return buf.String(), nil
	}
	cover, err := exec(docPart, "volume-cover")
	if err != nil {
		return nil, err
	}
	toc, err := exec(docPart, "volume-toc")
	if err != nil {
		return nil, err
	}
	styles := ""
	if stylesPart.tpl.Lookup("volume-styles") != nil {
		if styles, err = exec(stylesPart, "volume-styles"); err != nil {
			return nil, err
		}
	}

	// Sections: the cover and the contents without page numbers, then one
	// per report, numbered from 1 on.
	plain := plainSection(sects[0])
	var doc strings.Builder
	doc.WriteString(head)
	doc.WriteString(endSection(cover, plain))
	start := "nextPage"
	if v.Duplex {
		start = "oddPage"
	}
	doc.WriteString(endSection(toc, sectionType(plain, start)))
	for i := range bodies {
		s := sectionType(sects[i], start)
		if i == 0 {
			s = restartNumbers(s)
		} else {
			s = continueNumbers(s)
		}
		if i < len(bodies)-1 {
			doc.WriteString(endSection(bodies[i], s))
		} else {
			doc.WriteString(bodies[i])
			doc.WriteString(s)
		}
	}
	doc.WriteString(tail)

	parts, err := c.render(d, extra)
	if err != nil {
		return nil, err
	}
	for i := range parts {
		switch parts[i].name {
		case "word/document.xml":
			parts[i].data = []byte(doc.String())
		case "word/styles.xml":
			if k := bytes.LastIndex(parts[i].data, []byte("</w:styles>")); k >= 0 && styles != "" {
				s := parts[i].data
				parts[i].data = append(append(append([]byte{}, s[:k]...), styles...), s[k:]...)
			}
		}
	}
	return assemble(parts)
}

// volumeView computes the partials' view of a volume.
func volumeView(v *Volume, d *Data, entries []TOCEntry) *VolumeView {
	titleLine := tw(v.TitlePitch)
	above := tw(v.TitleTop)
	below := tw(v.IssuerTop) - above - titleLine*len(v.TitleLines)
	return &VolumeView{
		Title:      v.Title,
		TitleLines: v.TitleLines,
		Issuer:     strings.TrimSpace(v.Issuer),
		Date:       v.Date,
		Contents:   v.Contents,
		Field:      fmt.Sprintf(` TOC \h \z \t "%s,1" `, StyleTitleName),
		TitleSize:  halfPt(v.TitleSize),
		TitleLine:  titleLine,
		SpaceAbove: max(above, 20),
		SpaceBelow: max(below, 20),
		Hang:       int(float64(v.HangChars) * d.Tw.CharPitch),
		Entries:    entries,
	}
}

// volumeParas lists the text of the cover and contents by font role, for
// embedding fonts.
func volumeParas(vv *VolumeView) []Para {
	title := Para{Kind: "title"}
	for _, s := range append(append([]string{}, vv.TitleLines...), vv.Issuer, vv.Contents) {
		title.Runs = append(title.Runs, Run{Text: s})
	}
	body := Para{Kind: "paragraph", Runs: []Run{{Text: vv.Date + "…0123456789"}}}
	for _, e := range vv.Entries {
		body.Runs = append(body.Runs, Run{Text: e.Title})
	}
	return []Para{title, body}
}

// splitDocument cuts a rendered word/document.xml into the text up to and
// including <w:body>, the body's content, its final sectPr and the rest.
func splitDocument(s string) (head, body, sect, tail string, err error) {
	i := strings.Index(s, "<w:body>")
	j := strings.LastIndex(s, "<w:sectPr")
	k := strings.LastIndex(s, "</w:sectPr>")
	if i < 0 || j < i || k < j {
		return "", "", "", "", fmt.Errorf("正文部件没有 <w:body> 或结尾的 <w:sectPr>（no body or section properties）")
	}
	i += len("<w:body>")
	k += len("</w:sectPr>")
	return s[:i], s[i:j], s[j:k], s[k:], nil
}

var (
	paraStart  = regexp.MustCompile(`<w:p[ >]`)
	refs       = regexp.MustCompile(`<w:(header|footer)Reference [^>]*/>|<w:titlePg/>|<w:titlePg [^>]*/>|<w:pgNumType[^>]*/>|<w:type [^>]*/>`)
	pgNumStart = regexp.MustCompile(` w:start="[0-9]*"`)
	pgNumType  = regexp.MustCompile(`<w:pgNumType[^>]*/>`)
	typeEl     = regexp.MustCompile(`<w:type [^>]*/>`)
)

// bookmarkTitle puts a bookmark around the content of the first paragraph
// in the report title style.
func bookmarkTitle(body, name string, id int) (string, bool) {
	i := strings.Index(body, `<w:pStyle w:val="`+StyleTitle+`"/>`)
	if i < 0 {
		return body, false
	}
	j := strings.Index(body[i:], "</w:pPr>")
	if j < 0 {
		return body, false
	}
	j += i + len("</w:pPr>")
	k := strings.Index(body[j:], "</w:p>")
	if k < 0 {
		return body, false
	}
	k += j
	return body[:j] + fmt.Sprintf(`<w:bookmarkStart w:id="%d" w:name="%s"/>`, id, name) + body[j:k] +
		fmt.Sprintf(`<w:bookmarkEnd w:id="%d"/>`, id) + body[k:], true
}

// endSection makes the last paragraph of a fragment end a section with the
// properties sect; a fragment that ends with a table gets an empty
// paragraph for it.
func endSection(frag, sect string) string {
	locs := paraStart.FindAllStringIndex(frag, -1)
	if len(locs) == 0 || strings.Contains(frag[locs[len(locs)-1][0]:], "</w:tbl>") {
		return frag + "<w:p><w:pPr>" + sect + "</w:pPr></w:p>"
	}
	p := locs[len(locs)-1][0]
	last := frag[p:]
	end := strings.Index(last, "</w:p>")
	if end < 0 {
		end = len(last)
	}
	if k := strings.Index(last[:end], "</w:pPr>"); k >= 0 {
		return frag[:p+k] + sect + frag[p+k:]
	}
	open := strings.Index(last, ">") + 1
	if strings.HasPrefix(last, "<w:p/>") { // an empty paragraph
		return frag[:p] + "<w:p><w:pPr>" + sect + "</w:pPr></w:p>" + last[len("<w:p/>"):]
	}
	return frag[:p+open] + "<w:pPr>" + sect + "</w:pPr>" + frag[p+open:]
}

// plainSection is a report's section properties without footers, title
// page, page numbering and start type: the cover and contents sections.
func plainSection(sect string) string { return refs.ReplaceAllString(sect, "") }

// sectionType sets how a section starts (nextPage, oddPage).
func sectionType(sect, typ string) string {
	el := `<w:type w:val="` + typ + `"/>`
	sect = typeEl.ReplaceAllString(sect, "")
	if i := strings.Index(sect, "<w:pgSz"); i >= 0 {
		return sect[:i] + el + sect[i:]
	}
	i := strings.Index(sect, ">") + 1
	return sect[:i] + el + sect[i:]
}

// restartNumbers makes a section's page numbers start at 1.
func restartNumbers(sect string) string {
	if m := pgNumType.FindString(sect); m != "" {
		n := pgNumStart.ReplaceAllString(m, "")
		n = strings.TrimSuffix(n, "/>") + ` w:start="1"/>`
		return strings.Replace(sect, m, n, 1)
	}
	for _, next := range []string{"<w:cols", "<w:formProt", "<w:vAlign", "<w:noEndnote", "<w:titlePg", "<w:textDirection", "<w:bidi", "<w:rtlGutter", "<w:docGrid", "</w:sectPr>"} {
		if i := strings.Index(sect, next); i >= 0 {
			return sect[:i] + `<w:pgNumType w:start="1"/>` + sect[i:]
		}
	}
	return sect
}

// continueNumbers makes a section's page numbers continue the previous
// section's.
func continueNumbers(sect string) string {
	return pgNumType.ReplaceAllStringFunc(sect, func(m string) string { return pgNumStart.ReplaceAllString(m, "") })
}
