package docx

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"strings"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/tmpl"
)

// panose holds the PANOSE numbers of the Chinese fonts found on clerks'
// machines (Windows' own fonts and the GB2312 editions), so that Word and
// WPS pick a similar face when the named one is missing.
var panose = map[string]string{
	"宋体":        "02010600030101010101",
	"SimSun":    "02010600030101010101",
	"黑体":        "02010609060101010101",
	"SimHei":    "02010609060101010101",
	"仿宋":        "02010609060101010101",
	"FangSong":  "02010609060101010101",
	"楷体":        "02010609060101010101",
	"KaiTi":     "02010609060101010101",
	"仿宋_GB2312": "02010609030101010101",
	"楷体_GB2312": "02010609030101010101",
	"方正小标宋简体":   "02000000000000000000",
	"方正小标宋_GBK": "02000000000000000000",
	"华文中宋":      "02010600040101010101",
}

func fontView(role string, f tmpl.FontSpec) FontView {
	v := FontView{Role: role, Family: strings.TrimSpace(f.Family), Class: "modern", Pitch: "fixed"}
	for _, fb := range f.Fallbacks {
		if fb = strings.TrimSpace(fb); fb != "" && fb != v.Family {
			v.Fallbacks = append(v.Fallbacks, fb)
		}
	}
	if len(v.Fallbacks) > 0 {
		v.AltName = v.Fallbacks[0]
	}
	if v.Family == "" && len(v.Fallbacks) > 0 {
		v.Family, v.AltName = v.Fallbacks[0], ""
	}
	v.Panose = panose[v.Family]
	if v.Panose == "" && v.AltName != "" {
		v.Panose = panose[v.AltName]
	}
	if v.Family == "宋体" || v.Family == "SimSun" {
		v.Class, v.Pitch = "auto", "variable"
	}
	return v
}

// docRoles are the roles whose families the styles name.
var docRoles = []string{"body", "title", "heading1", "heading2", "pagenum"}

// usedFonts lists the families the document's styles name, once each (the
// first role to name a family wins), keeping embedding info.
func usedFonts(d *Data) []FontView {
	var out []FontView
	seen := map[string]bool{}
	for _, role := range docRoles {
		f, ok := d.Font[role]
		if !ok || f.Family == "" || seen[f.Family] {
			continue
		}
		seen[f.Family] = true
		out = append(out, f)
	}
	return out
}

// roleRunes collects, per font role, the characters the document sets in
// it, for subsetting embedded fonts.
func roleRunes(d *Data) map[string]map[rune]bool {
	m := map[string]map[rune]bool{}
	add := func(role, s string) {
		set := m[role]
		if set == nil {
			set = map[rune]bool{}
			m[role] = set
		}
		for _, r := range s {
			set[r] = true
		}
	}
	// Always keep ASCII and the common Chinese punctuation, so small edits
	// and the page number still render.
	var basic strings.Builder
	for r := rune(0x20); r < 0x7f; r++ {
		basic.WriteRune(r)
	}
	basic.WriteString("，。、；：？！“”‘’（）《》【】—…·％０１２３４５６７８９年月日")
	for _, role := range docRoles {
		add(role, basic.String())
	}
	add("pagenum", d.PageNumber.Prefix+d.PageNumber.Suffix)
	for _, p := range d.Body {
		switch p.Kind {
		case "title":
			for _, r := range p.Runs {
				add("title", r.Text)
			}
		case "table":
			t := p.Table
			add("body", t.Caption)
			for _, c := range t.Header {
				add("body", c.Text)
			}
			for _, row := range t.Rows {
				for _, c := range row.Cells {
					add("body", c.Text)
				}
			}
		default:
			role := "body"
			if p.Kind == "heading" {
				role = headingRole(p.Style)
			}
			for _, r := range p.Runs {
				rr := role
				if r.Style != "" {
					rr = headingRole(strings.TrimSuffix(r.Style, "Char"))
				}
				add(rr, r.Text)
			}
			if p.Box != nil { // the 版记's text box
				for _, q := range p.Box.Paras {
					for _, r := range q.Runs {
						add("body", r.Text)
					}
				}
			}
		}
	}
	if d.RedHead.Enabled {
		add("title", d.RedHead.Text)
	}
	return m
}

func headingRole(style string) string {
	switch style {
	case HeadingStyle(1):
		return "heading1"
	case HeadingStyle(2):
		return "heading2"
	}
	return "body"
}

// embedFonts attaches the project's free fonts to the families the document
// names: each role's `pdf: embedded:NAME` file is read from fsys, reduced to
// the glyphs the document uses, obfuscated (ECMA-376 Part 1 §17.8.1) and
// embedded as the regular face of the role's family.
func embedFonts(d *Data, fsys fs.FS) error {
	if fsys == nil {
		return fmt.Errorf("嵌入字体需要字体文件（no font files given for --embed-fonts）")
	}
	runes := roleRunes(d)
	// Several roles may share a family (body and heading 3/4 use the body
	// font); the first role naming a family decides its file.
	byFamily := map[string]*EmbedView{}
	for i := range d.FontTable {
		f := &d.FontTable[i]
		spec := d.Layout.Fonts[f.Role]
		name, ok := strings.CutPrefix(spec.PDF, "embedded:")
		if !ok {
			continue // only the project's own fonts are embedded
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("嵌入字体 %s（%s）：%w", f.Family, name, err)
		}
		set := map[rune]bool{}
		for _, role := range docRoles {
			if d.Font[role].Family == f.Family {
				for r := range runes[role] {
					set[r] = true
				}
			}
		}
		keep := make([]rune, 0, len(set))
		for r := range set {
			keep = append(keep, r)
		}
		// Glyph ids, cmap and metrics stay, as when Word embeds "only the
		// characters used"; the other glyphs' outlines go.
		sub, err := fontset.Subset(data, keep, fontset.SubsetOptions{KeepGlyphIDs: true})
		if err != nil {
			return fmt.Errorf("嵌入字体 %s（%s）：%w", f.Family, name, err)
		}
		n := len(d.EmbeddedFonts) + 1
		sum := sha256.Sum256(append([]byte(f.Family+"\x00"), sub...))
		key := guid(sum[:16])
		ev := &EmbedView{
			Family:    f.Family,
			RelID:     fmt.Sprintf("rIdFont%d", n),
			Key:       key,
			Target:    fmt.Sprintf("fonts/font%d.odttf", n),
			Subsetted: true,
			data:      obfuscate(sub, key),
		}
		d.EmbeddedFonts = append(d.EmbeddedFonts, ev)
		byFamily[f.Family] = ev
		f.Embed = ev
	}
	for role, f := range d.Font {
		f.Embed = byFamily[f.Family]
		d.Font[role] = f
	}
	return nil
}

// guid formats 16 bytes as a registry-style GUID, {XXXXXXXX-XXXX-…}.
func guid(b []byte) string {
	b[6] = b[6]&0x0f | 0x40 // version 4 layout, as Word writes
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("{%X-%X-%X-%X-%X}", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// obfuscate applies the font obfuscation of ECMA-376 Part 1 §17.8.1: the
// first 32 bytes of the file are XORed with the GUID's 16 bytes taken in
// reverse order of its hexadecimal string. The same call de-obfuscates.
func obfuscate(data []byte, key string) []byte {
	raw, _ := hex.DecodeString(strings.NewReplacer("{", "", "}", "", "-", "").Replace(key))
	var k [16]byte
	for i := 0; i < 16 && i < len(raw); i++ {
		k[i] = raw[len(raw)-1-i] // byte i of the key is the i-th pair from the end
	}
	out := make([]byte, len(data))
	copy(out, data)
	for i := 0; i < 32 && i < len(out); i++ {
		out[i] ^= k[i%16]
	}
	return out
}
