package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/load"
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
	if path != "" {
		v.SetConfigFile(path)
		if err := v.ReadInConfig(); err != nil {
			return nil, usageErr(fmt.Errorf("无法读取配置文件 %s（cannot read config）: %v", path, err))
		}
	} else {
		// Only gen.yaml or gen.yml in the current folder; never a file
		// merely named "gen" (such as the binary itself).
		for _, name := range []string{"gen.yaml", "gen.yml"} {
			if st, err := os.Stat(name); err == nil && !st.IsDir() {
				v.SetConfigFile(name)
				if err := v.ReadInConfig(); err != nil {
					return nil, usageErr(fmt.Errorf("%s 有误（bad config）: %v", name, err))
				}
				break
			}
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
	msgLang = c.lang()
	if err := c.checkLimits(); err != nil {
		return nil, err
	}
	return c, nil
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
			if p != "" && !strings.HasPrefix(p, "embedded:") && !filepath.IsAbs(p) {
				out[role] = filepath.Join(filepath.Dir(cf), p)
			}
		}
	}
	return out
}
