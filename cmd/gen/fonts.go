package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/gongwen/gen/generator/build"
	"github.com/gongwen/gen/generator/lint"
	"github.com/gongwen/gen/generator/load"
	"github.com/spf13/cobra"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func newFonts() *cobra.Command {
	c := &cobra.Command{
		Use:   "fonts [PATH...]",
		Short: "显示各角色所用的字体文件及其覆盖情况（show the font of each role and its coverage）",
		Long: `列出模板中每个角色（标题、正文、一级标题、二级标题、页码、后备）所用的字体文件、
字形数和 GB2312 汉字覆盖；给出数据文件时，再列出哪些字符在所有字体中都没有（会印成方框）及其位置。
Lists the font file of every role, its glyph coverage of the 6,763 GB2312 hanzi, and, given data
files, the characters no font has (they would print as boxes) with their positions.`,
		RunE: runFonts,
	}
	c.Flags().String("template", "gongwen", "模板（template）")
	return c
}

// gb2312Hanzi lists the 6,763 hanzi of GB2312 (rows 16–87).
func gb2312Hanzi() []rune {
	dec := simplifiedchinese.GBK.NewDecoder()
	var out []rune
	for hi := 0xB0; hi <= 0xF7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			if hi == 0xD7 && lo > 0xF9 {
				continue // row 55 ends at D7F9
			}
			s, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if err == nil {
				out = append(out, []rune(string(s))...)
			}
		}
	}
	return out
}

func runFonts(cmd *cobra.Command, args []string) error {
	cfg, err := loadConfig(cmd)
	if err != nil {
		return err
	}
	e, err := newEnv(cfg)
	if err != nil {
		return err
	}
	set := e.fonts
	lang := cfg.lang()
	hanzi := gb2312Hanzi()
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	if lang == "en" {
		fmt.Fprintln(w, "role\tfamily (DOCX)\tfile (PDF)\tGB2312 hanzi")
	} else {
		fmt.Fprintln(w, "角色\t字体名（DOCX）\t字体文件（PDF）\tGB2312 汉字")
	}
	roles := set.Roles()
	for _, role := range roles {
		f := set.Face(role)
		if f == nil {
			continue
		}
		family := e.tpl.Layout.Fonts[role].Family
		missing := len(f.Coverage(hanzi))
		fmt.Fprintf(w, "%s\t%s\t%s\t%d/%d\n", role, family, f.Source, len(hanzi)-missing, len(hanzi))
	}
	w.Flush()
	if len(args) == 0 {
		return nil
	}
	files, err := build.Expand(args)
	if err != nil {
		return usageErr(err)
	}
	boxes := 0
	for _, path := range files {
		f, ds := load.ReadFileLimits(path, cfg.limits())
		if ds.HasErrors() {
			fmt.Print(ds.Format(lang))
			continue
		}
		for _, r := range f.Reports {
			seen := map[rune]bool{}
			var lines []string
			for _, t := range lint.Texts(r) {
				for off, ch := range t.Value {
					if ch <= ' ' || seen[ch] {
						continue
					}
					if _, ok := set.Resolve("body", ch); !ok {
						seen[ch] = true
						boxes++
						lines = append(lines, fmt.Sprintf("%s: %q U+%04X", t.Locate(off), string(ch), ch))
					}
				}
			}
			sort.Strings(lines)
			if len(lines) > 0 {
				fmt.Println(strings.Join(lines, "\n"))
			}
		}
	}
	if lang == "en" {
		fmt.Printf("%d characters no font has\n", boxes)
	} else {
		fmt.Printf("所有字体都没有的字符：%d 个\n", boxes)
	}
	return nil
}
