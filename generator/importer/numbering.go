package importer

import (
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/gongwen/gen/generator/model"
)

type xLvl struct {
	Ilvl    string `xml:"ilvl,attr"`
	Start   *xVal  `xml:"start"`
	Fmt     xVal   `xml:"numFmt"`
	Text    *xVal  `xml:"lvlText"`
	PStyle  *xVal  `xml:"pStyle"`
	IsLgl   *xVal  `xml:"isLgl"`
	Restart *xVal  `xml:"lvlRestart"`
}

type xNumbering struct {
	Abstract []struct {
		ID        string `xml:"abstractNumId,attr"`
		Lvls      []xLvl `xml:"lvl"`
		StyleLink *xVal  `xml:"numStyleLink"`
	} `xml:"abstractNum"`
	Nums []struct {
		ID        string `xml:"numId,attr"`
		Abs       xVal   `xml:"abstractNumId"`
		Overrides []struct {
			Ilvl  string `xml:"ilvl,attr"`
			Start *xVal  `xml:"startOverride"`
			Lvl   *xLvl  `xml:"lvl"`
		} `xml:"lvlOverride"`
	} `xml:"num"`
}

// level is one level of a list definition.
type level struct {
	start  int
	format string
	text   string // lvlText, %1 … %9 stand for the levels' numbers
	legal  bool
	style  string // the paragraph style bound to this level
}

// list is a num instance: its abstract definition, overridden levels and
// start overrides.
type list struct {
	abs      string
	levels   [9]*level
	override map[int]int // level → start override
	used     map[int]bool
}

// counters is the running state of one abstract list (instances that share
// an abstract definition continue each other's numbers, as in Word).
type counters struct {
	n       [9]int
	started [9]bool
}

// numbering resolves Word's automatic numbers (numbering.xml): which
// number a paragraph with numId and ilvl shows.
type numbering struct {
	lists map[string]*list
	state map[string]*counters
}

func parseNumbering(data []byte) *numbering {
	nb := &numbering{lists: map[string]*list{}, state: map[string]*counters{}}
	var doc xNumbering
	if len(data) == 0 || xml.Unmarshal(data, &doc) != nil {
		return nb
	}
	abstract := map[string][9]*level{}
	for _, a := range doc.Abstract {
		var lv [9]*level
		for _, l := range a.Lvls {
			if i, err := strconv.Atoi(l.Ilvl); err == nil && i >= 0 && i < 9 {
				lv[i] = toLevel(l)
			}
		}
		abstract[a.ID] = lv
	}
	for _, n := range doc.Nums {
		l := &list{abs: n.Abs.Val, levels: abstract[n.Abs.Val], override: map[int]int{}, used: map[int]bool{}}
		for _, o := range n.Overrides {
			i, err := strconv.Atoi(o.Ilvl)
			if err != nil || i < 0 || i >= 9 {
				continue
			}
			if o.Lvl != nil {
				l.levels[i] = toLevel(*o.Lvl)
			}
			if o.Start != nil {
				if v, err := strconv.Atoi(o.Start.Val); err == nil {
					l.override[i] = v
				}
			}
		}
		nb.lists[n.ID] = l
	}
	return nb
}

func toLevel(l xLvl) *level {
	lv := &level{start: 1, format: l.Fmt.Val, legal: on(l.IsLgl)}
	if l.Start != nil {
		if v, err := strconv.Atoi(l.Start.Val); err == nil {
			lv.start = v
		}
	}
	if l.Text != nil {
		lv.text = l.Text.Val
	}
	if l.PStyle != nil {
		lv.style = l.PStyle.Val
	}
	if lv.format == "" {
		lv.format = "decimal"
	}
	return lv
}

// levelOf finds the level bound to a paragraph style in list numID.
func (nb *numbering) levelOf(numID, pstyle string) (int, bool) {
	l := nb.lists[numID]
	if l == nil {
		return 0, false
	}
	for i, lv := range l.levels {
		if lv != nil && lv.style == pstyle {
			return i, true
		}
	}
	return 0, false
}

// next counts one paragraph of list numID at level ilvl and returns the
// number text Word shows in front of it ("" for bullets and none).
func (nb *numbering) next(numID string, ilvl int) string {
	l := nb.lists[numID]
	if l == nil || numID == "0" || ilvl < 0 || ilvl >= 9 || l.levels[ilvl] == nil {
		return ""
	}
	c := nb.state[l.abs]
	if c == nil {
		c = &counters{}
		nb.state[l.abs] = c
	}
	if v, ok := l.override[ilvl]; ok && !l.used[ilvl] {
		l.used[ilvl] = true
		c.started[ilvl] = false
		c.n[ilvl] = v
		c.started[ilvl] = true
	} else if !c.started[ilvl] {
		c.n[ilvl] = l.levels[ilvl].start
		c.started[ilvl] = true
	} else {
		c.n[ilvl]++
	}
	for j := ilvl + 1; j < 9; j++ {
		c.started[j] = false
	}
	lv := l.levels[ilvl]
	if lv.format == "bullet" || lv.format == "none" {
		return ""
	}
	var b strings.Builder
	t := lv.text
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			k := int(t[i+1] - '1')
			i++
			if k > ilvl || l.levels[k] == nil {
				continue
			}
			n := c.n[k]
			if !c.started[k] {
				n = l.levels[k].start
			}
			f := l.levels[k].format
			if lv.legal && k < ilvl {
				f = "decimal"
			}
			b.WriteString(formatNumber(n, f))
			continue
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

// formatNumber writes n in a numFmt of WordprocessingML.
func formatNumber(n int, f string) string {
	switch f {
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand", "koreanCounting", "koreanDigital":
		return model.ChineseNumeral(n)
	case "chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal":
		return strings.NewReplacer("一", "壹", "二", "贰", "三", "叁", "四", "肆", "五", "伍", "六", "陆", "七", "柒", "八", "捌", "九", "玖", "十", "拾").Replace(model.ChineseNumeral(n))
	case "ideographTraditional":
		if n >= 1 && n <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[n-1])
		}
	case "decimalZero":
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, r := range strconv.Itoa(n) {
			b.WriteRune(r - '0' + '０')
		}
		return b.String()
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "decimalEnclosedParen":
		if n >= 1 && n <= 20 {
			return string(rune('⑴' + n - 1))
		}
	case "decimalEnclosedFullstop":
		if n >= 1 && n <= 20 {
			return string(rune('⒈' + n - 1))
		}
	case "upperLetter", "lowerLetter":
		s := string(rune('A' + (n-1)%26))
		s = strings.Repeat(s, (n-1)/26+1)
		if f == "lowerLetter" {
			s = strings.ToLower(s)
		}
		return s
	case "upperRoman", "lowerRoman":
		s := roman(n)
		if f == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
