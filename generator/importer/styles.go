package importer

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// xVal is an element whose value is in its val attribute (w:val).
type xVal struct {
	Val string `xml:"val,attr"`
}

// on reads an on/off property (<w:b/>, <w:b w:val="false"/>).
func on(v *xVal) bool {
	if v == nil {
		return false
	}
	switch strings.ToLower(v.Val) {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

type xNumPr struct {
	Ilvl  *xVal `xml:"ilvl"`
	NumID *xVal `xml:"numId"`
}

type xPPr struct {
	PStyle  *xVal   `xml:"pStyle"`
	NumPr   *xNumPr `xml:"numPr"`
	Outline *xVal   `xml:"outlineLvl"`
	Jc      *xVal   `xml:"jc"`
	Ind     *struct {
		Left  string `xml:"left,attr"`
		Start string `xml:"start,attr"`
	} `xml:"ind"`
}

type xRPr struct {
	RStyle *xVal `xml:"rStyle"`
	B      *xVal `xml:"b"`
	Vanish *xVal `xml:"vanish"`
}

type xStyle struct {
	Type    string `xml:"type,attr"`
	ID      string `xml:"styleId,attr"`
	Name    xVal   `xml:"name"`
	BasedOn *xVal  `xml:"basedOn"`
	Link    *xVal  `xml:"link"`
	PPr     xPPr   `xml:"pPr"`
	RPr     xRPr   `xml:"rPr"`
}

// style is what the importer needs of a style, with basedOn resolved.
type style struct {
	name    string // lower case
	level   int    // outline level 1–9, 0 for body text
	title   bool   // Title (or gen's 公文标题)
	toc     bool   // a table of contents entry
	numID   string // numbering inherited from the style, "" for none
	ilvl    int
	hasIlvl bool
	heading bool // a character style of a heading (run-in heading evidence)
	bold    bool
}

// styles maps style ids to resolved styles.
type styles map[string]*style

var (
	headingName = lazyRegexp(`^(heading|标题)\s*([1-9])$`)
	headingID   = lazyRegexp(`^(?i)heading([1-9])$`)
)

// parseStyles reads styles.xml; a missing or broken part gives no styles.
func parseStyles(data []byte) styles {
	var doc struct {
		Styles []xStyle `xml:"style"`
	}
	if len(data) == 0 || xml.Unmarshal(data, &doc) != nil {
		return styles{}
	}
	raw := map[string]*xStyle{}
	for i := range doc.Styles {
		raw[doc.Styles[i].ID] = &doc.Styles[i]
	}
	out := styles{}
	var resolve func(id string, depth int) *style
	resolve = func(id string, depth int) *style {
		if s, ok := out[id]; ok {
			return s
		}
		x := raw[id]
		if x == nil || depth > 20 {
			return &style{}
		}
		s := &style{}
		if x.BasedOn != nil && x.BasedOn.Val != id {
			*s = *resolve(x.BasedOn.Val, depth+1)
		}
		s.name = strings.ToLower(strings.TrimSpace(x.Name.Val))
		s.title = s.title || s.name == "title" || s.name == "公文标题" || s.name == "标题" && x.Type == "paragraph"
		if s.name == "subtitle" {
			s.title = false
		}
		s.toc = strings.HasPrefix(s.name, "toc ") || strings.HasPrefix(s.name, "toc") && len(s.name) <= 5 || strings.HasPrefix(s.name, "目录")
		if m := headingName().FindStringSubmatch(s.name); m != nil {
			s.level, _ = strconv.Atoi(m[2])
		}
		if x.PPr.Outline != nil {
			if l, err := strconv.Atoi(x.PPr.Outline.Val); err == nil && l >= 0 && l < 9 {
				s.level = l + 1
			} else {
				s.level = 0
			}
		}
		if np := x.PPr.NumPr; np != nil {
			if np.NumID != nil {
				s.numID = np.NumID.Val
			}
			if np.Ilvl != nil {
				s.ilvl, _ = strconv.Atoi(np.Ilvl.Val)
				s.hasIlvl = true
			}
		}
		if x.RPr.B != nil {
			s.bold = on(x.RPr.B)
		}
		if x.Type == "character" {
			s.heading = strings.Contains(s.name, "heading") || strings.Contains(s.name, "标题")
			if x.Link != nil {
				if l := raw[x.Link.Val]; l != nil && headingName().MatchString(strings.ToLower(l.Name.Val)) {
					s.heading = true
				}
			}
		}
		out[id] = s
		return s
	}
	for id := range raw {
		resolve(id, 0)
	}
	return out
}

func (s styles) get(id string) *style {
	if st, ok := s[id]; ok {
		return st
	}
	// Documents written without styles.xml still name the built-in ids.
	st := &style{name: strings.ToLower(id)}
	if m := headingID().FindStringSubmatch(id); m != nil {
		st.level, _ = strconv.Atoi(m[1])
	}
	st.title = strings.EqualFold(id, "title")
	st.toc = strings.HasPrefix(strings.ToLower(id), "toc")
	return st
}
