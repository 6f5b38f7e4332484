package main

import (
	"errors"
	"fmt"
	"os"
	"text/template"

	"github.com/gongwen/gen/schema"
	"github.com/spf13/cobra"
)

func newSchema() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "打印数据文件的 JSON Schema（print the data format's JSON Schema）",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			cmd.OutOrStdout().Write(schema.ReportJSON)
		},
	}
}

var starter = template.Must(template.New("starter").Parse(`# yaml-language-server: $schema=https://github.com/gongwen/gen/schema/report.schema.json
# {{.Agency}}{{.Year}}年工作总结及{{.Plan}}年工作计划的数据文件。
# 写好后运行：gen check 本文件（检查），gen 本文件（生成 DOCX 和 PDF）。
# 只写文字；字体、编号、缩进、页码由程序按 GB/T 9704-2012 排好。

agency: {{.Agency}}              # 必填：机关简称
issuer: xx市xx区{{.Agency}}        # 发文机关全称（署名）
year: {{.Year}}                  # 必填：总结的年度
# plan_year: {{.Plan}}           # 计划年度，默认 year+1
# kind: summary_plan          # summary（只有总结）| plan（只有计划）| summary_plan
# title: ……                   # 默认：{{.Agency}}{{.Year}}年工作总结及{{.Plan}}年工作计划
# recipient: 区委、区政府        # 主送机关（可选）

intro: |
  {{.Year}}年，在区委、区政府的坚强领导下，我局……（开头段落；段与段之间空一行）

sections:
  - heading: {{.Year}}年工作成效          # 一级标题，编号“一、”自动生成
    items:
      - heading: xx工作扎实推进          # 二级标题（一），与下面的正文同行
        text: 全年完成xx项……
      - heading: xx水平持续提升
        lead: 主要做了以下工作：
        points:                         # 印成“一是……。二是……。”
          - 完善制度xx项
          - 开展培训xx次
  - heading: 存在的问题
    text: 一是……
  - heading: {{.Plan}}年工作计划
    items:
      - heading: 抓好xx工作
        text: ……

# closing: |                  # 结尾段落（可选）
#   ……
signature: xx市xx区{{.Agency}}     # 署名
# date: {{.Plan}}-01-10           # 成文日期，印成“{{.Plan}}年1月10日”
# attachments: [ {{.Year}}年xx完成情况表 ]
`))

func newInit() *cobra.Command {
	c := &cobra.Command{
		Use:   "init --agency 机关 --year 年度 [-o 文件]",
		Short: "写一个带注释的起始数据文件（write a commented starter file）",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			agency, _ := cmd.Flags().GetString("agency")
			year, _ := cmd.Flags().GetInt("year")
			out, _ := cmd.Flags().GetString("output")
			force, _ := cmd.Flags().GetBool("force")
			if agency == "" {
				return usageErr(errors.New("请用 --agency 给出机关简称，如 --agency 民政局（--agency is required）"))
			}
			if year < 1949 || year > 2100 {
				return usageErr(fmt.Errorf("--year 应在 1949–2100 之间，现为 %d（--year out of range）", year))
			}
			data := map[string]any{"Agency": agency, "Year": year, "Plan": year + 1}
			if out == "" || out == "-" {
				return starter.Execute(cmd.OutOrStdout(), data)
			}
			flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
			if force {
				flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			}
			f, err := os.OpenFile(out, flags, 0o644)
			if err != nil {
				if errors.Is(err, os.ErrExist) {
					return usageErr(fmt.Errorf("%s 已存在，未覆盖；要覆盖请加 --force（file exists）", out))
				}
				return usageErr(err)
			}
			if err := starter.Execute(f, data); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "已写入 %s（written）\n", out)
			return nil
		},
	}
	c.Flags().String("agency", "", "机关简称（agency short name）")
	c.Flags().Int("year", 0, "总结的年度（year summarised）")
	c.Flags().StringP("output", "o", "", "写入的文件；不写则打印（file to write; default stdout）")
	c.Flags().Bool("force", false, "覆盖已有文件（overwrite）")
	return c
}
