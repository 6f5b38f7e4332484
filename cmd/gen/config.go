package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/internal/stamp"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// config is the resolved configuration: flags over GEN_* environment
// variables over gen.yaml over defaults (viper's precedence).
type config struct {
	v *viper.Viper
}

// loadConfig reads gen.yaml (current folder, or --config) and binds flags
// and GEN_* variables.
func loadConfig(cmd *cobra.Command) (*config, error) {
	v := viper.New()
	v.SetEnvPrefix("GEN")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_", "-", "_"))
	v.AutomaticEnv()
	v.SetDefault("out", "out")
	v.SetDefault("format", "docx,pdf")
	v.SetDefault("template", "gongwen")
	v.SetDefault("limits.max_bytes", load.DefaultLimits.MaxBytes)
	v.SetDefault("limits.max_nodes", load.DefaultLimits.MaxNodes)
	v.SetDefault("limits.max_depth", load.DefaultLimits.MaxDepth)
	v.SetDefault("limits.max_chars", load.DefaultLimits.MaxChars)
	v.SetDefault("limits.max_paragraphs", load.DefaultLimits.MaxParagraphs)
	path, _ := cmd.Flags().GetString("config")
	if path == "" {
		path = os.Getenv("GEN_CONFIG")
	}
	v.SetConfigType("yaml")
	if path == "" {
		// Only gen.yaml or gen.yml in the current folder; never a file
		// merely named "gen" (such as the binary itself).
		for _, name := range []string{"gen.yaml", "gen.yml"} {
			if st, err := os.Stat(name); err == nil && !st.IsDir() {
				path = name
				break
			}
		}
	}
	if path != "" {
		if err := readConfig(v, path); err != nil {
			return nil, err
		}
	}
	for _, name := range []string{"agency", "out", "format", "template", "lang", "strict", "embed-fonts", "jobs"} {
		if f := cmd.Flags().Lookup(name); f != nil {
			key := strings.ReplaceAll(name, "-", "_")
			if err := v.BindPFlag(key, f); err != nil {
				return nil, usageErr(err)
			}
		}
	}
	c := &config{v: v}
	if l := v.GetString("lang"); l != "" && !strings.HasPrefix(l, "en") && !strings.HasPrefix(l, "zh") {
		return nil, usageErr(fmt.Errorf("--lang 只能是 zh（中文）或 en（English），不认识 %q（--lang must be zh or en）", l))
	}
	msgLang = c.lang()
	if err := c.checkLimits(); err != nil {
		return nil, err
	}
	if err := c.checkFonts(); err != nil {
		return nil, err
	}
	return c, nil
}

// checkStamp refuses a SOURCE_DATE_EPOCH that is not whole seconds, for
// the commands that date the documents they write (generate, --compile,
// serve): the convention asks a tool to stop rather than guess a date.
func (c *config) checkStamp() error {
	if _, set, err := stamp.FromEnv(); set && err != nil {
		return usageErr(errors.New(msgIn(c.lang(),
			"环境变量 SOURCE_DATE_EPOCH 应为自 1970-01-01 起的整秒数（0 至 253402300799），现为 %q：请改正，或删去它以使用当前时间",
			"SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 (0 to 253402300799), not %q: correct it, or unset it to use the clock",
			os.Getenv(stamp.Env))))
	}
	return nil
}

// maxConfigBytes bounds gen.yaml; maxFontBytes bounds a font file (the
// largest CJK collections are about 120 MB).
const (
	maxConfigBytes = 1 << 20
	maxFontBytes   = 256 << 20
)

// readConfig reads gen.yaml (a regular file, at most maxConfigBytes) into
// v. A YAML error names the line and column, quotes the line and says what
// to do, in the message language.
func readConfig(v *viper.Viper, path string) error {
	data, d := load.ReadLimited(path, maxConfigBytes)
	if d != nil {
		return usageErr(fmt.Errorf("%s", msgIn(msgLang, "无法读取配置文件：%s", "cannot read the configuration file: %s", d.Format(msgLang))))
	}
	if d := load.SyntaxCheck(path, data); d != nil {
		return usageErr(fmt.Errorf("%s", msgIn(msgLang, "配置文件有误：%s", "bad configuration file: %s", d.Format(msgLang))))
	}
	v.SetConfigFile(path)
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return usageErr(fmt.Errorf("%s", msgIn(msgLang, "配置文件 %s 有误：%v", "bad configuration file %s: %v", path, err)))
	}
	return nil
}

// checkFonts refuses a `fonts:` entry that is not a regular font file of
// sane size, naming its gen.yaml key, before anything is read from it.
func (c *config) checkFonts() error {
	for role, p := range c.fonts() {
		if p == "" || strings.HasPrefix(p, "embedded:") {
			continue
		}
		file := p
		if i := strings.LastIndex(file, "#"); i > 0 {
			file = file[:i] // a face of a collection: font.ttc#1
		}
		st, err := os.Stat(file)
		switch {
		case err != nil:
			return usageErr(fmt.Errorf("%s", msgIn(msgLang, "gen.yaml 的 fonts.%s：找不到字体文件 %s：请检查路径（Windows 的字体在 C:/Windows/Fonts）",
				"fonts.%s in gen.yaml: font file %s not found: check the path (Windows keeps fonts in C:/Windows/Fonts)", role, file)))
		case !st.Mode().IsRegular():
			return usageErr(fmt.Errorf("%s", msgIn(msgLang, "gen.yaml 的 fonts.%s：%s 不是普通文件：请写字体文件（.ttf、.otf 或 .ttc）的路径",
				"fonts.%s in gen.yaml: %s is not a regular file: give the path of a font file (.ttf, .otf or .ttc)", role, file)))
		case st.Size() > maxFontBytes:
			return usageErr(fmt.Errorf("%s", msgIn(msgLang, "gen.yaml 的 fonts.%s：%s 有 %d 字节，超过字体文件上限 %d：请检查是否选错了文件",
				"fonts.%s in gen.yaml: %s has %d bytes, over the font limit of %d: check that it is the right file", role, file, st.Size(), maxFontBytes)))
		}
	}
	return nil
}

// lang is the message language: --lang, GEN_LANG, or the locale.
func (c *config) lang() string {
	if l := c.v.GetString("lang"); l != "" {
		if strings.HasPrefix(l, "en") {
			return "en"
		}
		return "zh"
	}
	return diag.Lang()
}

// limits are the `limits:` of gen.yaml (or GEN_LIMITS_* variables).
func (c *config) limits() load.Limits {
	return load.Limits{
		MaxBytes:      c.v.GetInt64("limits.max_bytes"),
		MaxNodes:      c.v.GetInt("limits.max_nodes"),
		MaxDepth:      c.v.GetInt("limits.max_depth"),
		MaxChars:      c.v.GetInt("limits.max_chars"),
		MaxParagraphs: c.v.GetInt("limits.max_paragraphs"),
	}
}

// limitKeys are the keys allowed under `limits:`.
var limitKeys = []string{"max_bytes", "max_nodes", "max_depth", "max_chars", "max_paragraphs"}

// checkLimits refuses unknown keys under `limits:`, values that are not
// positive whole numbers and a max_depth above load.HardMaxDepth: a typo
// there would otherwise silently keep the default.
func (c *config) checkLimits() error {
	if raw, ok := c.v.Get("limits").(map[string]any); ok {
		for k := range raw {
			known := false
			for _, n := range limitKeys {
				known = known || strings.EqualFold(k, n)
			}
			if !known {
				return usageErr(fmt.Errorf("limits.%s 不是可用的限额，可用的有 %s（unknown limit）", k, strings.Join(limitKeys, "、")))
			}
		}
	}
	for _, k := range limitKeys {
		raw := c.v.Get("limits." + k)
		n, err := strconv.ParseInt(strings.TrimSpace(fmt.Sprint(raw)), 10, 64)
		if err != nil || n <= 0 {
			return usageErr(fmt.Errorf("limits.%s 应为正整数，实际是 %v（must be a positive whole number）", k, raw))
		}
		if k == "max_depth" && n > load.HardMaxDepth {
			return usageErr(fmt.Errorf("limits.max_depth 最大为 %d，实际是 %d（at most %d）", load.HardMaxDepth, n, load.HardMaxDepth))
		}
	}
	return nil
}

// formats is the list of --format values, checked.
func (c *config) formats() ([]string, error) {
	var out []string
	for _, f := range strings.Split(c.v.GetString("format"), ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if f != "pdf" && f != "docx" {
			return nil, usageErr(fmt.Errorf("--format 只能是 pdf、docx 或二者（用逗号分隔），不认识 %q（unknown format）", f))
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, usageErr(fmt.Errorf("--format 为空：请写 pdf、docx 或 docx,pdf（no format）"))
	}
	return out, nil
}

// layoutOverrides is the `layout:` map of gen.yaml.
func (c *config) layoutOverrides() map[string]any { return c.v.GetStringMap("layout") }

// fonts is the `fonts:` map of gen.yaml: role → font file. Relative paths
// are relative to the folder of the configuration file.
func (c *config) fonts() map[string]string {
	out := c.v.GetStringMapString("fonts")
	if cf := c.v.ConfigFileUsed(); cf != "" {
		for role, p := range out {
			if p != "" && !strings.HasPrefix(p, "embedded:") {
				out[role] = fontPath(filepath.Dir(cf), p)
			}
		}
	}
	return out
}

// fontPath resolves a font path of gen.yaml against the folder of the
// configuration file. Paths with a drive letter (C:/Windows/Fonts/simfang.ttf,
// C:\Windows\Fonts\…) or UNC paths (\\server\share\…) are absolute on
// every system, so a gen.yaml written on Windows is never joined into
// "dir/C:/…".
func fontPath(dir, p string) string {
	if filepath.IsAbs(p) || isWindowsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// isWindowsAbs reports a Windows absolute path: a drive letter and a
// separator, or a UNC path.
func isWindowsAbs(p string) bool {
	if len(p) >= 3 && (p[0]|0x20 >= 'a' && p[0]|0x20 <= 'z') && p[1] == ':' && (p[2] == '/' || p[2] == '\\') {
		return true
	}
	return strings.HasPrefix(p, `\\`) || strings.HasPrefix(p, "//")
}
