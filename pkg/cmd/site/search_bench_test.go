package site

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// BenchmarkSearchInBrowser builds the site of $PM_BENCH_REPO, opens its index from file:// in
// headless Chromium and measures, in the page, how long a search takes from the input event to the
// list drawn and laid out: "title-ms" with the titles and summaries only (the first search), and
// "fulltext-ms" once the full text has loaded. Reported as metrics; nothing is asserted.
func BenchmarkSearchInBrowser(b *testing.B) {
	dir := os.Getenv("PM_BENCH_REPO")
	if dir == "" {
		b.Skip("PM_BENCH_REPO names no repository")
	}
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		b.Skip("no chromium on PATH")
	}
	out := filepath.Join(b.TempDir(), "site")
	f, _, _ := cmdutil.TestFactory(dir, now, nil)
	if err := siteRun(&Options{F: f, Out: out}); err != nil {
		b.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+out+"/index.html"), chromedp.WaitVisible(chromedp.CSS("#pms"))); err != nil {
		b.Fatal(err)
	}
	// search types a term, and returns the milliseconds until the list is drawn and laid out.
	search := func(term string) float64 {
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`((t) => { const q = document.getElementById('q');
			q.value = ''; q.dispatchEvent(new Event('input'));
			const t0 = performance.now(); q.value = t; q.dispatchEvent(new Event('input'));
			document.body.offsetHeight; return performance.now() - t0; })(`+"`"+term+"`"+`)`))
		if err != nil {
			b.Fatal(err)
		}
		return ms
	}
	var title, full float64
	terms := []string{"database", "timeout", "connection", "rollback", "cache"}
	for b.Loop() {
		title, full = 0, 0
		if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#pms"))); err != nil {
			b.Fatal(err)
		}
		// Count the full-text files as they come.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { window.textFiles = 0; const f = window.PM_TEXT;
			window.PM_TEXT = (m) => { window.textFiles++; f(m); }; return true; })()`)); err != nil {
			b.Fatal(err)
		}
		title = search(terms[0])
		// The full text comes in files the first search asked for: wait until every one is in.
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.textFiles === window.PM_ROWS.shards`)); err != nil {
			b.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
		for _, t := range terms[1:] {
			full += search(t)
		}
		full /= float64(len(terms) - 1)
	}
	b.ReportMetric(title, "title-ms")
	b.ReportMetric(full, "fulltext-ms")
}
