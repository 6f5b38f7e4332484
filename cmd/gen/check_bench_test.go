package main

import (
	"testing"

	"github.com/gongwen/gen/generator/load"
)

// BenchmarkCheckOne is gen check of one example after the schema is
// compiled: parsing, validation, lint, and the text it prints (91
// warnings for 14-民政局).
func BenchmarkCheckOne(b *testing.B) {
	load.Prepare()
	opt := checkOptions{limits: load.DefaultLimits, lang: "zh"}
	for b.Loop() {
		if r := checkOne("../../examples/2023/14-民政局.yaml", opt); r.failed || r.text == "" {
			b.Fatal(r.text)
		}
	}
}
