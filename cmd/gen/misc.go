package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/template"

	"github.com/gongwen/gen/generator/build"
	"github.com/gongwen/gen/schema"
	"github.com/spf13/cobra"
)

// SchemaFile is the name of the schema file gen init and gen schema -o put
// next to the data files; the starter's first line points at it with a
// relative path, so that editors with the YAML language server find it
// offline.
const SchemaFile = "report.schema.json"

func newSchema() *cobra.Command {
	c := &cobra.Command{
		Use:   "schema [-o FILE]",
		Short: "打印或写出数据文件的 JSON Schema（print or write the data format's JSON Schema）",
		Long: `打印数据文件的 JSON Schema；-o 把它写到文件（如数据文件旁的 ` + SchemaFile + `），
编辑器（VS Code 的 YAML 插件等）凭首行的 # yaml-language-server: $schema=` + SchemaFile + ` 离线提示和补全。
Prints the JSON Schema, or writes it with -o next to the data files for editors.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out, _ := cmd.Flags().GetString("output")
			if out == "" || out == "-" {
				_, err := cmd.OutOrStdout().Write(schema.ReportJSON)
				return err
			}
			if st, err := os.Stat(out); err == nil && st.IsDir() {
				out = filepath.Join(out, SchemaFile)
			}
			if err := writeSchema(out); err != nil {
				return inputErr(err)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "%s\n", msgIn(msgLang, "已写入 %s", "written: %s", out))
			return nil
		},
	}
	c.Flags().StringP("output", "o", "", "写入的文件或文件夹；不写则打印（file or folder to write; default stdout）")
	return c
}

// writeSchema writes the schema to path, unless the file there holds it
// already.
func writeSchema(path string) error {
	if b, err := os.ReadFile(path); err == nil && bytes.Equal(b, schema.ReportJSON) {
		return nil
	}
	return build.WriteAtomic(path, func(w io.Writer) error {
		_, err := w.Write(schema.ReportJSON)
		return err
	})
}

var starter = template.Must(template.New("starter").Parse(`# yaml-language-server: $schema=` + SchemaFile + `
# {{.Agency}}{{.Year}}年工作总结及{{.Plan}}年工作计划的数据文件。
# 写好后运行：gen check 本文件（检查），gen 本文件（生成 DOCX 和 PDF）。
{{- if .Stdout}}
# 编辑器提示需要旁边的 ` + SchemaFile + `：运行 gen schema -o ` + SchemaFile + ` 写出它。
{{- end}}
# 只写文字；字体、编号、缩进、页码由程序按 GB/T 9704-2012 排好。

# 必填：机关简称
agency: {{.Agency}}
# 发文机关全称（署名）
issuer: xx市xx区{{.Agency}}
year: {{.Year}}                  # 必填：总结的年度
# plan_year: {{.Plan}}           # 计划年度，默认 year+1
# kind: summary_plan          # summary（只有总结）| plan（只有计划）| summary_plan
# title: ……                   # 默认：{{.Agency}}{{.Year}}年工作总结及{{.Plan}}年工作计划
# recipient: 区委、区政府        # 主送机关（可选）

intro: |
  {{.Year}}年，在区委、区政府的坚强领导下，我局……（开头段落；段与段之间空一行）

sections:
  # 一级标题，编号“一、”自动生成（不要手写编号）
  - heading: {{.Year}}年工作成效
    items:
      # 二级标题（一），与下面的正文同行
      - heading: xx工作扎实推进
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
# 署名
signature: xx市xx区{{.Agency}}
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
			data := map[string]any{"Agency": agency, "Year": year, "Plan": year + 1, "Stdout": out == "" || out == "-"}
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
			// The schema the first line points at, next to the file.
			sp := filepath.Join(filepath.Dir(out), SchemaFile)
			if err := writeSchema(sp); err != nil {
				return inputErr(err)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "已写入 %s 和 %s（written）\n", out, sp)
			return nil
		},
	}
	c.Flags().String("agency", "", "机关简称（agency short name）")
	c.Flags().Int("year", 0, "总结的年度（year summarised）")
	c.Flags().StringP("output", "o", "", "写入的文件；不写则打印（file to write; default stdout）")
	c.Flags().Bool("force", false, "覆盖已有文件（overwrite）")
	return c
}
