package tmpl

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/gongwen/gen/templates"
	"github.com/spf13/viper"
)

// LayoutFile is the name of a template's layout file.
const LayoutFile = "layout.yaml"

// Template is a loaded template: its files and its resolved layout.
type Template struct {
	Name   string // built-in name or the folder given by the user
	FS     fs.FS  // the template's own files
	Parent *Template
	Layout Layout

	settings map[string]any
}

// Load finds a template by built-in name or folder path, reads its layout
// (following `extends`), applies overrides (a nested map as found under
// `layout:` in gen.yaml) and checks the result.
func Load(nameOrDir string, overrides map[string]any) (*Template, error) {
	if nameOrDir == "" {
		nameOrDir = "gongwen"
	}
	t, err := open(nameOrDir, 0)
	if err != nil {
		return nil, err
	}
	if len(overrides) > 0 {
		v := viper.New()
		if err := v.MergeConfigMap(t.raw()); err != nil {
			return nil, err
		}
		if err := v.MergeConfigMap(overrides); err != nil {
			return nil, fmt.Errorf("gen.yaml 的 layout 设置无法合并（cannot merge layout overrides）: %w", err)
		}
		var l Layout
		if err := v.Unmarshal(&l); err != nil {
			return nil, fmt.Errorf("gen.yaml 的 layout 设置有误（bad layout override）: %w", err)
		}
		t.Layout = l
	}
	if err := t.Layout.Check(); err != nil {
		return nil, fmt.Errorf("模板 %s：%w", t.Name, err)
	}
	return t, nil
}

// raw keeps the merged settings map of the template for overriding.
func (t *Template) raw() map[string]any { return t.settings }

func open(nameOrDir string, depth int) (*Template, error) {
	if depth > 4 {
		return nil, fmt.Errorf("模板 %s 的 extends 嵌套过深（template extends too deep）", nameOrDir)
	}
	var fsys fs.FS
	name := nameOrDir
	if isBuiltin(nameOrDir) {
		sub, err := fs.Sub(templates.FS, nameOrDir)
		if err != nil {
			return nil, err
		}
		fsys = sub
	} else {
		st, err := os.Stat(nameOrDir)
		if err != nil {
			return nil, fmt.Errorf("找不到模板 %q：既不是内置模板（%s），也不是文件夹（template not found）", nameOrDir, strings.Join(templates.Names, "、"))
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("模板 %q 不是文件夹；--template 需要一个含 layout.yaml 的文件夹（template must be a folder）", nameOrDir)
		}
		if err := checkNoEscapingLinks(nameOrDir); err != nil {
			return nil, err
		}
		fsys = os.DirFS(nameOrDir)
	}
	data, err := ReadPart(fsys, LayoutFile)
	if err != nil {
		return nil, fmt.Errorf("模板 %s 缺少 %s（template has no layout file）", name, LayoutFile)
	}
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("%s：%s 不是有效的 YAML（invalid YAML）: %v", filepath.Join(name, LayoutFile), LayoutFile, err)
	}
	t := &Template{Name: name, FS: fsys}
	if parent := v.GetString("extends"); parent != "" {
		p, err := open(parent, depth+1)
		if err != nil {
			return nil, fmt.Errorf("模板 %s 继承的 %s：%w", name, parent, err)
		}
		t.Parent = p
		pv := viper.New()
		if err := pv.MergeConfigMap(p.settings); err != nil {
			return nil, err
		}
		if err := pv.MergeConfigMap(v.AllSettings()); err != nil {
			return nil, err
		}
		v = pv
	}
	t.settings = v.AllSettings()
	if err := v.UnmarshalExact(&t.Layout); err != nil {
		return nil, fmt.Errorf("%s：%s 有未知或类型错误的设置（unknown or mistyped setting）: %v", name, LayoutFile, err)
	}
	return t, nil
}

func isBuiltin(name string) bool {
	for _, n := range templates.Names {
		if n == name {
			return true
		}
	}
	return false
}

// checkNoEscapingLinks refuses a template folder with symbolic links that
// point outside it: a template from elsewhere must not read other files.
func checkNoEscapingLinks(dir string) error {
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	root, _ = filepath.Abs(root)
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		target, err := filepath.EvalSymlinks(p)
		if err != nil {
			return fmt.Errorf("模板文件 %s 是失效的链接（broken link）", p)
		}
		target, _ = filepath.Abs(target)
		if target != root && !strings.HasPrefix(target, root+string(filepath.Separator)) {
			return fmt.Errorf("模板文件 %s 链接到模板文件夹之外的 %s，已拒绝（link outside the template folder refused）", p, target)
		}
		return nil
	})
}

// Check reports every impossible value of a layout: values that are not
// finite numbers or lie outside a sane range (a page of 2 m, a body size of
// 1e300, a line pitch of 100000 pt), each with its key as written under
// layout: in gen.yaml.
func (l *Layout) Check() error {
	var errs []error
	between := func(name string, v, lo, hi float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < lo || v > hi {
			errs = append(errs, fmt.Errorf("%s（gen.yaml 中的 layout.%s）应在 %v 到 %v 之间，现为 %v（out of range）", name, name, lo, hi, v))
		}
	}
	betweenInt := func(name string, v, lo, hi int) {
		if v < lo || v > hi {
			errs = append(errs, fmt.Errorf("%s（gen.yaml 中的 layout.%s）应在 %d 到 %d 之间，现为 %d（out of range）", name, name, lo, hi, v))
		}
	}
	between("page.width_mm", l.Page.WidthMM, 50, 2000)
	between("page.height_mm", l.Page.HeightMM, 50, 2000)
	between("page.top_mm", l.Page.TopMM, 0, 1000)
	between("page.left_mm", l.Page.LeftMM, 0, 1000)
	between("page.text_width_mm", l.Page.TextWidthMM, 0, 2000)
	between("page.text_height_mm", l.Page.TextHeightMM, 0, 2000)
	between("sizes.body", l.Sizes.Body, 4, 72)
	between("sizes.title", l.Sizes.Title, 4, 144)
	between("sizes.table", l.Sizes.Table, 4, 72)
	between("sizes.page_number", l.Sizes.PageNumber, 4, 72)
	between("grid.line_pitch_pt", l.Grid.LinePitchPt, 0, 144)
	between("body.synthetic_bold_pt", l.Body.SyntheticBoldPt, 0, 5)
	between("page_number.offset_mm", l.PageNumber.OffsetMM, 0, 100)
	between("table.rule_pt", l.Table.RulePt, 0, 20)
	between("table.cell_pad_mm", l.Table.CellPadMM, 0, 50)
	between("table.line_spacing", l.Table.LineSpacing, 0, 10)
	between("redhead.size", l.RedHead.Size, 0, 200)
	between("redhead.top_mm", l.RedHead.TopMM, 0, 1000)
	between("redhead.rule_gap_mm", l.RedHead.RuleGapMM, 0, 200)
	between("redhead.rule_pt", l.RedHead.RulePt, 0, 20)
	betweenInt("title.blank_lines_after", l.Title.BlankLinesAfter, 0, 20)
	betweenInt("title.max_chars_per_line", l.Title.MaxCharsPerLine, 0, 100)
	betweenInt("body.indent_chars", l.Body.IndentChars, 0, 20)
	betweenInt("signature.blank_lines_before", l.Signature.BlankLinesBefore, 0, 20)
	betweenInt("signature.right_chars", l.Signature.RightChars, 0, 100)
	betweenInt("signature.date_shift_chars", l.Signature.DateShiftChars, -100, 100)
	betweenInt("signature.carry_lines", l.Signature.CarryLines, 0, 5)
	betweenInt("attachment.blank_lines_before", l.Attachment.BlankLinesBefore, 0, 20)
	betweenInt("page_number.inset_chars", l.PageNumber.InsetChars, 0, 20)
	betweenInt("redhead.blank_lines_after", l.RedHead.BlankLinesAfter, 0, 20)
	if len(errs) > 0 {
		return errors.Join(errs...) // the arithmetic below needs finite values
	}
	if l.Grid.LinePitchPt > l.Page.TextHeightMM*PtPerMM/2 {
		errs = append(errs, fmt.Errorf("grid.line_pitch_pt（gen.yaml 中的 layout.grid.line_pitch_pt）为 %v pt，版心高 %.1f pt 放不下两行（line pitch too large for the text block）", l.Grid.LinePitchPt, l.Page.TextHeightMM*PtPerMM))
	}
	pos := func(name string, v float64) {
		if !(v > 0) {
			errs = append(errs, fmt.Errorf("%s 必须大于 0（must be positive），现为 %v", name, v))
		}
	}
	pos("page.width_mm", l.Page.WidthMM)
	pos("page.height_mm", l.Page.HeightMM)
	pos("page.text_width_mm", l.Page.TextWidthMM)
	pos("page.text_height_mm", l.Page.TextHeightMM)
	pos("sizes.body", l.Sizes.Body)
	pos("sizes.title", l.Sizes.Title)
	pos("sizes.table", l.Sizes.Table)
	pos("sizes.page_number", l.Sizes.PageNumber)
	if l.Page.LeftMM < 0 || l.Page.LeftMM+l.Page.TextWidthMM > l.Page.WidthMM {
		errs = append(errs, fmt.Errorf("page.left_mm + page.text_width_mm（%v + %v）超出纸宽 %v mm（text block wider than the paper）", l.Page.LeftMM, l.Page.TextWidthMM, l.Page.WidthMM))
	}
	if l.Page.TopMM < 0 || l.Page.TopMM+l.Page.TextHeightMM > l.Page.HeightMM {
		errs = append(errs, fmt.Errorf("page.top_mm + page.text_height_mm（%v + %v）超出纸高 %v mm（text block taller than the paper）", l.Page.TopMM, l.Page.TextHeightMM, l.Page.HeightMM))
	}
	if l.Grid.Lines < 1 || l.Grid.Lines > 100 {
		errs = append(errs, fmt.Errorf("grid.lines 应在 1 到 100 之间（out of range），现为 %d", l.Grid.Lines))
	}
	if l.Grid.Chars < 1 || l.Grid.Chars > 100 {
		errs = append(errs, fmt.Errorf("grid.chars 应在 1 到 100 之间（out of range），现为 %d", l.Grid.Chars))
	}
	if l.Grid.LinePitchPt < 0 || (l.Grid.LinePitchPt > 0 && l.Grid.LinePitchPt < l.Sizes.Body) {
		errs = append(errs, fmt.Errorf("grid.line_pitch_pt（%v）不能小于正文字号 %v（line pitch below body size）", l.Grid.LinePitchPt, l.Sizes.Body))
	}
	for _, role := range []string{"title", "body", "heading1", "heading2", "pagenum", "fallback"} {
		if f, ok := l.Fonts[role]; !ok || f.PDF == "" {
			errs = append(errs, fmt.Errorf("fonts.%s 缺少 pdf 字体文件（missing font for role %s）", role, role))
		}
	}
	if !strings.Contains(l.PageNumber.Format, "%d") {
		errs = append(errs, fmt.Errorf("page_number.format 必须含 %%d（must contain %%d），现为 %q", l.PageNumber.Format))
	}
	return errors.Join(errs...)
}
