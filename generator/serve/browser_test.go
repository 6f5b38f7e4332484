package serve

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/internal/testkit"
)

// screenshot regenerates testdata/screenshot.png (linked from the README):
// go test ./generator/serve -run TestBrowser -screenshot
var screenshot = flag.Bool("screenshot", os.Getenv("GEN_SCREENSHOT") != "", "write testdata/screenshot.png")

var (
	chromeOnce   sync.Once
	chromeCtx    context.Context
	chromeCancel = func() {}
	chromeErr    string
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	chromeCancel()
	os.Exit(code)
}

// chrome is one headless chromium shared by the browser tests; each test
// opens its own tab. Without chromium the test skips (fails in CI).
func chrome(t testing.TB) (context.Context, context.CancelFunc) {
	t.Helper()
	chromeOnce.Do(func() {
		var path string
		for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(n); err == nil {
				path = p
				break
			}
		}
		if path == "" {
			chromeErr = "chromium not found: apt-get install chromium (see .ci/run)"
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.WindowSize(1400, 900),
			chromedp.Flag("disable-gpu", true), chromedp.Flag("lang", "zh-CN"))
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(alloc)
		if err := chromedp.Run(ctx); err != nil {
			chromeErr = "chromium does not start: " + err.Error()
			cancelCtx()
			cancelAlloc()
			return
		}
		chromeCtx = ctx
		chromeCancel = func() { cancelCtx(); cancelAlloc() }
	})
	if chromeErr != "" {
		testkit.Missing(t, chromeErr)
	}
	tab, cancel := chromedp.NewContext(chromeCtx)
	tctx, cancel2 := context.WithTimeout(tab, 90*time.Second)
	return tctx, func() { cancel2(); cancel() }
}

func run(t testing.TB, ctx context.Context, what string, acts ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, acts...); err != nil {
		var logs string
		_ = chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector('#preview-status').textContent + ' | ' + JSON.stringify(document.body.dataset)`, &logs))
		t.Fatalf("%s: %v (page: %s)", what, err, logs)
	}
}

// renders is the number of previews the page has finished.
func renders(t testing.TB, ctx context.Context) int {
	var s string
	run(t, ctx, "renders", chromedp.Evaluate(`document.body.dataset.renders || '0'`, &s))
	n, _ := strconv.Atoi(s)
	return n
}

func waitRenders(t testing.TB, ctx context.Context, after int) {
	t.Helper()
	run(t, ctx, "wait for the preview", chromedp.Poll(fmt.Sprintf(`(() => { const d = document.body.dataset; return Number(d.renders || 0) > %d && !d.pending && d.done === d.seq; })()`, after), nil, chromedp.WithPollingTimeout(30*time.Second)))
}

// canvases is a hash of the pixels of every preview page, once all pages
// of the latest preview are drawn.
func canvases(t testing.TB, ctx context.Context) string {
	var urls []string
	run(t, ctx, "canvases", chromedp.Poll(`(() => { const d = document.body.dataset; return !d.pending && d.drawn === d.seq; })()`, nil, chromedp.WithPollingTimeout(30*time.Second)), chromedp.Evaluate(`[...document.querySelectorAll('#pages canvas')].map(c => c.toDataURL())`, &urls))
	h := sha256.New()
	for _, u := range urls {
		h.Write([]byte(u))
	}
	return fmt.Sprintf("%d:%s", len(urls), hex.EncodeToString(h.Sum(nil))[:12])
}

func waitFile(t testing.TB, dir, pattern string) string {
	t.Helper()
	for i := 0; i < 300; i++ {
		m, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, f := range m {
			if !strings.HasSuffix(f, ".crdownload") {
				if st, err := os.Stat(f); err == nil && st.Size() > 0 {
					time.Sleep(50 * time.Millisecond)
					return f
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no download %s in %s", pattern, dir)
	return ""
}

func pdfPages(t testing.TB, path string) int {
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(testkit.Run(t, "pdfinfo", path))
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count", path)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestBrowser drives the page in headless chromium as a clerk would: open a
// report, add a section and type its heading (the preview redraws, the page
// count shows), type a bad year (the loader's message appears at the
// field), save (the file loads with the CLI's loader), download the PDF
// (poppler reads it) and build the volume of the folder.
func TestBrowser(t *testing.T) {
	ctx, cancel := chrome(t)
	defer cancel()
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		testkit.Path(t, tool)
	}
	dir := copyExamples(t)
	ts := startServer(t, dir, func(o *Options) { o.Import = Importer(load.DefaultLimits) })
	downloads := t.TempDir()
	name := "01-图书馆.yaml"
	run(t, ctx, "open the page",
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(downloads),
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(`body[data-started="true"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#list tr[data-name="`+name+`"]`, chromedp.ByQuery),
	)
	var rows int
	run(t, ctx, "count rows", chromedp.Evaluate(`document.querySelectorAll('#list tbody tr').length`, &rows))
	if rows != 15 {
		t.Fatalf("%d rows in the list, want 15", rows)
	}
	n := renders(t, ctx)
	run(t, ctx, "open a report", chromedp.Click(`#list tr[data-name="`+name+`"]`, chromedp.ByQuery))
	waitRenders(t, ctx, n)
	before := canvases(t, ctx)
	var pagesBefore string
	run(t, ctx, "page count", chromedp.Text(`#page-count`, &pagesBefore, chromedp.ByQuery))
	if !strings.HasPrefix(before, "3:") || pagesBefore != "共 3 页" {
		t.Fatalf("01-图书馆: %s canvases, page count %q; want 3", before, pagesBefore)
	}

	// Add a section and type its heading.
	var count int
	run(t, ctx, "sections", chromedp.Evaluate(`genEditor.getEditor('root.sections').getValue().length`, &count))
	run(t, ctx, "add a section", chromedp.Evaluate(`(() => {
		const box = document.querySelector('[data-schemapath="root.sections"]');
		const btn = [...box.querySelectorAll('button.json-editor-btn-add')].find(b => b.closest('[data-schemapath]') === box);
		btn.click(); return true; })()`, nil))
	heading := fmt.Sprintf(`[data-schemapath="root.sections.%d.heading"] input`, count)
	n = renders(t, ctx)
	run(t, ctx, "type a heading", chromedp.WaitVisible(heading, chromedp.ByQuery), chromedp.SendKeys(heading, "新增的一项工作", chromedp.ByQuery))
	waitRenders(t, ctx, n)
	after := canvases(t, ctx)
	var pagesAfter string
	run(t, ctx, "page count", chromedp.Text(`#page-count`, &pagesAfter, chromedp.ByQuery))
	if after == before {
		var probs string
		run(t, ctx, "problems", chromedp.Evaluate(`document.querySelector('#problems').innerText + ' | ' + document.querySelector('#preview-status').textContent + ' | ' + JSON.stringify(genEditor.getValue().sections.slice(-1))`, &probs))
		t.Fatalf("the preview did not change after typing a heading: %s", probs)
	}
	if !regexp.MustCompile(`^共 \d+ 页$`).MatchString(pagesAfter) {
		t.Fatalf("page count %q", pagesAfter)
	}
	t.Logf("preview %s → %s, %s", before, after, pagesAfter)
	// The preview shows the page of the field being typed in (the last).
	var inView bool
	run(t, ctx, "page in view", chromedp.Evaluate(`(() => {
		const cs = document.querySelectorAll('#pages canvas'), c = cs[cs.length - 1];
		const v = document.querySelector('#preview').getBoundingClientRect(), r = c.getBoundingClientRect();
		return r.bottom > v.top && r.top < v.bottom; })()`, &inView))
	if !inView {
		var dbg string
		run(t, ctx, "dbg", chromedp.Evaluate(`JSON.stringify(document.body.dataset)`, &dbg))
		t.Fatal("the page with the new heading is not in view: " + dbg)
	}
	if *screenshot {
		var png []byte
		run(t, ctx, "screenshot", chromedp.Evaluate(`document.querySelector('`+heading+`').scrollIntoView({block: 'start'}); document.querySelector('#edit').scrollBy(0, -120); const cs = document.querySelectorAll('#pages canvas'); cs[cs.length-1].scrollIntoView({block: 'end'})`, nil),
			chromedp.Sleep(200*time.Millisecond), chromedp.CaptureScreenshot(&png))
		if err := os.WriteFile("testdata/screenshot.png", png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// A bad year: the loader's message, in the CLI's words, at the field.
	year := `[data-schemapath="root.year"] input`
	n = renders(t, ctx)
	run(t, ctx, "type a bad year", chromedp.Evaluate(`document.querySelector('[data-schemapath="root.year"] input').select()`, nil),
		chromedp.SendKeys(year, "2023年", chromedp.ByQuery))
	waitRenders(t, ctx, n)
	var msg string
	run(t, ctx, "message at the year", chromedp.Text(`[data-schemapath="root.year"] .gen-msg.error`, &msg, chromedp.ByQuery))
	_, want := load.Parse("x.yaml", []byte("agency: 局\nyear: 2023年\n"), load.DefaultLimits)
	if len(want) != 1 || msg != want[0].Text("zh") {
		t.Fatalf("message at the year %q, the CLI says %v", msg, want)
	}
	n = renders(t, ctx)
	run(t, ctx, "fix the year", chromedp.Evaluate(`document.querySelector('[data-schemapath="root.year"] input').select()`, nil),
		chromedp.SendKeys(year, "2023", chromedp.ByQuery))
	waitRenders(t, ctx, n)
	var left int
	run(t, ctx, "no error left", chromedp.Evaluate(`document.querySelectorAll('#form .gen-msg.error').length`, &left))
	if left != 0 {
		t.Fatalf("%d error messages left after fixing the year", left)
	}
	// A lint finding jumps to its field.
	var jumped bool
	run(t, ctx, "jump to a finding", chromedp.Evaluate(`(() => {
		const li = document.querySelector('#problems li[data-path]'); if (!li) return false;
		li.click(); const box = genEditor.getEditor(li.dataset.path);
		return !!box && box.container.contains(document.activeElement); })()`, &jumped))
	if !jumped {
		t.Fatal("a click on a lint finding did not put the cursor in its field")
	}

	// Save: the file on disk loads with the CLI's loader and holds the edit.
	run(t, ctx, "save", chromedp.Click(`#save`, chromedp.ByQuery), chromedp.WaitVisible(`#save-status[data-saved]`, chromedp.ByQuery))
	f, ds := load.ReadFile(filepath.Join(dir, name))
	if ds.HasErrors() {
		t.Fatalf("saved file does not load: %s", ds.Format("zh"))
	}
	r := f.Reports[0]
	if r.Year != 2023 || len(r.Sections) != count+1 || r.Sections[count].Heading.Value != "新增的一项工作" {
		t.Fatalf("saved report: year %d, %d sections", r.Year, len(r.Sections))
	}

	// Download the PDF.
	run(t, ctx, "download the PDF", chromedp.Click(`#dl-pdf`, chromedp.ByQuery))
	pdf := waitFile(t, downloads, "*.pdf")
	text := strings.ReplaceAll(testkit.Run(t, "pdftotext", pdf, "-"), "\n", "")
	if !strings.Contains(text, "新增的一项工作") {
		t.Fatalf("the downloaded PDF lacks the new heading")
	}
	if got := pdfPages(t, pdf); "共 "+strconv.Itoa(got)+" 页" != pagesAfter {
		t.Fatalf("downloaded PDF has %d pages, the page said %q", got, pagesAfter)
	}
	os.Remove(pdf)

	// Build the volume of the folder.
	var volPages string
	run(t, ctx, "build the volume", chromedp.SetValue(`#vol-template`, "gongwen-redhead", chromedp.ByQuery), chromedp.Click(`#vol-build`, chromedp.ByQuery),
		chromedp.Poll(`document.querySelector('#vol-status').dataset.pages`, &volPages, chromedp.WithPollingTimeout(60*time.Second)))
	vol := waitFile(t, downloads, "*汇编*.pdf")
	if got := pdfPages(t, vol); strconv.Itoa(got) != volPages || got < 50 {
		t.Fatalf("volume has %d pages, the page said %s", got, volPages)
	}
	if vt := testkit.Run(t, "pdftotext", "-l", "3", vol, "-"); !strings.Contains(vt, "14篇") {
		t.Fatalf("volume cover: %.300s", vt)
	}

	// Drop a .txt on the page: imported (gen import), listed and opened.
	n = renders(t, ctx)
	run(t, ctx, "drop a .txt", chromedp.Evaluate(`(() => {
		const dt = new DataTransfer();
		dt.items.add(new File(['统计局2023年工作总结\n一、工作成效\n全年完成统计调查12项。\n'], '统计局.txt', { type: 'text/plain' }));
		document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
		return true; })()`, nil),
		chromedp.Poll(`document.querySelector('#file-name').textContent === '统计局.yaml'`, nil, chromedp.WithPollingTimeout(20*time.Second)))
	waitRenders(t, ctx, n)
	if _, ds := load.ReadFile(filepath.Join(dir, "统计局.yaml")); ds.HasErrors() {
		t.Fatalf("imported file: %s", ds.Format("zh"))
	}
	var jsErr string
	run(t, ctx, "script errors", chromedp.Evaluate(`document.body.dataset.jsError || ''`, &jsErr))
	if jsErr != "" {
		t.Fatalf("the page had a script error: %s", jsErr)
	}
}

// BenchmarkPreviewLatency measures, in headless chromium, the time from the
// last keystroke in the form to the new pages on the canvases, for
// examples/2023/07-民政局.yaml. It reports the median (goal: under 500 ms).
func BenchmarkPreviewLatency(b *testing.B) {
	ctx, cancel := chrome(b)
	defer cancel()
	ts := startServer(b, copyExamples(b, "07-民政局.yaml"), nil)
	name := "07-民政局.yaml"
	run(b, ctx, "open", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(`#list tr[data-name="`+name+`"]`, chromedp.ByQuery))
	n := renders(b, ctx)
	run(b, ctx, "open a report", chromedp.Click(`#list tr[data-name="`+name+`"]`, chromedp.ByQuery))
	waitRenders(b, ctx, n)
	field := `[data-schemapath="root.sections.0.heading"] input`
	var lat []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := renders(b, ctx)
		run(b, ctx, "type", chromedp.SendKeys(field, "字", chromedp.ByQuery))
		waitRenders(b, ctx, n)
		var s string
		run(b, ctx, "latency", chromedp.Evaluate(`document.body.dataset.latency`, &s))
		ms, _ := strconv.ParseFloat(s, 64)
		lat = append(lat, ms)
		var ph string
		run(b, ctx, "phases", chromedp.Evaluate(`document.body.dataset.phases || ''`, &ph))
		b.Logf("%.0f ms %s", ms, ph)
	}
	b.StopTimer()
	sort.Float64s(lat)
	b.ReportMetric(lat[len(lat)/2], "ms/preview-median")
	b.ReportMetric(lat[len(lat)-1], "ms/preview-max")
}
