package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/agnivade/levenshtein"
	"github.com/gongwen/gen/generator/build"
	"github.com/gongwen/gen/generator/load"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

const rootLong = `gen 把机关年度工作总结/计划的 YAML 数据文件排成符合 GB/T 9704-2012《党政机关公文格式》的
DOCX 和 PDF。
gen turns a work report written as YAML into DOCX and PDF in the official format.

  gen --agency 民政局 data.yaml          只生成民政局的报告
  gen examples/2023                     生成文件夹中的每一篇报告到 ./out
  gen check examples/2023               检查数据与占位符（xx）
  gen init --agency 民政局 --year 2024    写一个带注释的起始文件

路径可以是文件、文件夹或通配符；- 表示从标准输入读取一个数据文件
（PATH may be files, folders or globs; - reads one data file from standard input）。
--json 输出机器可读的结果，字段见 README（machine-readable result; fields in the README）。
配置（configuration）：当前文件夹的 gen.yaml 或 --config 指定的文件，以及 GEN_* 环境变量
（如 GEN_OUT=dist），优先级：命令行参数 > 环境变量 > gen.yaml > 默认值。

退出码（exit codes）:
  0  全部成功（all good）
  1  有输入未通过（some input failed; with check --strict also placeholders）
  2  用法或配置错误（usage or configuration error）`

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:           "gen [flags] PATH...",
		Short:         "把工作总结/计划数据排成公文格式的 DOCX 和 PDF（work reports to official-format DOCX and PDF）",
		Long:          rootLong,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.ArbitraryArgs,
		RunE:          runGenerate,
	}
	pf := root.PersistentFlags()
	pf.String("config", "", "配置文件（config file; default ./gen.yaml）")
	pf.String("lang", "", "消息语言 zh 或 en（message language; default from LANG）")
	f := root.Flags()
	f.String("agency", "", "只生成这个机关的报告（only this agency's reports）")
	f.StringP("out", "o", "out", "输出文件夹（output folder）")
	f.String("format", "docx,pdf", "输出格式：pdf、docx 或二者（output formats）")
	f.Bool("embed-fonts", false, "在 DOCX 中嵌入本项目的免费字体（embed the free fonts in the DOCX）")
	f.BoolP("quiet", "q", false, "只在出错时输出（print only failures）")
	f.Bool("json", false, "结束时输出机器可读的 JSON 汇总（machine-readable summary）")
	f.IntP("jobs", "j", 0, "并行数，默认等于 CPU 核数（parallel reports; default: cores）")
	f.String("template", "gongwen", "模板：内置名称（gongwen、gongwen-redhead）或文件夹（template name or folder）")
	f.Bool("compile", false, "汇编：把所有报告装订成一册 PDF 和 DOCX（bind all reports into one volume）")
	f.Bool("duplex", false, "汇编双面印刷：目录和每篇报告从奇数页开始（with --compile: start each report on an odd page）")
	f.Bool("keep-going", false, "汇编时略过有错误的文件（with --compile: leave out files that fail to load）")
	root.AddCommand(newCheck(), newInit(), newSchema(), newVersion(), newFonts())
	root.AddCommand(newImport())
	root.AddCommand(newServe())
	withVersion(root)
	return root
}

func runGenerate(cmd *cobra.Command, args []string) error {
	if compile, _ := cmd.Flags().GetBool("compile"); compile {
		return runCompile(cmd, args)
	}
	if len(args) == 0 {
		_ = cmd.Help()
		return usageErr(errors.New("请给出数据文件、文件夹或通配符（give at least one PATH）"))
	}
	if err := unknownCommand(cmd, args); err != nil {
		return err
	}
	inBackground(load.Prepare) // on the other core, while the configuration and the template load
	cfg, err := loadConfig(cmd)
	if err != nil {
		return err
	}
	if err := cfg.checkStamp(); err != nil {
		return err
	}
	if cfg.v.GetString("out") == "" {
		return usageErr(build.ErrEmptyOut)
	}
	formats, err := cfg.formats()
	if err != nil {
		return err
	}
	// The input files load on the other core while the template and the
	// fonts do (nothing is written before both are ready).
	pre := build.StartPreload(args, cfg.limits())
	exps, err := exporters(cfg, formats)
	if err != nil {
		return err
	}
	quiet, _ := cmd.Flags().GetBool("quiet")
	jsonOut, _ := cmd.Flags().GetBool("json")
	lang := cfg.lang()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	sum, err := build.Run(ctx, build.Options{
		Inputs:    args,
		Agency:    cfg.v.GetString("agency"),
		OutDir:    cfg.v.GetString("out"),
		Formats:   formats,
		Exporters: exps,
		Limits:    cfg.limits(),
		Lang:      lang,
		Workers:   cfg.v.GetInt("jobs"),
		Progress:  newProgress(quiet, jsonOut, lang),
		Preload:   pre,
	})
	if err != nil {
		if jsonOut {
			// Scripts get JSON on failure too.
			msg, code := build.ErrorText(err, lang)
			printJSON(map[string]any{"version": build.JSONVersion, "reports": []any{}, "error": msg, "error_code": code})
		}
		if errors.Is(err, build.ErrNotBuilt) || errors.Is(err, build.ErrEmptyOut) {
			return usageErr(err)
		}
		return inputErr(err)
	}
	if jsonOut {
		if err := printJSON(sum); err != nil {
			return err
		}
	} else if !quiet || sum.Failed > 0 {
		printSummary(sum, lang, isTerminal())
	}
	if sum.Failed > 0 || sum.Interrupted {
		return &exitError{code: exitInput}
	}
	return nil
}

// printSummary prints the count line, where the files went (each file on
// a terminal, where the progress bar has not listed them; the folder and
// the count elsewhere) and how to see the warnings.
func printSummary(sum build.Summary, lang string, terminal bool) {
	fmt.Println(msgIn(lang, "共 %d 篇：成功 %d，失败 %d，警告 %d 条", "%d reports: %d ok, %d failed, %d warnings",
		len(sum.Reports), sum.OK, sum.Failed, sum.Warnings))
	var files []string
	lintWarned := map[string]bool{}
	for _, o := range sum.Reports {
		files = append(files, o.Outputs...)
		if len(o.Lint) > 0 {
			lintWarned[o.Input] = true
		}
	}
	if len(files) > 0 {
		abs, err := filepath.Abs(sum.OutDir)
		if err != nil {
			abs = sum.OutDir
		}
		fmt.Println(msgIn(lang, "输出文件夹：%s（%d 个文件）", "output folder: %s (%d files)", abs, len(files)))
		if terminal && len(files) <= 40 {
			for _, f := range files {
				fmt.Println("  " + f)
			}
		}
	}
	if len(lintWarned) > 0 {
		var inputs []string
		for in := range lintWarned {
			inputs = append(inputs, in)
		}
		sort.Strings(inputs)
		hint := inputs[0]
		if len(inputs) > 1 {
			hint = strings.Join(inputs[:min(len(inputs), 3)], " ")
			if len(inputs) > 3 {
				hint += " …"
			}
		}
		fmt.Println(msgIn(lang, "查看警告（占位符、半角标点等）：gen check %s", "to see the warnings (placeholders, half-width punctuation …): gen check %s", hint))
	}
	if sum.Interrupted {
		fmt.Println(msgIn(lang, "已中断：%d 篇未生成", "interrupted: %d reports not generated", len(sum.Skipped)))
	}
}

// isTerminal reports whether stderr is a terminal (where the bar is drawn).
func isTerminal() bool { return term.IsTerminal(int(os.Stderr.Fd())) }

// unknownCommand catches a mistyped sub-command (gen chek): a single
// argument that is no file, folder or pattern and is close to a command's
// name is a usage error suggesting the command.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	a := args[0]
	lang := msgLang
	if l, _ := cmd.Flags().GetString("lang"); l != "" {
		lang = "zh"
		if strings.HasPrefix(l, "en") {
			lang = "en"
		}
	}
	if strings.ContainsAny(a, "./\\*?[") {
		return nil
	}
	if _, err := os.Stat(a); err == nil {
		return nil
	}
	for _, c := range cmd.Commands() {
		for _, name := range append([]string{c.Name()}, c.Aliases...) {
			if d := levenshtein.ComputeDistance(a, name); d > 0 && d <= 2 && len(a) >= 3 {
				return usageErr(fmt.Errorf("%s", msgIn(lang, "没有 %q 这个文件，也没有这个命令：是否想写 gen %s？（gen --help 列出全部命令）",
					"there is no file %q and no such command: did you mean gen %s? (gen --help lists the commands)", a, name)))
			}
		}
	}
	return nil
}
