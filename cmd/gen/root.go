package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/gongwen/gen/generator/build"
	"github.com/spf13/cobra"
)

const rootLong = `gen 把机关年度工作总结/计划的 YAML 数据文件排成符合 GB/T 9704-2012《党政机关公文格式》的
DOCX 和 PDF。
gen turns a work report written as YAML into DOCX and PDF in the official format.

  gen --agency 民政局 data.yaml          只生成民政局的报告
  gen examples/2023                     生成文件夹中的每一篇报告到 ./out
  gen check examples/2023               检查数据与占位符（xx）
  gen init --agency 民政局 --year 2024    写一个带注释的起始文件

路径可以是文件、文件夹或通配符（PATH may be files, folders or globs）。
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
	root.AddCommand(newCheck(), newInit(), newSchema(), newVersion(), newFonts(), newServe())
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
	cfg, err := loadConfig(cmd)
	if err != nil {
		return err
	}
	formats, err := cfg.formats()
	if err != nil {
		return err
	}
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
	})
	if err != nil {
		if errors.Is(err, build.ErrNotBuilt) {
			return usageErr(err)
		}
		return inputErr(err)
	}
	if jsonOut {
		enc := json.NewEncoder(os.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return err
		}
	} else if !quiet || sum.Failed > 0 {
		printSummary(sum, lang)
	}
	if sum.Failed > 0 || sum.Interrupted {
		return &exitError{code: exitInput}
	}
	return nil
}

func printSummary(sum build.Summary, lang string) {
	if lang == "en" {
		fmt.Printf("%d reports: %d ok, %d failed, %d warnings\n", len(sum.Reports), sum.OK, sum.Failed, sum.Warnings)
		if sum.Interrupted {
			fmt.Printf("interrupted: %d reports not generated\n", len(sum.Skipped))
		}
		return
	}
	fmt.Printf("共 %d 篇：成功 %d，失败 %d，警告 %d 条\n", len(sum.Reports), sum.OK, sum.Failed, sum.Warnings)
	if sum.Interrupted {
		fmt.Printf("已中断：%d 篇未生成\n", len(sum.Skipped))
	}
}
