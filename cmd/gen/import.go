package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gongwen/gen/generator/build"
	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/importer"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
	"github.com/spf13/cobra"
)

func newImport() *cobra.Command {
	c := &cobra.Command{
		Use:   "import FILE... [-o FILE|DIR|-]",
		Short: "把 Word（.docx）、文本（.txt）或 Markdown（.md）报告转成数据文件（import reports into data files）",
		Long: `把机关自己的 Word 文档（.docx）、文本文件（.txt，UTF-8 或记事本保存的 GBK/GB18030）或 Markdown（.md）
转成符合 schema/report.schema.json 的 YAML 数据文件：识别标题、主送机关、一、（一）1.（1）各级标题
（也包括 Word 自动编号和标题样式）、一是……二是……、表格、附件、署名和日期，去掉标题中手打的编号
（gen 会重新编号）。无法对应的段落放进上一块的正文并给出位置。一个汇编 DOCX 导入为每篇一个文件。

Imports .docx, .txt and .md reports into data files: one per report, next to the input unless
-o names a file (all reports in it), a folder, or - (standard output). Nothing is overwritten
without --force. Positions in a DOCX are paragraph numbers (file.docx:12:1 = paragraph 12).`,
		Args: cobra.MinimumNArgs(1),
		RunE: runImport,
	}
	c.Flags().StringP("output", "o", "", "写入的文件或文件夹，- 为标准输出；默认写在输入文件旁（file, folder or - for stdout）")
	c.Flags().Bool("force", false, "覆盖已有文件（overwrite existing files）")
	c.Flags().String("agency", "", "机关简称，代替从标题猜出的（agency, instead of the one guessed from the title）")
	c.Flags().Int("year", 0, "总结的年度，代替从标题猜出的（year, instead of the one guessed from the title）")
	return c
}

// importInputs expands folders into the .docx, .txt and .md files in them.
func importInputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			matches, _ := filepath.Glob(a)
			if len(matches) == 0 {
				return nil, fmt.Errorf("找不到 %s（no such file）", a)
			}
			out = append(out, matches...)
			continue
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, err
		}
		var found []string
		for _, e := range entries {
			if !e.IsDir() && importer.Supported(e.Name()) && !strings.HasPrefix(e.Name(), "~$") {
				found = append(found, filepath.Join(a, e.Name()))
			}
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s 中没有 .docx、.txt 或 .md 文件（no files to import）", a)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

func runImport(cmd *cobra.Command, args []string) error {
	cfg, err := loadConfig(cmd)
	if err != nil {
		return err
	}
	lang := cfg.lang()
	out, _ := cmd.Flags().GetString("output")
	force, _ := cmd.Flags().GetBool("force")
	agency, _ := cmd.Flags().GetString("agency")
	year, _ := cmd.Flags().GetInt("year")
	if year != 0 && (year < 1949 || year > 2100) {
		return usageErr(fmt.Errorf("--year 应在 1949–2100 之间，现为 %d（--year out of range）", year))
	}
	inputs, err := importInputs(args)
	if err != nil {
		return usageErr(err)
	}
	toDir := ""
	if out != "" && out != "-" {
		if st, err := os.Stat(out); err == nil && st.IsDir() || strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(os.PathSeparator)) {
			toDir = out
			if err := os.MkdirAll(toDir, 0o755); err != nil {
				return usageErr(err)
			}
		} else if len(inputs) > 1 {
			return usageErr(fmt.Errorf("-o %s 是一个文件，但要导入 %d 个文件：请用 -o 文件夹/（-o names a file but there are several inputs; give a folder）", out, len(inputs)))
		}
	}
	lim := cfg.limits()
	opt := importer.Options{Agency: agency, Year: year, MaxChars: lim.MaxChars, MaxParagraphs: lim.MaxParagraphs}
	stderr := cmd.ErrOrStderr()
	failed := 0
	var namer build.Namer
	for _, in := range inputs {
		reports, ds := importFile(in, lim, opt)
		fmt.Fprint(stderr, ds.Format(lang))
		if ds.HasErrors() {
			failed++
			continue
		}
		groups := [][]*model.Report{reports}
		var names []string
		switch {
		case out == "-":
		case out != "" && toDir == "":
			names = []string{out}
		default:
			dir := toDir
			if dir == "" {
				dir = filepath.Dir(in)
			}
			stem := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
			if len(reports) == 1 {
				names = []string{filepath.Join(dir, namer.Name(build.SafeName(stem))+".yaml")}
			} else {
				groups = nil
				// A volume: one file per report, numbered in volume order.
				for k, r := range reports {
					groups = append(groups, []*model.Report{r})
					names = append(names, filepath.Join(dir, namer.Name(build.SafeName(fmt.Sprintf("%02d-%s", k+1, r.Agency.Value)))+".yaml"))
				}
			}
		}
		for i, g := range groups {
			data := importer.WriteYAML(g, filepath.Base(in))
			// The data file is the contract: check it loads before writing.
			if _, lds := load.Parse(in+".yaml", data, lim); lds.HasErrors() {
				fmt.Fprintln(stderr, importer.Internal(in, lds).Format(lang))
				failed++
				continue
			}
			if out == "-" {
				if i > 0 || in != inputs[0] {
					io.WriteString(cmd.OutOrStdout(), "---\n")
				}
				cmd.OutOrStdout().Write(data)
				continue
			}
			if err := writeNew(names[i], data, force, lang); err != nil {
				fmt.Fprintln(stderr, err)
				failed++
				continue
			}
			// The schema the first line points at, next to the file.
			if err := writeSchema(filepath.Join(filepath.Dir(names[i]), SchemaFile)); err != nil {
				fmt.Fprintln(stderr, err)
				failed++
				continue
			}
			if len(groups) > 1 { // a volume: the warnings are counted once below
				fmt.Fprintf(stderr, "%s → %s\n", in, names[i])
				continue
			}
			_, warnings := ds.Count()
			if lang == "en" {
				fmt.Fprintf(stderr, "%s → %s (%d reports, %d warnings)\n", in, names[i], len(g), warnings)
			} else {
				fmt.Fprintf(stderr, "%s → %s（%d 篇，警告 %d 条）\n", in, names[i], len(g), warnings)
			}
		}
		if len(groups) > 1 {
			_, warnings := ds.Count()
			if lang == "en" {
				fmt.Fprintf(stderr, "%s: %d reports, %d warnings\n", in, len(groups), warnings)
			} else {
				fmt.Fprintf(stderr, "%s：共 %d 篇，警告 %d 条\n", in, len(groups), warnings)
			}
		}
	}
	if failed > 0 {
		return &exitError{code: exitInput}
	}
	return nil
}

// importFile imports one input within the size limit of a data file.
func importFile(path string, lim load.Limits, opt importer.Options) ([]*model.Report, diag.List) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, diag.List{diag.New(model.Pos{File: path}, "read-file", err)}
	}
	if lim.MaxBytes > 0 && st.Size() > lim.MaxBytes {
		return nil, diag.List{diag.New(model.Pos{File: path}, "too-large", st.Size(), lim.MaxBytes)}
	}
	return importer.ImportFile(path, opt)
}

// writeNew writes data to path through a temporary file; an existing file
// is replaced only with force.
func writeNew(path string, data []byte, force bool, lang string) error {
	if _, err := os.Stat(path); err == nil && !force {
		return errors.New(diag.Diagnostic{Pos: model.Pos{File: path}, ZH: "文件已存在，未覆盖：要覆盖请加 --force", EN: "the file exists and was not overwritten: add --force to replace it"}.Format(lang))
	}
	return build.WriteAtomic(path, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(data))
		return err
	})
}
