package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/model"
)

// oleMagic starts an OLE compound file: an old binary .doc, or a DOCX that
// Word encrypted with a password (the package is then stored inside one).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// oleMessage tells an encrypted DOCX from a binary .doc by the names of the
// compound file's streams.
func oleMessage(name string, data []byte) diag.Diagnostic {
	pos := model.Pos{File: name}
	for _, s := range []string{"EncryptionInfo", "EncryptedPackage"} {
		if bytes.Contains(data, utf16le(s)) {
			return fail(pos, "imp-encrypted")
		}
	}
	return fail(pos, "imp-doc")
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// errTooBig is returned by a limitedReader past its limit.
var errTooBig = errors.New("part too large")

// limitedReader fails once more than n bytes have been read, so that a part
// that inflates without end (a ZIP bomb) stops early with bounded memory.
type limitedReader struct {
	r    io.Reader
	n    int64
	over *bool // set once the limit is passed (the XML decoder hides the error)
}

// Read reads at most the limit and one byte more, then fails.
func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n < 0 {
		*l.over = true
		return 0, errTooBig
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	if l.n < 0 {
		*l.over = true
		return k, errTooBig
	}
	return k, err
}

// docxFile is an opened DOCX package.
type docxFile struct {
	name  string
	zr    *zip.Reader
	limit int64
	over  bool // a part inflated past limit
}

func (f *docxFile) find(part string) *zip.File {
	part = strings.TrimPrefix(part, "/")
	for _, zf := range f.zr.File {
		if strings.EqualFold(zf.Name, part) {
			return zf
		}
	}
	return nil
}

func (f *docxFile) open(part string) (io.ReadCloser, error) {
	zf := f.find(part)
	if zf == nil {
		return nil, nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{&limitedReader{r: rc, n: f.limit, over: &f.over}, rc}, nil
}

// read returns a whole (small) part, nil when it is missing.
func (f *docxFile) read(part string) ([]byte, *diag.Diagnostic) {
	rc, err := f.open(part)
	if rc == nil && err == nil {
		return nil, nil
	}
	if err != nil {
		d := fail(model.Pos{File: f.name}, "imp-not-zip", err)
		return nil, &d
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if f.over || errors.Is(err, errTooBig) {
		f.over = false
		d := fail(model.Pos{File: f.name}, "imp-bomb", part, f.limit)
		return nil, &d
	}
	if err != nil {
		d := fail(model.Pos{File: f.name}, "imp-not-zip", err)
		return nil, &d
	}
	return data, nil
}

// rels reads a relationships part: type suffix → target, resolved against
// the folder of the part it belongs to.
func (f *docxFile) rels(relsPart, base string) map[string]string {
	data, _ := f.read(relsPart)
	var doc struct {
		Rels []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	out := map[string]string{}
	if data == nil || xml.Unmarshal(data, &doc) != nil {
		return out
	}
	for _, r := range doc.Rels {
		if r.Mode == "External" {
			continue
		}
		t := r.Type[strings.LastIndex(r.Type, "/")+1:]
		target := r.Target
		if !strings.HasPrefix(target, "/") {
			target = path.Join(base, target)
		}
		if _, dup := out[t]; !dup {
			out[t] = strings.TrimPrefix(target, "/")
		}
	}
	return out
}

// ReadDOCX reads the paragraphs and tables of a Word document (transitional
// or strict OOXML). Text boxes, content controls, tracked changes (the
// accepted text) and fields (their result) are read; Word's automatic
// numbers are put in front of their paragraphs; heading styles, outline
// levels, the Title style and run-in headings are kept as evidence.
func ReadDOCX(name string, data []byte, opt Options) ([]Para, diag.List) {
	opt = opt.withDefaults()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, diag.List{fail(model.Pos{File: name}, "imp-not-zip", err)}
	}
	f := &docxFile{name: name, zr: zr, limit: opt.MaxPartBytes}
	if f.find("EncryptionInfo") != nil || f.find("EncryptedPackage") != nil {
		return nil, diag.List{fail(model.Pos{File: name}, "imp-encrypted")}
	}
	main := f.rels("_rels/.rels", "")["officeDocument"]
	if main == "" || f.find(main) == nil {
		main = "word/document.xml"
	}
	dir := path.Dir(main)
	rel := f.rels(path.Join(dir, "_rels", path.Base(main)+".rels"), dir)
	stylesPart, numPart := rel["styles"], rel["numbering"]
	if stylesPart == "" {
		stylesPart = path.Join(dir, "styles.xml")
	}
	if numPart == "" {
		numPart = path.Join(dir, "numbering.xml")
	}
	sdata, d := f.read(stylesPart)
	if d != nil {
		return nil, diag.List{*d}
	}
	ndata, d := f.read(numPart)
	if d != nil {
		return nil, diag.List{*d}
	}
	rc, err := f.open(main)
	if rc == nil && err == nil {
		return nil, diag.List{fail(model.Pos{File: name}, "imp-no-document")}
	}
	if err != nil {
		return nil, diag.List{fail(model.Pos{File: name}, "imp-not-zip", err)}
	}
	defer rc.Close()
	w := &walker{file: name, dec: xml.NewDecoder(rc), styles: parseStyles(sdata), num: parseNumbering(ndata), maxChars: opt.MaxChars, maxParas: opt.MaxParagraphs}
	w.dec.Strict = true
	err = w.document()
	switch {
	case f.over || errors.Is(err, errTooBig):
		return nil, diag.List{fail(model.Pos{File: name}, "imp-bomb", main, f.limit)}
	case errors.Is(err, errTooManyChars):
		return nil, diag.List{fail(model.Pos{File: name}, "imp-too-many", opt.MaxChars)}
	case errors.Is(err, errTooManyParas):
		return nil, diag.List{fail(model.Pos{File: name}, "imp-too-many-paras", opt.MaxParagraphs)}
	case err != nil:
		return nil, diag.List{fail(model.Pos{File: name}, "imp-xml", main, err)}
	}
	var ds diag.List
	empty := true
	for _, p := range w.out {
		if strings.TrimSpace(p.Text) != "" || p.Table != nil {
			empty = false
		}
	}
	if empty {
		ds = append(ds, fail(model.Pos{File: name}, "imp-empty"))
	}
	return w.out, ds
}

var tabs = lazyRegexp(`[ \t]*\t[ \t]*`)

var (
	errTooManyChars = errors.New("too many characters")
	errTooManyParas = errors.New("too many paragraphs")
)

// run is a piece of a paragraph's text with the formatting that marks
// run-in headings.
type run struct {
	text string
	head bool // heading character style or bold
}

// walker streams document.xml.
type walker struct {
	file     string
	dec      *xml.Decoder
	styles   styles
	num      *numbering
	out      []Para
	n        int // paragraphs seen
	chars    int
	maxChars int
	maxParas int
	total    int // paragraphs read, in table cells too
	// fields is the stack of open complex fields; true once past
	// "separate" (the result, which is what Word shows).
	fields []bool
}

func (w *walker) inInstr() bool {
	for _, res := range w.fields {
		if !res {
			return true
		}
	}
	return false
}

// skipped elements: deleted and moved-away text, old formatting of
// tracked changes, content-control properties, the fallback copy of
// alternate content.
func skipped(local string) bool {
	switch local {
	case "del", "moveFrom", "sdtPr", "sdtEndPr", "Fallback", "instrText", "delText", "delInstrText", "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "commentReference", "rPr":
		return true
	}
	return strings.HasSuffix(local, "Change")
}

func (w *walker) document() error {
	for {
		tok, err := w.dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "body" {
			return w.blocks(&w.out)
		}
	}
}

// blocks reads block-level content (paragraphs and tables, through content
// controls and other containers) until the end of the current element.
func (w *walker) blocks(out *[]Para) error {
	for {
		tok, err := w.dec.Token()
		if err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			switch {
			case t.Name.Local == "p":
				if err := w.paragraph(out); err != nil {
					return err
				}
			case t.Name.Local == "tbl":
				if err := w.table(out); err != nil {
					return err
				}
			case skipped(t.Name.Local):
				if err := w.dec.Skip(); err != nil {
					return err
				}
			default:
				if err := w.blocks(out); err != nil {
					return err
				}
			}
		}
	}
}

// paragraph reads one w:p (its start already read).
func (w *walker) paragraph(out *[]Para) error {
	w.n++
	w.total++
	if w.total > w.maxParas {
		return errTooManyParas
	}
	p := Para{Pos: model.Pos{File: w.file, Line: w.n, Col: 1}}
	var ppr xPPr
	var runs []run
	var boxes []Para
	err := w.each(func(se xml.StartElement) error {
		switch {
		case se.Name.Local == "pPr":
			return w.dec.DecodeElement(&ppr, &se)
		case se.Name.Local == "r":
			return w.run(&runs, &boxes, &p)
		case skipped(se.Name.Local):
			return w.dec.Skip()
		default: // hyperlink, ins, smartTag, sdt, fldSimple, customXml, moveTo …
			return w.inline(&runs, &boxes, &p)
		}
	})
	if err != nil {
		return err
	}
	w.finishPara(&p, ppr, runs)
	*out = append(*out, p)
	*out = append(*out, boxes...)
	return nil
}

// inline reads a container of runs until its end.
func (w *walker) inline(runs *[]run, boxes *[]Para, p *Para) error {
	return w.each(func(se xml.StartElement) error {
		switch {
		case se.Name.Local == "r":
			return w.run(runs, boxes, p)
		case se.Name.Local == "p": // a paragraph where runs were expected
			return w.paragraph(boxes)
		case skipped(se.Name.Local):
			return w.dec.Skip()
		default:
			return w.inline(runs, boxes, p)
		}
	})
}

// each reads the current element up to its end and calls read for each
// child element, which read must consume (decode it, skip it or walk it).
func (w *walker) each(read func(xml.StartElement) error) error {
	for {
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if err := read(t); err != nil {
				return err
			}
		}
	}
}

// run reads one w:r: its text, tabs and breaks, field characters, and the
// text boxes of its drawings.
func (w *walker) run(runs *[]run, boxes *[]Para, p *Para) error {
	var rpr xRPr
	var b strings.Builder
	picture := false
	for {
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		if _, end := tok.(xml.EndElement); end {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "rPr":
			err = w.dec.DecodeElement(&rpr, &se)
		case "t":
			var s string
			err = w.dec.DecodeElement(&s, &se)
			if !w.inInstr() {
				b.WriteString(s)
			}
		case "tab", "ptab":
			b.WriteString("\t")
			err = w.dec.Skip()
		case "br", "cr":
			if attr(se, "type") != "page" && attr(se, "type") != "column" {
				b.WriteString("\n")
			}
			err = w.dec.Skip()
		case "noBreakHyphen":
			b.WriteString("-")
			err = w.dec.Skip()
		case "sym":
			if r, ok := symbol(attr(se, "char")); ok {
				b.WriteRune(r)
			}
			err = w.dec.Skip()
		case "fldChar":
			switch attr(se, "fldCharType") {
			case "begin":
				w.fields = append(w.fields, false)
			case "separate":
				if n := len(w.fields); n > 0 {
					w.fields[n-1] = true
				}
			case "end":
				if n := len(w.fields); n > 0 {
					w.fields = w.fields[:n-1]
				}
			}
			err = w.dec.Skip()
		case "footnoteReference", "endnoteReference":
			*boxes = append(*boxes, Para{Pos: p.Pos, Note: "imp-footnote"})
			err = w.dec.Skip()
		case "drawing", "pict", "object", "AlternateContent", "Choice":
			var found bool
			found, err = w.boxes(boxes)
			if !found {
				picture = true
			}
		default:
			err = w.dec.Skip()
		}
		if err != nil {
			return err
		}
	}
	if picture {
		*boxes = append(*boxes, Para{Pos: p.Pos, Note: "imp-picture"})
	}
	s := b.String()
	if s == "" || on(rpr.Vanish) {
		return nil
	}
	w.chars += len(s)
	if w.chars > 4*w.maxChars {
		return errTooManyChars
	}
	head := on(rpr.B)
	if rpr.RStyle != nil {
		st := w.styles.get(rpr.RStyle.Val)
		head = head || st.heading || st.bold && rpr.B == nil
	}
	*runs = append(*runs, run{text: s, head: head})
	return nil
}

// boxes looks inside a drawing for text boxes (w:txbxContent) and reads
// their paragraphs; it reports whether it found any.
func (w *walker) boxes(out *[]Para) (bool, error) {
	found := false
	for {
		tok, err := w.dec.Token()
		if err != nil {
			return found, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return found, nil
		case xml.StartElement:
			switch {
			case t.Name.Local == "txbxContent":
				found = true
				if err := w.blocks(out); err != nil {
					return found, err
				}
			case t.Name.Local == "Fallback":
				if err := w.dec.Skip(); err != nil {
					return found, err
				}
			default:
				f, err := w.boxes(out)
				found = found || f
				if err != nil {
					return found, err
				}
			}
		}
	}
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// symbol reads the character of a w:sym (hex, possibly in the F000 private
// range of a symbol font, which has no meaning outside that font).
func symbol(hex string) (rune, bool) {
	var v rune
	if _, err := fmt.Sscanf(hex, "%x", &v); err != nil || v == 0 {
		return 0, false
	}
	if v >= 0xF000 && v <= 0xF0FF {
		return 0, false
	}
	return v, true
}

// finishPara sets the paragraph's text and evidence from its properties.
func (w *walker) finishPara(p *Para, ppr xPPr, runs []run) {
	var st *style
	sid := ""
	if ppr.PStyle != nil {
		sid = ppr.PStyle.Val
		st = w.styles.get(sid)
	} else {
		st = w.styles.get(w.defaultParaStyle())
	}
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.text)
	}
	text := b.String()
	p.Level = st.level
	if ppr.Outline != nil {
		var l int
		if _, err := fmt.Sscan(ppr.Outline.Val, &l); err == nil && l >= 0 && l < 9 {
			p.Level = l + 1
		} else {
			p.Level = 0
		}
	}
	p.Title = st.title
	p.Contents = st.toc
	if ppr.Jc != nil && (ppr.Jc.Val == "right" || ppr.Jc.Val == "end") {
		p.Right = true
	}
	if ppr.Ind != nil {
		var left int
		v := ppr.Ind.Left
		if v == "" {
			v = ppr.Ind.Start
		}
		if _, err := fmt.Sscan(v, &left); err == nil && left >= 4000 {
			p.Right = true
		}
	}
	// Run-in heading: leading heading-formatted runs followed by plain ones.
	k := 0
	for k < len(runs) && runs[k].head {
		k++
	}
	if k > 0 {
		rest := false
		for _, r := range runs[k:] {
			if r.head && strings.TrimSpace(r.text) != "" {
				k = 0
				break
			}
			if strings.TrimSpace(r.text) != "" {
				rest = true
			}
		}
		if k > 0 {
			var h strings.Builder
			for _, r := range runs[:k] {
				h.WriteString(r.text)
			}
			if rest || !p.Title {
				p.Head = h.String()
			}
		}
	}
	// Word's automatic number.
	numID, ilvl, has := st.numID, st.ilvl, st.numID != ""
	if ppr.NumPr != nil {
		if ppr.NumPr.NumID != nil {
			numID, has = ppr.NumPr.NumID.Val, true
		}
		if ppr.NumPr.Ilvl != nil {
			fmt.Sscan(ppr.NumPr.Ilvl.Val, &ilvl)
		} else if !st.hasIlvl {
			ilvl, _ = w.num.levelOf(numID, sid)
		}
	} else if has && !st.hasIlvl {
		ilvl, _ = w.num.levelOf(numID, sid)
	}
	if has && strings.TrimSpace(text) != "" {
		// A number gen cannot write (1.1, 第一章) on a heading is left to
		// gen, which numbers by level; elsewhere it stays text.
		n := w.num.next(numID, ilvl)
		if n != "" && p.Level > 0 && !isNumber(n) {
			p.Numbered, n = true, ""
		}
		if n != "" {
			lead := strings.TrimLeft(text, " \t\u3000")
			text = n + lead
			if p.Head != "" {
				p.Head = n + strings.TrimLeft(p.Head, " \t\u3000")
			}
		}
	}
	if p.Title {
		text = joinLines(text)
	} else {
		text = strings.ReplaceAll(text, "\n", "")
	}
	// Tabs inside a line align nothing in a 公文: one space.
	if trimmed := strings.TrimLeft(text, " \t\u3000"); strings.Contains(trimmed, "\t") {
		text = text[:len(text)-len(trimmed)] + tabs().ReplaceAllString(trimmed, " ")
		if p.Head != "" {
			p.Head = tabs().ReplaceAllString(strings.TrimLeft(p.Head, " \t\u3000"), " ")
		}
	}
	// Leading spaces typed as an indent are not text.
	trimmed := strings.TrimLeft(text, " \t\u3000")
	if p.Head != "" {
		p.Head = strings.TrimLeft(p.Head, " \t\u3000")
		if !strings.HasPrefix(trimmed, p.Head) {
			p.Head = ""
		}
	}
	p.Text = strings.TrimRight(trimmed, " \t\u3000")
}

func (w *walker) defaultParaStyle() string {
	for id, s := range w.styles {
		if s.name == "normal" {
			return id
		}
	}
	return "Normal"
}

// table reads a w:tbl into one Para whose Table holds the cell texts.
func (w *walker) table(out *[]Para) error {
	w.n++
	p := Para{Pos: model.Pos{File: w.file, Line: w.n, Col: 1}}
	var rows [][]string
	err := w.children("tr", func() error {
		row, err := w.row()
		rows = append(rows, row)
		return err
	})
	if err != nil {
		return err
	}
	p.Table = rows
	*out = append(*out, p)
	return nil
}

// children reads the current element up to its end and calls read for
// each child element named name (read consumes it), looking inside the
// transparent containers (content controls and the like) and skipping
// everything else.
func (w *walker) children(name string, read func() error) error {
	return w.each(func(se xml.StartElement) error {
		switch {
		case se.Name.Local == name:
			return read()
		case transparent(se.Name.Local):
			return w.children(name, read)
		default:
			return w.dec.Skip()
		}
	})
}

func (w *walker) row() ([]string, error) {
	var cells []string
	err := w.children("tc", func() error {
		var ps []Para
		n := w.n
		span, err := w.cell(&ps)
		if err != nil {
			return err
		}
		w.n = n // paragraphs inside cells are not counted as paragraphs
		var b strings.Builder
		for _, q := range ps {
			t := q.Text
			if q.Table != nil {
				for _, r := range q.Table {
					t += strings.Join(r, " ")
				}
			}
			if t == "" {
				continue
			}
			if b.Len() > 0 && latinEnd(b.String()) && latinStart(t) {
				b.WriteByte(' ')
			}
			b.WriteString(t)
		}
		cells = append(cells, b.String())
		for ; span > 1 && span <= 64; span-- { // merged across columns
			cells = append(cells, "")
		}
		return nil
	})
	return cells, err
}

// cell reads a w:tc: its paragraphs, and how many grid columns it spans.
func (w *walker) cell(out *[]Para) (int, error) {
	span := 1
	for {
		tok, err := w.dec.Token()
		if err != nil {
			return span, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return span, nil
		case xml.StartElement:
			switch {
			case t.Name.Local == "tcPr":
				var pr struct {
					GridSpan *xVal `xml:"gridSpan"`
				}
				err = w.dec.DecodeElement(&pr, &t)
				if pr.GridSpan != nil {
					fmt.Sscan(pr.GridSpan.Val, &span)
				}
			case t.Name.Local == "p":
				err = w.paragraph(out)
			case t.Name.Local == "tbl":
				err = w.table(out)
			case skipped(t.Name.Local):
				err = w.dec.Skip()
			default:
				err = w.blocks(out)
			}
			if err != nil {
				return span, err
			}
		}
	}
}

// transparent containers may wrap table rows and cells.
func transparent(local string) bool {
	switch local {
	case "sdt", "sdtContent", "customXml", "ins", "moveTo":
		return true
	}
	return false
}

// isNumber tells a list number gen writes too (一、 （一） 1. （1）).
func isNumber(n string) bool {
	num, ok := ParseNumber(strings.TrimSpace(n) + "文")
	return ok && num.Len >= len(strings.TrimSpace(n))
}
