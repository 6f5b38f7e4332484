package main

import (
	"fmt"

	"github.com/gongwen/gen/generator/build"
)

// exporters builds the exporters for the requested formats. A format whose
// exporter has not been built yet is reported clearly; no fake file is made.
func exporters(cfg *config, formats []string) (map[string]build.Exporter, error) {
	out := map[string]build.Exporter{}
	for _, f := range formats {
		switch f {
		default:
			return nil, usageErr(fmt.Errorf("%s 输出尚未实现，本版本不生成 %s 文件（%w: %s）", f, f, build.ErrNotBuilt, f))
		}
	}
	return out, nil
}
