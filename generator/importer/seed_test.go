package importer

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/internal/testkit"
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
	testkit.Missing(t, "seed reports-2023.txt not found (set GEN_SEED)")
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
	for i, line := range strings.Split(seedNormalised(t), "\n") {
		if i < 3 {
			continue
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

// seedNormalised is the whole seed with the restorations, the
// compilation's title kept.
func seedNormalised(t *testing.T) string {
	var out []string
	for _, line := range strings.Split(seedText(t), "\n") {
		if seedAd.MatchString(line) {
			continue
		}
		line = strings.NewReplacer("##paidbegin##", "", "##paidend##", "", "AAA", "微信").Replace(line)
		for seedParty.MatchString(line) {
			line = seedParty.ReplaceAllString(line, "${1}党${2}")
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
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
// sentences of examples/2023 and have their structure (blocks per depth,
// table rows), report by report.
func TestSeedImport(t *testing.T) {
	reports := seedReports(t)
	if len(reports) != 14 {
		t.Fatalf("the seed splits into %d reports, want 14", len(reports))
	}
	var imported []*model.Report
	for i, text := range reports {
		rs, ds := Import("seed.txt", []byte(text), Options{})
		if ds.HasErrors() || len(rs) != 1 {
			t.Fatalf("report %d: %d reports\n%s", i+1, len(rs), ds.Format("en"))
		}
		imported = append(imported, rs[0])
	}
	compareSeed(t, imported)
}

// TestSeedWhole: the whole seed as one text file (the compilation's title,
// then 14 reports) imports as its 14 reports.
func TestSeedWhole(t *testing.T) {
	rs, ds := Import("seed.txt", []byte(seedNormalised(t)), Options{})
	if len(rs) != 14 {
		t.Fatalf("%d reports, want 14\n%s", len(rs), ds.Format("zh"))
	}
	if d := hasCode(ds, "imp-front", 1); d == nil || d.Pos.Line != 2 || !strings.Contains(d.Format("zh"), "第 2 到 2 行") {
		t.Errorf("the compilation's title (line 2) not reported as skipped:\n%s", ds.Format("zh"))
	}
	compareSeed(t, rs)
	// The headings: all but two of the examples' (two numbered sentences
	// the examples' author set as run-in headings without text), and every
	// heading import finds is one of the examples'.
	byTitle := map[string]*model.Report{}
	for _, r := range exampleReports(t) {
		byTitle[r.Title.Value] = r
	}
	want, found, shared := 0, 0, 0
	for _, r := range rs {
		w, g := headings(byTitle[r.Title.Value].Sections, nil), headings(r.Sections, nil)
		for h := range g {
			if w[h] {
				shared++
			} else {
				t.Errorf("%s: heading %q is not the example's", r.Agency.Value, h)
			}
		}
		want, found = want+len(w), found+len(g)
	}
	t.Logf("headings: %d in the examples, %d imported, %d the same", want, found, shared)
	if shared < want-2 {
		t.Errorf("only %d of the examples' %d headings found", shared, want)
	}
}

// headings collects the headings of a block tree.
func headings(bs []*model.Block, out map[string]bool) map[string]bool {
	if out == nil {
		out = map[string]bool{}
	}
	for _, b := range bs {
		if b.Heading.Value != "" {
			out[b.Heading.Value] = true
		}
		headings(b.Items, out)
	}
	return out
}

// compareSeed checks imported seed reports against the examples with the
// same titles, sentence by sentence.
func compareSeed(t *testing.T, imported []*model.Report) {
	t.Helper()
	byTitle := map[string]*model.Report{}
	for _, r := range exampleReports(t) {
		byTitle[r.Title.Value] = r
	}
	for i, r := range imported {
		got := reload(t, "seed", []*model.Report{r})[0]
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
		if a, b := structure(ex), structure(got); a != b {
			t.Errorf("%s: structure %s, want %s", ex.Agency.Value, b, a)
		}
		if got.Year != ex.Year {
			t.Errorf("%s: year %d, want %d", ex.Agency.Value, got.Year, ex.Year)
		}
		t.Logf("%s: %d sentences, %d missing, %d extra; %s (example: %s)", ex.Agency.Value, len(want), missing, extra, structure(got), structure(ex))
	}
}
