package main

import (
	"fmt"

	"github.com/gongwen/gen/generator/build"
	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/lint"
	"github.com/gongwen/gen/generator/load"
	"github.com/spf13/cobra"
)

func newCheck() *cobra.Command {
	c := &cobra.Command{
		Use:   "check [flags] PATH...",
		Short: "检查数据文件：格式、占位符（xx）、半角标点（validate data files and lint placeholders）",
		Long: `检查数据文件是否符合格式，并列出遗留的占位符（xx、xxx、x.x、xx%、20xx、x月……）和中文之间的
半角标点，每处给出 文件:行:列；最后给出每个文件的计数。--strict 把占位符和半角标点也当作错误。
Checks data files; lists placeholders and half-width punctuation with file:line:column and a
count per file. With --strict they are errors (exit 1).`,
		Args: cobra.MinimumNArgs(1),
		RunE: runCheck,
	}
	c.Flags().Bool("strict", false, "占位符和半角标点视为错误（treat lint findings as errors）")
	c.Flags().Bool("summary", false, "只打印每个文件的计数（only the count per file）")
	return c
}

func runCheck(cmd *cobra.Command, args []string) error {
	cfg, err := loadConfig(cmd)
	if err != nil {
		return err
	}
	strict, _ := cmd.Flags().GetBool("strict")
	summary, _ := cmd.Flags().GetBool("summary")
	lang := cfg.lang()
	files, err := build.Expand(args)
	if err != nil {
		return usageErr(err)
	}
	failed, totalPH := 0, 0
	for _, path := range files {
		f, ds := load.ReadFileLimits(path, cfg.limits())
		if ds.HasErrors() {
			failed++
			fmt.Print(ds.Format(lang))
			if lang == "en" {
				fmt.Printf("%s: invalid\n", path)
			} else {
				fmt.Printf("%s: 无效\n", path)
			}
			continue
		}
		if f.Compilation != nil {
			if lang == "en" {
				fmt.Printf("%s: compilation manifest, %d include patterns\n", path, len(f.Compilation.Include))
			} else {
				fmt.Printf("%s: 汇编清单，收录 %d 项\n", path, len(f.Compilation.Include))
			}
			continue
		}
		ph, hw := 0, 0
		var all diag.List
		for _, r := range f.Reports {
			res := lint.Report(r)
			ph += res.Placeholders
			hw += res.HalfWidth
			all = append(all, res.Diags...)
		}
		if strict {
			for i := range all {
				all[i].Severity = diag.Error
			}
		}
		if !summary {
			fmt.Print(all.Format(lang))
		}
		totalPH += ph
		if lang == "en" {
			fmt.Printf("%s: %d placeholders, %d half-width punctuation marks\n", path, ph, hw)
		} else {
			fmt.Printf("%s: 占位符 %d 处，半角标点 %d 处\n", path, ph, hw)
		}
		if strict && ph+hw > 0 {
			failed++
		}
	}
	if failed > 0 {
		return &exitError{code: exitInput}
	}
	return nil
}
