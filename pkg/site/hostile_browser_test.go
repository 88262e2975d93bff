package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/testenv"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// TestHostileDocumentInBrowser opens, in headless Chromium, the pages of a postmortem a stranger
// wrote to run script and to call out: scripts, event handlers and javascript: links in its fields
// and body, and images on another host. Served over HTTP, no page runs the script (the title stays)
// and nothing is asked of the other host; and every id an aria-labelledby names is on the page (a
// file name with a space once made an id that aria-labelledby read as two); and a postmortem and a
// service named __proto__ are found by the search, which threw on them; and nothing hidden from
// screen readers takes keyboard focus.
func TestHostileDocumentInBrowser(t *testing.T) {
	browser := findBrowser()
	if browser == "" {
		testenv.Skip(t, "NOTICE: no chromium, chromium-browser or google-chrome on PATH: the site is not tested in a browser (apt-get install chromium)")
	}
	if testing.Short() {
		testenv.Unsupported(t, "-short: no browser test")
	}
	testenv.Exhaustive(t)
	var mu sync.Mutex
	var asked []string
	stranger := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
	}))
	defer stranger.Close()
	host := strings.TrimPrefix(stranger.URL, "http://")
	call := "fetch(/**/`" + stranger.URL + "/script`);document.title=`PW`+`NED`" // the title says PWNED only if it ran
	src := "---\ntitle: '<script>" + call + "</script>'\nseverity: SEV-2\nstatus: Reviewed\nowner: '\"><img src=x onerror=\"" + call + "\">'\n" +
		"incident_date: 2026-11-01\nservices: ['<svg onload=\"" + call + "\">']\ntags: ['</script><script>" + call + "</script>']\n---\n\n" +
		"## Overview\n\nSeen <img src=x onerror=\"" + call + "\"> [x](javascript:" + call + ")\n\n" +
		"![tracker](" + stranger.URL + "/pixel.png) ![relative](//" + host + "/relative.png) [![in a link](http://" + host + "/inlink.png)](https://example.com/)\n\n" +
		"## Messaging\n\n### External Message\n\nSorry ![m](" + stranger.URL + "/message.png)\n"
	dir := t.TempDir() + "/site"
	doc := postmortem.Parse("postmortems/2026-11-01-x.md", []byte(src), time.UTC)
	// a file name with a space: its message's article on the messages pages is named all the same
	spaced := postmortem.Parse("postmortems/2026-11-02-db failover.md", []byte("---\ntitle: Failover\nseverity: SEV-2\nstatus: Reviewed\nowner: x\n"+
		"incident_date: 2026-11-02\n---\n\n## Overview\n\nText.\n\n## Messaging\n\n### External Message\n\nWe are sorry.\n"), time.UTC)
	// a file and a service named as what every script object inherits: the search finds its words
	proto := postmortem.Parse("postmortems/__proto__.md", []byte("---\ntitle: Proto\nseverity: SEV-2\nstatus: Draft\nowner: x\n"+
		"incident_date: 2026-11-03\nservices: [__proto__, constructor]\n---\n\n## Overview\n\nText.\n\n## Root Cause\n\nQuokka.\n"), time.UTC)
	inputs := []Input{{ID: "2026-11-01-x", Path: "postmortems/2026-11-01-x.md", Doc: doc}, {ID: "2026-11-02-db failover", Path: "postmortems/2026-11-02-db failover.md", Doc: spaced},
		{ID: "__proto__", Path: "postmortems/__proto__.md", Doc: proto}}
	if _, err := Build(dir, inputs, fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	// served over HTTP: from file:// Chromium asks no loopback address anything, whatever the page says
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+filepath.ToSlash(rel)), chromedp.WaitReady(chromedp.CSS("main")),
			chromedp.Sleep(300*time.Millisecond)); err != nil {
			return err
		}
		title, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`))
		if err != nil {
			return err
		}
		if strings.Contains(title, "PWNED") {
			t.Errorf("%s ran the document's script", p)
		}
		// every id an aria-labelledby names is on the page
		missing, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('[aria-labelledby]')).flatMap(e =>
			e.getAttribute('aria-labelledby').split(/\s+/).filter(id => !document.getElementById(id)))`))
		if err != nil {
			return err
		}
		if len(missing) > 0 {
			t.Errorf("%s: aria-labelledby names %q, which no element has", rel, missing)
		}
		// nothing hidden from screen readers takes keyboard focus
		focusable, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('[aria-hidden="true"], [aria-hidden="true"] *'))
			.filter(e => e.tabIndex >= 0 && e.matches('a[href], button, input, select, textarea, [tabindex]')).map(e => e.outerHTML)`))
		if err != nil {
			return err
		}
		if len(focusable) > 0 {
			t.Errorf("%s: hidden from screen readers but focusable: %q", rel, focusable)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A search for a word of the __proto__ postmortem's text (not its title or summary: the full text,
	// loaded when the search starts) finds it, and its services lead to their pages.
	var thrown []string
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/index.html"), chromedp.WaitVisible(chromedp.CSS("#pms"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.thrown = []; window.addEventListener('error', e => window.thrown.push(e.message));
		(e => { e.value = 'quokka'; return e.dispatchEvent(new Event('input')); })(document.getElementById('q'))`)); err != nil {
		t.Fatal(err)
	}
	found, err := chromedp.Run(ctx, chromedp.Poll[[]string](`(() => { const r = Array.from(document.querySelectorAll('#pms tbody tr'));
		return r.length === 1 && r[0].dataset.id === '__proto__' ? Array.from(r[0].querySelectorAll('a')).map(a => a.getAttribute('href')) : null; })()`,
		chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		rows, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#pms tbody tr')).map(r => r.dataset.id)`))
		thrown, _ = chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.thrown`))
		t.Errorf("a search for the __proto__ postmortem's word shows %v (errors: %v): %v", rows, thrown, err)
	} else if want := "pm/__proto__.html service/__proto__.html service/constructor.html"; strings.Join(found, " ") != want {
		t.Errorf("the __proto__ postmortem's row links %v, want %s", found, want)
	}
	mu.Lock()
	defer mu.Unlock()
	if pages, _ := filepath.Glob(filepath.Join(dir, "pm", "*.html")); len(pages) != 3 {
		t.Errorf("the postmortem's pages: %v", pages)
	}
	if len(asked) > 0 {
		t.Errorf("the pages asked another host for %v", asked)
	}
}
