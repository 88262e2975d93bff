package site

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/testenv"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// findBrowser returns the path of a Chromium on PATH, "" when there is none.
func findBrowser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// problems collects what a page did wrong: console errors, uncaught exceptions, failed requests.
type problems struct {
	mu   sync.Mutex
	list []string
}

func (p *problems) add(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

func (p *problems) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.list
	p.list = nil
	return out
}

// TestInBrowser drives headless Chromium over the fixture's site, served under a sub-path and opened
// from file://: every page loads without a console error or a failed request; the index lists the
// postmortems, and search and a filter narrow it; charts carry text alternatives; links between
// postmortems resolve; the Japanese site shows Japanese. Screenshots go to $PM_SITE_SCREENSHOTS, or
// to the test's temporary folder.
func TestInBrowser(t *testing.T) {
	browser := findBrowser()
	if browser == "" {
		testenv.Skip(t, "NOTICE: no chromium, chromium-browser or google-chrome on PATH: the site is not tested in a browser (apt-get install chromium)")
	}
	if testing.Short() {
		testenv.Unsupported(t, "-short: no browser test")
	}
	// Starting Chromium takes most of the test's seconds: the browser test is in the full tier
	// (CI=true, as .ci/run sets, or PM_TEST_FULL=1), the pages' structure is checked in both.
	testenv.Exhaustive(t)
	en := buildFixture(t, fixtureOptions(i18n.EN))
	ja := buildFixture(t, fixtureOptions(i18n.JA))
	many := map[i18n.Lang]string{}
	for _, l := range []i18n.Lang{i18n.EN, i18n.JA} {
		many[l] = t.TempDir() + "/site"
		if _, err := Build(many[l], manyInputs(t, 130, 120), fixtureOptions(l)); err != nil {
			t.Fatal(err)
		}
	}
	shots := os.Getenv("PM_SITE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	mux := http.NewServeMux()
	mux.Handle("/team/pm/", http.StripPrefix("/team/pm/", http.FileServer(http.Dir(en))))
	mux.Handle("/ja/", http.StripPrefix("/ja/", http.FileServer(http.Dir(ja))))
	mux.Handle("/many/", http.StripPrefix("/many/", http.FileServer(http.Dir(many[i18n.EN]))))
	mux.Handle("/many-ja/", http.StripPrefix("/many-ja/", http.FileServer(http.Dir(many[i18n.JA]))))
	// a title of one 120-character word and a service of 70: they break rather than widen the list
	long := t.TempDir() + "/site"
	longDoc := postmortem.Parse("postmortems/2026-09-20-long.md", []byte("---\ntitle: "+strings.Repeat("Averylongword", 9)+"x\nseverity: SEV-3\n"+
		"status: Draft\nowner: Ana\nincident_date: 2026-09-20\nservices: ["+strings.Repeat("service", 10)+"]\n---\n\n## Overview\n\nText.\n"), time.UTC)
	if _, err := Build(long, append(fixture(t), Input{ID: "2026-09-20-long", Path: "postmortems/2026-09-20-long.md", Doc: longDoc}), fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	mux.Handle("/long/", http.StripPrefix("/long/", http.FileServer(http.Dir(long))))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.WindowSize(1200, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	var bad problems
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				bad.add("console %s", e.Type)
			}
		case *runtime.EventExceptionThrown:
			bad.add("exception: %s", e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				bad.add("log: %s %s", e.Entry.Text, e.Entry.URL)
			}
		case *network.EventLoadingFailed:
			bad.add("request failed: %s", e.ErrorText)
		case *network.EventResponseReceived:
			if e.Response.Status >= 400 {
				bad.add("HTTP %d: %s", e.Response.Status, e.Response.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	check := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if p := bad.take(); len(p) > 0 {
			t.Errorf("%s: %s", what, strings.Join(p, "; "))
		}
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		check(what, chromedp.Do(ctx, steps...))
	}
	eval := func(what, js string) []string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
		check(what, err)
		return v
	}
	text := func(what, sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		check(what, err)
		return v
	}
	screenshot := func(name string) {
		t.Helper()
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 writes a PNG
		check("screenshot "+name, err)
		if err := os.WriteFile(filepath.Join(shots, name), shot, 0o644); err != nil {
			t.Error(err)
		}
	}
	visible := func() []string {
		t.Helper()
		return eval("read the list", `Array.from(document.querySelectorAll('#pms tbody tr')).filter(r => !r.hidden).map(r => r.dataset.id)`)
	}
	// set gives a control a value and fires the event a person's change would.
	set := func(id, value, event string) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(e => { e.value = %q; return e.dispatchEvent(new Event(%q)); })(document.getElementById(%q))`, value, event, id)))
		check("set "+id, err)
	}
	base := srv.URL + "/team/pm/"

	// Every page loads cleanly.
	err = filepath.WalkDir(en, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(en, p)
		do("load "+rel, chromedp.Navigate(base+filepath.ToSlash(rel)), chromedp.WaitReady(chromedp.CSS("main")))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// The index lists the postmortems; search and a filter narrow the list.
	do("index", chromedp.Navigate(base+"index.html"), chromedp.WaitVisible(chromedp.CSS("#pms")))
	screenshot("index.png")
	if ids := visible(); len(ids) != 4 {
		t.Errorf("index lists %v", ids)
	}
	do("search", chromedp.SendKeys(chromedp.CSS("#q"), "zebrafish"))
	if ids := visible(); strings.Join(ids, ",") != "2026-10-14-payment-api-timeouts" {
		t.Errorf("search for a word of the summary shows %v", ids)
	}
	if count := text("count", "#count"); count != "1 of 4 postmortems shown" {
		t.Errorf("count %q", count)
	}
	// typed in full width, as a Japanese input method types Latin letters, the word is the same word
	set("q", "ｚｅｂｒａｆｉｓｈ", "input")
	if ids := visible(); strings.Join(ids, ",") != "2026-10-14-payment-api-timeouts" {
		t.Errorf("search for a word typed full width shows %v", ids)
	}
	set("q", "", "input")
	set("f-services", "checkout", "change")
	if ids := visible(); strings.Join(ids, ",") != "2026-11-02-cache-stampede,2026-09-03-checkout-delay-ja" {
		t.Errorf("the service filter shows %v", ids)
	}
	// A name with two spaces in it is found by its option (an option's text alone is read collapsed).
	set("f-services", "edge  proxy", "change")
	if ids := visible(); strings.Join(ids, ",") != "2026-08-01-hostile" {
		t.Errorf("the filter on a service with two spaces shows %v", ids)
	}
	set("f-services", "", "change")

	// More matches than the list draws: the count says how many match and how many are drawn.
	for _, c := range []struct{ path, count, more, fewer string }{
		{"/many/", "120 of 130 match; the first 100 are shown", "20 more: narrow the search to see them.", "21 of 130 postmortems shown"},
		{"/many-ja/", "130 件中 120 件が該当、先頭の 100 件を表示", "ほかに 20 件あります。検索を絞り込んでください。", "130 件中 21 件を表示"},
	} {
		do("many "+c.path, chromedp.Navigate(srv.URL+c.path+"index.html"), chromedp.WaitVisible(chromedp.CSS("#pms")),
			chromedp.SendKeys(chromedp.CSS("#q"), "zanzibar"))
		if ids := visible(); len(ids) != 100 {
			t.Errorf("%s: %d rows drawn", c.path, len(ids))
		}
		if count := text("count", "#count"); count != c.count {
			t.Errorf("%s: count %q, want %q", c.path, count, c.count)
		}
		if more := text("more", "#more"); more != c.more {
			t.Errorf("%s: more %q, want %q", c.path, more, c.more)
		}
		set("q", "zanzibar 7", "input") // 7, 17, …, 97, 107, 117 and 70 to 79: 21, all drawn
		if count := text("count", "#count"); count != c.fewer {
			t.Errorf("%s: count of a narrower search %q, want %q", c.path, count, c.fewer)
		}
	}

	// Charts have text alternatives.
	do("charts", chromedp.Navigate(base+"charts.html"), chromedp.WaitReady(chromedp.CSS("svg")))
	charts := eval("charts", `Array.from(document.querySelectorAll('svg.chart')).map(s => s.getAttribute('role') + '|' + s.querySelector('title').textContent + '|' + s.querySelector('desc').textContent)`)
	if len(charts) != 4 {
		t.Errorf("%d charts", len(charts))
	}
	for _, c := range charts {
		if parts := strings.Split(c, "|"); len(parts) != 3 || parts[0] != "img" || parts[1] == "" || parts[2] == "" {
			t.Errorf("chart without a text alternative: %q", c)
		}
	}
	// Drawn at their size at most (a chart of four months stretched to the page had text five times
	// too large), and shrunk to a phone's width.
	for _, width := range []int{1200, 320} {
		do(fmt.Sprintf("window %d", width), chromedp.EmulateViewport(int64(width), 900), chromedp.Reload(), chromedp.WaitReady(chromedp.CSS("svg")))
		scales := eval("chart scale", `Array.from(document.querySelectorAll('svg.chart')).map(s => String(s.getBoundingClientRect().width / s.viewBox.baseVal.width))`)
		for _, s := range scales {
			if v, err := strconv.ParseFloat(s, 64); err != nil || v > 1.001 || v < 0.5 {
				t.Errorf("window %d: a chart drawn at %s times its size", width, s)
			}
		}
	}
	do("window", chromedp.EmulateViewport(1200, 900))

	// A link between postmortems leads to the other one's page.
	do("follow a relation", chromedp.Navigate(base+"pm/2026-11-02-cache-stampede.html"), chromedp.WaitVisible(chromedp.CSS(".relations a")),
		chromedp.Click(chromedp.CSS(".relations a")), chromedp.WaitVisible(chromedp.CSS(".sev1")))
	loc, err := chromedp.Run(ctx, chromedp.Location())
	check("location", err)
	if title := text("title", "h1"); title != "Payment API timeouts during the midday peak" || !strings.HasSuffix(loc, "/team/pm/pm/2026-10-14-payment-api-timeouts.html") {
		t.Errorf("the relation led to %s (%q)", loc, title)
	}
	screenshot("postmortem.png")

	// The Japanese site is in Japanese.
	do("Japanese index", chromedp.Navigate(srv.URL+"/ja/index.html"), chromedp.WaitVisible(chromedp.CSS("#pms")))
	main := text("Japanese text", "main")
	for _, want := range []string{"すべてのポストモーテム", "4 件中 4 件を表示", "決済の遅延"} {
		if !strings.Contains(main, want) {
			t.Errorf("the Japanese index lacks %q", want)
		}
	}
	screenshot("index-ja.png")
	// Japanese text may break between any two characters, but a column's header and a Latin word in
	// a cell (a service, an owner's name) stay whole: a table is not narrowed to "checko / ut".
	for _, width := range []int{1200, 900} {
		do(fmt.Sprintf("Japanese index, window %d", width), chromedp.EmulateViewport(int64(width), 900), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#pms")))
		broken := eval("words broken", `Array.from(document.querySelectorAll('#pms thead th, #pms tbody td a, #pms tbody td')).
			filter(e => e.matches('th') ? e.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(e).lineHeight) :
				e.matches('a') && /^[\x21-\x7e]+$/.test(e.textContent.trim()) && e.getClientRects().length > 1).
			map(e => e.textContent.trim())`)
		if len(broken) > 0 {
			t.Errorf("window %d: broken across lines in the Japanese index: %q", width, broken)
		}
	}
	do("window", chromedp.EmulateViewport(1200, 900))

	// On a phone, no page scrolls sideways: a document's table scrolls in its own box, a long word
	// in a title breaks, the filters fit.
	do("phone", chromedp.EmulateViewport(375, 800))
	for _, page := range []string{base + "index.html", base + "pm/2026-10-14-payment-api-timeouts.html", base + "pm/2026-08-01-hostile.html",
		base + "actions.html", base + "messages.html", srv.URL + "/ja/index.html", srv.URL + "/ja/pm/2026-09-03-checkout-delay-ja.html"} {
		do("phone "+page, chromedp.Navigate(page), chromedp.WaitReady(chromedp.CSS("main")))
		if w := eval("page width", `[String(document.scrollingElement.scrollWidth)]`); len(w) != 1 || w[0] != "375" {
			t.Errorf("%s at 375 pixels scrolls sideways: %v pixels wide", page, w)
		}
	}
	do("window", chromedp.EmulateViewport(1200, 900))

	// A long word in a title or a service breaks: the list fits its box, on a phone and in a window,
	// as the page draws it and as the script redraws it (a search).
	for _, width := range []int64{375, 1100} {
		do(fmt.Sprintf("long words, window %d", width), chromedp.EmulateViewport(width, 800), chromedp.Navigate(srv.URL+"/long/index.html"),
			chromedp.WaitVisible(chromedp.CSS("#pms")))
		for _, drawn := range []string{"page", "script"} {
			if drawn == "script" {
				set("q", "averylongword", "input")
			}
			if w := eval("list width", `(b => [String(b.scrollWidth), String(b.clientWidth)])(document.getElementById('pms').parentElement)`); len(w) != 2 || w[0] != w[1] {
				t.Errorf("window %d, the list as the %s draws it: %v pixels wide in a box of %v", width, drawn, w[:min(1, len(w))], w[min(1, len(w)-1):])
			}
		}
	}
	do("window", chromedp.EmulateViewport(1200, 900))

	// From file:// the search index loads too (a script, as fetch cannot read beside the page).
	do("file://", chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(en, "index.html"))), chromedp.WaitVisible(chromedp.CSS("#pms")),
		chromedp.SendKeys(chromedp.CSS("#q"), "emptied"))
	if ids := visible(); strings.Join(ids, ",") != "2026-11-02-cache-stampede" {
		t.Errorf("file://: search shows %v", ids)
	}
	// Back from a postmortem, the list is what the filter the browser put back says (from file://
	// the browser puts the filter back after the script has drawn the list).
	set("q", "stampede", "input")
	set("f-services", "checkout", "change")
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('#pms tbody tr a[href^="pm/"]').click(), true`))
	check("open a row", err)
	do("a postmortem", chromedp.WaitVisible(chromedp.CSS(".facts")))
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`history.back(), true`))
	check("back", err)
	do("back to the index", chromedp.Sleep(700*time.Millisecond)) // read by script: a page the browser kept is not one chromedp waits on
	v := eval("filter", `[location.pathname, document.getElementById('f-services').value, document.getElementById('q').value]`)
	want := "2026-11-02-cache-stampede"
	if len(v) == 3 && v[1] == "" && v[2] == "" {
		want = "" // the browser put nothing back: the whole list
	}
	// the search comes back with the filter, not the filter alone (a list wider than what it shows)
	if ids := visible(); len(v) != 3 || !strings.HasSuffix(v[0], "/index.html") || (want != "" && (strings.Join(ids, ",") != want || v[1] != "checkout" || v[2] != "stampede")) ||
		(want == "" && len(ids) != 4) {
		t.Errorf("back to the index (%v), the list shows %v", v, ids)
	}
	t.Logf("screenshots in %s", shots)
}

// manyInputs are n postmortems, the first matching of them with "zanzibar" in their title.
func manyInputs(t testing.TB, n, matching int) []Input {
	t.Helper()
	var out []Input
	for i := range n {
		title := fmt.Sprintf("Incident %d", i)
		if i < matching {
			title = fmt.Sprintf("Zanzibar incident %d", i)
		}
		id := fmt.Sprintf("2026-%02d-%02d-incident-%d", 1+i%12, 1+i%28, i)
		src := fmt.Sprintf("---\ntitle: %s\nseverity: SEV-3\nstatus: Draft\nowner: Ana\nincident_date: %s\n---\n\n## Overview\n\nText.\n", title, id[:10])
		doc := postmortem.Parse("postmortems/"+id+".md", []byte(src), time.UTC)
		out = append(out, Input{ID: id, Path: "postmortems/" + id + ".md", Doc: doc})
	}
	return out
}
