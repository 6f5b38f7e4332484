package importer

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/testtool"
)

// seedText finds the seed compilation (GEN_SEED, or ../shared/seed from
// the repository, whether it is /work/main or a worktree below /work/wt).
func seedText(t *testing.T) string {
	t.Helper()
	paths := []string{os.Getenv("GEN_SEED"), "../../../shared/seed/reports-2023.txt", "../../../../shared/seed/reports-2023.txt"}
	for _, p := range paths {
		if p == "" {
			continue
		}
		if data, err := os.ReadFile(p); err == nil {
			return string(data)
		}
	}
	testtool.Missing(t, "seed reports-2023.txt not found (set GEN_SEED)")
	return ""
}

var (
	seedAd     = regexp.MustCompile(`^(【哒哒|欢迎加入)`)
	seedParty  = regexp.MustCompile(`(^|[^A-Za-z])D([^A-Za-z级]|$)`)
	seedTitle  = regexp.MustCompile(`^[^。，]{2,58}(19|20)[0-9]{2}年[^。，]*(总结|计划|打算|谋划)[^。，]*$`)
	numPrefix  = regexp.MustCompile(`^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|（\d+）|\d+[、.．]|[一二三四五六七八九十]+是)+`)
	sentenceRe = regexp.MustCompile(`[。！？；\n]`)
)

// seedReports normalises the seed the way examples/examples_test.go does
// (党 for the site's D, 微信 for AAA, no paid markers, no advertising, not
// the compilation's own title) and cuts it at the report titles. These
// restorations belong to the test, not to import.
func seedReports(t *testing.T) []string {
	var reports []string
	var cur []string
	for i, line := range strings.Split(seedText(t), "\n") {
		if i < 3 || seedAd.MatchString(line) {
			continue
		}
		line = strings.NewReplacer("##paidbegin##", "", "##paidend##", "", "AAA", "微信").Replace(line)
		for seedParty.MatchString(line) {
			line = seedParty.ReplaceAllString(line, "${1}党${2}")
		}
		if _, numbered := ParseNumber(strings.TrimSpace(line)); !numbered && seedTitle.MatchString(strings.TrimSpace(line)) && len(cur) > 0 {
			reports = append(reports, strings.Join(cur, "\n"))
			cur = nil
		}
		cur = append(cur, line)
	}
	reports = append(reports, strings.Join(cur, "\n"))
	return reports
}

// sentences is the multiset of a text's sentences, numbers stripped (gen
// renumbers), for comparing printed texts that number differently.
func sentences(text string) map[string]int {
	set := map[string]int{}
	for _, s := range sentenceRe.Split(text, -1) {
		s = strings.TrimSpace(numPrefix.ReplaceAllString(strings.TrimSpace(s), ""))
		if s != "" {
			set[s]++
		}
	}
	return set
}

// TestSeedImport: the seed's 14 reports, imported from text, print the
// sentences of examples/2023, report by report.
func TestSeedImport(t *testing.T) {
	reports := seedReports(t)
	if len(reports) != 14 {
		t.Fatalf("the seed splits into %d reports, want 14", len(reports))
	}
	byTitle := map[string]*model.Report{}
	for _, r := range exampleReports(t) {
		byTitle[r.Title.Value] = r
	}
	for i, text := range reports {
		rs, ds := Import("seed.txt", []byte(text), Options{})
		if ds.HasErrors() || len(rs) != 1 {
			t.Errorf("report %d: %d reports\n%s", i+1, len(rs), ds.Format("en"))
			continue
		}
		got := reload(t, "seed", rs)[0]
		ex := byTitle[got.Title.Value]
		if ex == nil {
			t.Errorf("report %d: title %q is no example's", i+1, got.Title.Value)
			continue
		}
		// The examples add signatures the seed lacks.
		ex.Signature, got.Signature, ex.Date, got.Date = model.Text{}, model.Text{}, nil, nil
		want, have := sentences(printed(ex)), sentences(printed(got))
		missing, extra := 0, 0
		for s, n := range want {
			if have[s] < n {
				missing++
				if missing <= 3 {
					t.Errorf("%s: sentence of the example not printed: %q", ex.Agency.Value, s)
				}
			}
		}
		for s, n := range have {
			if want[s] < n {
				extra++
				if extra <= 3 {
					t.Errorf("%s: sentence printed that the example lacks: %q", ex.Agency.Value, s)
				}
			}
		}
		if got.Year != ex.Year {
			t.Errorf("%s: year %d, want %d", ex.Agency.Value, got.Year, ex.Year)
		}
		t.Logf("%s: %d sentences, %d missing, %d extra; %s (example: %s); %d warnings", ex.Agency.Value, len(want), missing, extra, structure(got), structure(ex), len(ds))
	}
}
