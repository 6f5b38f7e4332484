// Package examples holds the shipped example data files; its tests prove
// they load and that they are faithful to the seed compilation.
package examples

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gongwen/gen/internal/testkit"

	"github.com/gongwen/gen/generator/lint"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/model"
)

func exampleFiles(t *testing.T) []string {
	files, err := filepath.Glob("2023/*.yaml")
	if err != nil || len(files) != 15 {
		t.Fatalf("want 14 reports and the manifest in examples/2023, got %d (%v)", len(files), err)
	}
	return files
}

// TestExamplesLoad: every example loads and validates; each starts with the
// schema comment; the manifest is a compilation.
func TestExamplesLoad(t *testing.T) {
	reports := 0
	issuers := map[string]string{}
	for _, f := range exampleFiles(t) {
		data, _ := os.ReadFile(f)
		if !strings.HasPrefix(string(data), "# yaml-language-server: $schema=../../schema/report.schema.json\n") {
			t.Errorf("%s: first line is not the schema comment", f)
		}
		file, ds := load.ReadFile(f)
		if ds.HasErrors() {
			t.Errorf("%s:\n%s", f, ds.Format("zh"))
			continue
		}
		if strings.HasSuffix(f, "汇编.yaml") {
			if file.Compilation == nil || file.Compilation.Title.Value != "各级局机关2023年工作总结及2024年工作计划汇编" {
				t.Errorf("%s: not the compilation manifest", f)
			}
			continue
		}
		for _, r := range file.Reports {
			reports++
			if prev, dup := issuers[r.Issuer.Value]; dup {
				t.Errorf("%s and %s share the issuer %q", prev, f, r.Issuer.Value)
			}
			issuers[r.Issuer.Value] = f
			if res := lint.Report(r); res.Placeholders == 0 {
				t.Errorf("%s: no placeholders found; the seed's xx blanks must stay", f)
			}
		}
	}
	if reports != 14 {
		t.Errorf("%d reports, want 14", reports)
	}
}

var (
	adLine    = regexp.MustCompile(`^(【哒哒|欢迎加入)`)
	siteParty = regexp.MustCompile(`(^|[^A-Za-z])D([^A-Za-z级]|$)`)
	numPrefix = regexp.MustCompile(`^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|（\d+）|\d+[、.．]|[一二三四五六七八九十]+是|任务[：:]|完成情况[：:])+`)
	splitter  = regexp.MustCompile(`[。！？；\n]`)
)

// cleanSeed applies the restorations the examples make: 党 for the site's D,
// 微信 for AAA, no paid markers, no advertising lines. The compilation's
// own title (line 2) is the manifest's, not a report's.
func cleanSeed(text string) string {
	var out []string
	for i, line := range strings.Split(text, "\n") {
		if i < 3 || adLine.MatchString(line) {
			continue
		}
		line = strings.NewReplacer("##paidbegin##", "", "##paidend##", "", "AAA", "微信").Replace(line)
		for siteParty.MatchString(line) {
			line = siteParty.ReplaceAllString(line, "${1}党${2}")
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func sentences(text string) map[string]int {
	set := map[string]int{}
	for _, s := range splitter.Split(text, -1) {
		s = strings.TrimSpace(s)
		s = strings.TrimSpace(numPrefix.ReplaceAllString(s, ""))
		if s != "" {
			set[s]++
		}
	}
	return set
}

// reportText is what a report prints, less the signature and date (data the
// generator places, not sentences of the report).
func reportText(r *model.Report) string {
	var b strings.Builder
	for _, e := range r.Elements() {
		switch e.Kind {
		case model.ElSignature, model.ElDate, model.ElDocNumber, model.ElSigner, model.ElCopyTo, model.ElImprint:
			continue
		case model.ElTable:
			for _, row := range e.Table.Rows {
				for _, c := range row {
					b.WriteString(c.Value + "\n")
				}
			}
			continue
		}
		b.WriteString(e.Text() + "\n")
	}
	return b.String()
}

// TestFaithfulToSeed: every sentence of the seed occurs in the examples, and
// the examples add no sentence the seed lacks.
func TestFaithfulToSeed(t *testing.T) {
	seedPath := os.Getenv("GEN_SEED")
	if seedPath == "" {
		seedPath = "../../shared/seed/reports-2023.txt"
	}
	data, err := os.ReadFile(seedPath)
	if err != nil {
		testkit.Missing(t, fmt.Sprintf("seed not found at %s (set GEN_SEED): %v", seedPath, err))
	}
	seed := sentences(cleanSeed(string(data)))
	var all strings.Builder
	for _, f := range exampleFiles(t) {
		file, ds := load.ReadFile(f)
		if ds.HasErrors() || file.Compilation != nil {
			continue
		}
		for _, r := range file.Reports {
			all.WriteString(reportText(r))
		}
	}
	ex := sentences(all.String())
	missing, extra := 0, 0
	for s := range seed {
		if ex[s] == 0 {
			missing++
			if missing <= 10 {
				t.Errorf("seed sentence missing from the examples: %q", s)
			}
		}
	}
	for s := range ex {
		if seed[s] == 0 {
			extra++
			if extra <= 10 {
				t.Errorf("examples add a sentence the seed lacks: %q", s)
			}
		}
	}
	t.Logf("%d distinct seed sentences, %d in the examples; %d missing, %d extra", len(seed), len(ex), missing, extra)
	if len(seed) < 1000 {
		t.Errorf("only %d seed sentences: is the seed complete?", len(seed))
	}
}
