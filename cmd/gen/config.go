package main

import (
	"fmt"
	"os"
	"path/filepath"
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
	return &config{v: v}, nil
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

func (c *config) limits() load.Limits {
	return load.Limits{
		MaxBytes: c.v.GetInt64("limits.max_bytes"),
		MaxNodes: c.v.GetInt("limits.max_nodes"),
		MaxDepth: c.v.GetInt("limits.max_depth"),
	}
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
