package testkit

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Alias maps a family name a document asks for to an installed family.
type Alias struct {
	Family string // as named in the document, e.g. 仿宋_GB2312
	Target string // an installed family, e.g. FandolFang
	Bold   bool   // use the target's bold face
}

// ProjectAliases map the official family names (and their usual
// alternatives) to the project's free fonts in /fonts.
var ProjectAliases = []Alias{
	{"仿宋_GB2312", "FandolFang", false},
	{"仿宋", "FandolFang", false},
	{"FangSong", "FandolFang", false},
	{"黑体", "FandolHei", false},
	{"SimHei", "FandolHei", false},
	{"楷体_GB2312", "FandolKai", false},
	{"楷体", "FandolKai", false},
	{"KaiTi", "FandolKai", false},
	{"方正小标宋简体", "Noto Serif CJK SC", true},
	{"方正小标宋_GBK", "Noto Serif CJK SC", true},
	{"宋体", "Noto Serif CJK SC", false},
	{"SimSun", "Noto Serif CJK SC", false},
}

// WriteFontConfig writes dir/fonts.conf: the system configuration, the font
// folders fontDirs, a private cache and the aliases (strong bindings, so
// the alias wins over any other substitute). With includeSystem false the
// system fonts are left out (used to prove that embedded fonts are used).
// It returns the file's path, for the FONTCONFIG_FILE variable.
func WriteFontConfig(dir string, fontDirs []string, aliases []Alias, includeSystem bool) (string, error) {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n")
	if includeSystem {
		b.WriteString("  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n")
	}
	for _, d := range fontDirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "  <dir>%s</dir>\n", esc(abs))
	}
	fmt.Fprintf(&b, "  <cachedir>%s</cachedir>\n", esc(filepath.Join(dir, "fc-cache")))
	for _, a := range aliases {
		fmt.Fprintf(&b, "  <match target=\"pattern\"><test name=\"family\"><string>%s</string></test>"+
			"<edit name=\"family\" mode=\"assign\" binding=\"strong\"><string>%s</string></edit>", esc(a.Family), esc(a.Target))
		if a.Bold {
			b.WriteString("<edit name=\"weight\" mode=\"assign\" binding=\"strong\"><const>bold</const></edit>")
		}
		b.WriteString("</match>\n")
	}
	b.WriteString("</fontconfig>\n")
	p := filepath.Join(dir, "fonts.conf")
	return p, os.WriteFile(p, []byte(b.String()), 0o644)
}

func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// ErrNoTool is returned (wrapped) when soffice or pdftotext is missing.
var ErrNoTool = errors.New("tool not installed")

// Tools finds soffice and pdftotext.
func Tools() (soffice, pdftotext string, err error) {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, e := exec.LookPath(name); e == nil {
			soffice = p
			break
		}
	}
	if soffice == "" {
		return "", "", fmt.Errorf("soffice: %w", ErrNoTool)
	}
	pdftotext, e := exec.LookPath("pdftotext")
	if e != nil {
		return "", "", fmt.Errorf("pdftotext (poppler): %w", ErrNoTool)
	}
	return soffice, pdftotext, nil
}

// Convert converts files to PDF into outDir with one headless soffice run,
// using a private user installation under work (so it neither touches nor
// waits for the user's LibreOffice) and the fontconfig file fontsConf (if
// not empty). It checks that every PDF was written.
func Convert(ctx context.Context, files []string, outDir, work, fontsConf string) error {
	soffice, _, err := Tools()
	if err != nil {
		return err
	}
	profile, err := filepath.Abs(filepath.Join(work, "lo-profile"))
	if err != nil {
		return err
	}
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(profile),
		"--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", outDir}
	args = append(args, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "SAL_USE_VCLPLUGIN=svp")
	if fontsConf != "" {
		cmd.Env = append(cmd.Env, "FONTCONFIG_FILE="+fontsConf)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("soffice: %v\n%s", err, out)
	}
	var missing []string
	for _, f := range files {
		pdf := filepath.Join(outDir, strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))+".pdf")
		if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
			missing = append(missing, filepath.Base(f))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("soffice wrote no PDF for %s\n%s", strings.Join(missing, ", "), out)
	}
	return nil
}

// Page is one page of a PDF: its size and text lines (points, origin at
// the top left).
type Page struct {
	Width, Height float64
	Lines         []Line // visual lines, top to bottom
	Raw           []Word // words in the order the PDF draws them (pdftotext -raw)
}

// Line is a visual line of text: the words pdftotext found on one baseline,
// left to right.
type Line struct {
	Text                   string // words joined without spaces
	XMin, YMin, XMax, YMax float64
	Words                  []Word
}

// Word is one word box of pdftotext.
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// Lines reads the text lines of every page of a PDF. Words whose boxes
// share a baseline (within 1 pt) form one line even when pdftotext puts
// them into different blocks.
func Lines(pdf string) ([]Page, error) {
	_, pdftotext, err := Tools()
	if err != nil {
		return nil, err
	}
	out, err := exec.Command(pdftotext, "-bbox-layout", pdf, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext %s: %w", pdf, err)
	}
	pages, err := parseBBox(out)
	if err != nil {
		return nil, err
	}
	out, err = exec.Command(pdftotext, "-raw", "-bbox", pdf, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext -raw %s: %w", pdf, err)
	}
	raw, err := parseBBox(out)
	if err != nil {
		return nil, err
	}
	for i := range pages {
		if i < len(raw) {
			pages[i].Raw = raw[i].Raw
		}
	}
	return pages, nil
}

func parseBBox(data []byte) ([]Page, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var pages []Page
	var words []Word
	var cur *Word
	attr := func(se xml.StartElement, name string) float64 {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				f, _ := strconv.ParseFloat(a.Value, 64)
				return f
			}
		}
		return 0
	}
	flush := func() {
		if len(pages) > 0 {
			pages[len(pages)-1].Raw = append([]Word(nil), words...)
			pages[len(pages)-1].Lines = group(words)
		}
		words = nil
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				flush()
				pages = append(pages, Page{Width: attr(t, "width"), Height: attr(t, "height")})
			case "word":
				words = append(words, Word{XMin: attr(t, "xMin"), YMin: attr(t, "yMin"), XMax: attr(t, "xMax"), YMax: attr(t, "yMax")})
				cur = &words[len(words)-1]
			}
		case xml.CharData:
			if cur != nil {
				cur.Text += string(t)
			}
		case xml.EndElement:
			if t.Name.Local == "word" && cur != nil {
				cur.Text = strings.TrimSpace(cur.Text)
				cur = nil
			}
		}
	}
	flush()
	if len(pages) == 0 {
		return nil, errors.New("pdftotext: no pages")
	}
	return pages, nil
}

// group sorts words into lines: words whose bottom edges lie within 1 pt
// of the first word of a line belong to it; each line reads left to right.
func group(words []Word) []Line {
	sort.SliceStable(words, func(i, j int) bool { return words[i].YMax < words[j].YMax })
	var lines []Line
	for _, w := range words {
		if n := len(lines); n > 0 && w.YMax-lines[n-1].Words[0].YMax <= 1 {
			lines[n-1].Words = append(lines[n-1].Words, w)
			continue
		}
		lines = append(lines, Line{Words: []Word{w}})
	}
	for i := range lines {
		l := &lines[i]
		sort.SliceStable(l.Words, func(a, b int) bool { return l.Words[a].XMin < l.Words[b].XMin })
		var b strings.Builder
		l.XMin, l.YMin, l.XMax, l.YMax = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, w := range l.Words {
			b.WriteString(w.Text)
			l.XMin, l.YMin = math.Min(l.XMin, w.XMin), math.Min(l.YMin, w.YMin)
			l.XMax, l.YMax = math.Max(l.XMax, w.XMax), math.Max(l.YMax, w.YMax)
		}
		l.Text = b.String()
	}
	return lines
}

// Text is the text of the words of all pages that lie between top and
// bottom (points from the top of the page), in the order the PDF draws
// them, without white space: the body text without running footers.
func Text(pages []Page, top, bottom float64) string {
	var b strings.Builder
	for _, p := range pages {
		for _, l := range p.Raw {
			if l.YMin >= top-2 && l.YMax <= bottom+2 {
				b.WriteString(l.Text)
			}
		}
	}
	return strings.Join(strings.Fields(b.String()), "")
}
