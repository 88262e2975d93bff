package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// parsed is one page of the built site.
type parsed struct {
	rel  string
	root *html.Node
	src  string
}

func pages(t *testing.T, dir string) []parsed {
	t.Helper()
	var out []parsed
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		root, err := html.Parse(strings.NewReader(string(src)))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, parsed{filepath.ToSlash(rel), root, string(src)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// TestPagesAreWellFormed checks every page's structure: a language, a title, one main landmark, a
// navigation with a label, ids unique in the page, every form control labelled.
func TestPagesAreWellFormed(t *testing.T) {
	dir := buildFixture(t, fixtureOptions(i18n.EN))
	ps := pages(t, dir)
	// index, 4 postmortems, 4 months of the archive, 5 services, 4 tags, actions, messages (and
	// those of 2026), charts
	if len(ps) != 1+4+4+5+4+4 {
		var names []string
		for _, p := range ps {
			names = append(names, p.rel)
		}
		t.Errorf("%d pages: %v", len(ps), names)
	}
	for _, p := range ps {
		var mains, titles, navs, h1s int
		ids := map[string]bool{}
		labelled := map[string]bool{}
		var controls []string
		walk(p.root, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			if id, ok := attr(n, "id"); ok {
				if ids[id] {
					t.Errorf("%s: id %q twice", p.rel, id)
				}
				ids[id] = true
			}
			switch n.Data {
			case "html":
				if l, _ := attr(n, "lang"); l != "en" {
					t.Errorf("%s: lang %q", p.rel, l)
				}
			case "main":
				mains++
			case "h1":
				h1s++
			case "title":
				if n.Parent.Data == "head" && strings.TrimSpace(text(n)) != "" {
					titles++
				}
			case "nav":
				navs++
				if _, ok := attr(n, "aria-label"); !ok {
					t.Errorf("%s: a nav without aria-label", p.rel)
				}
			case "label":
				f, _ := attr(n, "for")
				labelled[f] = true
			case "input", "select":
				id, _ := attr(n, "id")
				controls = append(controls, id)
			}
		})
		if mains != 1 || titles != 1 || navs < 1 || h1s != 1 {
			t.Errorf("%s: %d main, %d title, %d nav, %d h1", p.rel, mains, titles, navs, h1s)
		}
		for _, c := range controls {
			if !labelled[c] {
				t.Errorf("%s: control %q has no label", p.rel, c)
			}
		}
	}
}

// TestLinksResolve is a link checker over the whole site: every relative href and src names a file
// of the site (and an id in it, for a fragment); the only absolute addresses are the documents' own
// links and repo_url's.
func TestLinksResolve(t *testing.T) {
	dir := buildFixture(t, fixtureOptions(i18n.EN))
	allowed := []string{"https://vendor.example.com/status", "https://github.com/acme/postmortems/"}
	ids := map[string]map[string]bool{}
	ps := pages(t, dir)
	for _, p := range ps {
		ids[p.rel] = map[string]bool{}
		walk(p.root, func(n *html.Node) {
			if id, ok := attr(n, "id"); ok && n.Type == html.ElementNode {
				ids[p.rel][id] = true
			}
		})
	}
	checked := 0
	for _, p := range ps {
		walk(p.root, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			for _, key := range []string{"href", "src"} {
				v, ok := attr(n, key)
				if !ok {
					continue
				}
				u, err := url.Parse(v)
				if err != nil {
					t.Errorf("%s: %s %q: %v", p.rel, key, v, err)
					continue
				}
				if u.Scheme != "" || u.Host != "" {
					ok := false
					for _, a := range allowed {
						ok = ok || strings.HasPrefix(v, a)
					}
					if !ok {
						t.Errorf("%s: absolute %s %q", p.rel, key, v)
					}
					continue
				}
				target := p.rel
				if u.Path != "" {
					target = path.Clean(path.Join(path.Dir(p.rel), u.Path))
					if strings.HasPrefix(target, "../") {
						t.Errorf("%s: %q leaves the site", p.rel, v)
						continue
					}
					if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(target))); err != nil {
						t.Errorf("%s: %s %q: no file %s", p.rel, key, v, target)
						continue
					}
				}
				if u.Fragment != "" && strings.HasSuffix(target, ".html") && !ids[target][u.Fragment] {
					t.Errorf("%s: %q: no id %q in %s", p.rel, v, u.Fragment, target)
				}
				checked++
			}
		})
	}
	if checked < 100 {
		t.Errorf("only %d links checked", checked)
	}
}

// TestHostileTextStaysText checks that a title, an owner and a service full of markup reach the
// pages as text, and that the body's script and javascript: link are dropped.
func TestHostileTextStaysText(t *testing.T) {
	dir := buildFixture(t, fixtureOptions(i18n.EN))
	sawTitle := false
	for _, p := range pages(t, dir) {
		walk(p.root, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			switch n.Data {
			case "script":
				if src, _ := attr(n, "src"); src == "" {
					t.Errorf("%s: an inline script: %q", p.rel, text(n))
				}
			case "img", "svg":
				if _, ok := attr(n, "onerror"); ok {
					t.Errorf("%s: an element with onerror", p.rel)
				}
				if _, ok := attr(n, "onload"); ok {
					t.Errorf("%s: an element with onload", p.rel)
				}
			case "b":
				t.Errorf("%s: a <b> element from a document: %q", p.rel, text(n))
			case "a":
				if h, _ := attr(n, "href"); strings.HasPrefix(strings.ToLower(h), "javascript:") {
					t.Errorf("%s: a javascript: link", p.rel)
				}
			case "h1":
				if strings.Contains(text(n), "<script>alert('pwned')</script>") {
					sawTitle = true
				}
			}
		})
	}
	if !sawTitle {
		t.Error("the hostile title is not shown as text in any h1")
	}
}

// TestUnsafeHTML checks that raw HTML in a document is dropped unless site.unsafe_html is set.
func TestUnsafeHTML(t *testing.T) {
	page := func(o Options) string {
		dir := buildFixture(t, o)
		src, err := os.ReadFile(filepath.Join(dir, "pm", "2026-11-02-cache-stampede.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(src)
	}
	o := fixtureOptions(i18n.EN)
	if got := page(o); strings.Contains(got, `class="rawhtml"`) {
		t.Error("raw HTML rendered without unsafe_html")
	}
	o.UnsafeHTML = true
	if got := page(o); !strings.Contains(got, `<b class="rawhtml">raw</b>`) {
		t.Error("raw HTML not rendered with unsafe_html")
	}
}

// TestPostmortemPage checks one page's parts: the header card, the highlighted code, the heading
// anchors, the status history, the links both ways, the edit link, the lint findings.
func TestPostmortemPage(t *testing.T) {
	dir := buildFixture(t, fixtureOptions(i18n.EN))
	read := func(name string) string {
		src, err := os.ReadFile(filepath.Join(dir, "pm", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(src)
	}
	pay, cache, hostile := read("2026-10-14-payment-api-timeouts.html"), read("2026-11-02-cache-stampede.html"), read("2026-08-01-hostile.html")
	for _, want := range []string{
		`<span class="sev sev1">SEV-1</span>`,
		`<h2 id="root-cause">Root Cause <a class="anchor" href="#root-cause"`,
		`<span class="nf">Println</span>`, // chroma's classes
		`<a href="../pm/2026-11-02-cache-stampede.html">cache stampede</a>`,
		`<p>Recurred in: <a href="../pm/2026-11-02-cache-stampede.html">Cache stampede after the deploy</a></p>`,
		`<p>Related postmortems: <a href="../pm/2026-11-02-cache-stampede.html">`,
		`href="https://github.com/acme/postmortems/edit/main/postmortems/2026-10-14-payment-api-timeouts.md">Edit on GitHub</a>`,
		`<ol class="timeline"><li><span class="status st-draft">Draft</span> <time>2026-10-14T16:10:00Z</time>`,
		`<span class="badge ok">No lint findings</span>`,
		`<th>Service</th>`,
		`2026-10-16 15:00 UTC <span class="meeting`, // the meeting's time names its zone: readers are in others
	} {
		if !strings.Contains(pay, want) {
			t.Errorf("payment page lacks %s", want)
		}
	}
	for _, want := range []string{
		`<p>Recurrence of: <a href="../pm/2026-10-14-payment-api-timeouts.html">`,
		`<p>Related postmortems: <a href="../pm/2026-10-14-payment-api-timeouts.html">`,
	} {
		if !strings.Contains(cache, want) {
			t.Errorf("cache page lacks %s", want)
		}
	}
	for _, want := range []string{`Lint findings: 1 error, 0 warnings`, `<code>required-section</code> &lt;i&gt;missing&lt;/i&gt; Root Cause`} {
		if !strings.Contains(hostile, want) {
			t.Errorf("hostile page lacks %s", want)
		}
	}
	// Headings take ids as GitHub numbers them, never one of the page's own: the badge's #lint
	// leads to the findings.
	for _, want := range []string{`<h2 id="overview">Overview`, `<h2 id="lint-1">Lint`, `<h2 id="main-1">Main`, `<h2 id="overview-1">Overview`,
		`<h2 id="overview-1-1">Overview 1`, `href="#lint">Lint findings`, `<h2 id="lint">Lint findings</h2>`} {
		if !strings.Contains(hostile, want) {
			t.Errorf("hostile page lacks %s", want)
		}
	}
	if !strings.Contains(pay, `<h3 id="main-1">Main`) || !strings.Contains(pay, `<h2 id="h-history">`) {
		t.Error("payment page: a heading took one of the page's ids")
	}
}

// TestMessageLinks: a link in an External Message leads, on the messages pages, where it leads on the
// postmortem's page, whatever folder the page is in; its headings keep no id there.
func TestMessageLinks(t *testing.T) {
	dir := buildFixture(t, fixtureOptions(i18n.EN))
	for page, want := range map[string][]string{
		"pm/2026-10-14-payment-api-timeouts.html": {`<a href="../pm/2026-11-02-cache-stampede.html#overview">the stampede after</a>`,
			`<a href="#root-cause">the cause</a>`, `<h3 id="main-1">Main <a class="anchor" href="#main-1"`},
		"messages.html": {`<a href="pm/2026-11-02-cache-stampede.html#overview">the stampede after</a>`,
			`<a href="pm/2026-10-14-payment-api-timeouts.html#root-cause">the cause</a>`,
			`<h3>Main <a class="anchor" href="pm/2026-10-14-payment-api-timeouts.html#main-1"`},
		"messages/2026.html": {`<a href="../pm/2026-11-02-cache-stampede.html#overview">the stampede after</a>`,
			`<a href="../pm/2026-10-14-payment-api-timeouts.html#root-cause">the cause</a>`,
			`<h3>Main <a class="anchor" href="../pm/2026-10-14-payment-api-timeouts.html#main-1"`},
	} {
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(src), w) {
				t.Errorf("%s lacks %s", page, w)
			}
		}
	}
}

// TestIndexAndBoards checks the index's order and data, the action board and the messages page.
func TestIndexAndBoards(t *testing.T) {
	dir := buildFixture(t, fixtureOptions(i18n.EN))
	idx, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	order := []string{"2026-11-02-cache-stampede", "2026-10-14-payment-api-timeouts", "2026-09-03-checkout-delay-ja", "2026-08-01-hostile"}
	last := -1
	for _, id := range order {
		i := strings.Index(string(idx), `data-id="`+id+`"`)
		if i < last {
			t.Errorf("index: %s out of order (newest first)", id)
		}
		last = i
	}
	if !strings.Contains(string(idx), `<span class="meeting m-met">held in time</span>`) {
		t.Error("index: no meeting state")
	}
	// the count of a search with more matches than are drawn (the browser test runs one)
	if !strings.Contains(string(idx), `data-first="%d of %d match; the first %d are shown"`) {
		t.Error("index: no count for a search with more matches than are drawn")
	}
	board, _ := os.ReadFile(filepath.Join(dir, "actions.html"))
	// The P1 item was due 2026-10-30: on 2026-12-04 it is 35 days overdue; the done one is not listed.
	if !strings.Contains(string(board), `<tr class="overdue"><td class="num">35</td><td>Move the risk call out of the transaction</td>`) {
		t.Errorf("actions board: %s", board)
	}
	if strings.Contains(string(board), "Load test with risk-svc") {
		t.Error("actions board lists a done item")
	}
	msgs, _ := os.ReadFile(filepath.Join(dir, "messages.html"))
	for _, want := range []string{"some card payments failed", "決済が遅延しました"} {
		if !strings.Contains(string(msgs), want) {
			t.Errorf("messages page lacks %q", want)
		}
	}
	if strings.Contains(string(msgs), "Cache stampede") {
		t.Error("messages page shows a Draft's postmortem")
	}
	// An aligned cell, in the message and on the page, aligned once (rendering the message's blocks
	// a second time used to add the alignment to the style again).
	page, _ := os.ReadFile(filepath.Join(dir, "pm", "2026-10-14-payment-api-timeouts.html"))
	for name, html := range map[string][]byte{"messages page": msgs, "postmortem page": page} {
		for _, want := range []string{"<td>EU</td>\n<td style=\"text-align:right\">48</td>\n", "<th>Region</th>\n<th style=\"text-align:right\">Minutes</th>\n"} {
			if !strings.Contains(string(html), want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
}

// TestCharts checks that each chart is an SVG image with a title and a description, and a data table.
func TestCharts(t *testing.T) {
	dir := buildFixture(t, fixtureOptions(i18n.EN))
	src, _ := os.ReadFile(filepath.Join(dir, "charts.html"))
	root, err := html.Parse(strings.NewReader(string(src)))
	if err != nil {
		t.Fatal(err)
	}
	svgs, tables := 0, 0
	walk(root, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "svg":
			svgs++
			if r, _ := attr(n, "role"); r != "img" {
				t.Errorf("svg role %q", r)
			}
			var title, desc string
			walk(n, func(c *html.Node) {
				if c.Type == html.ElementNode && c.Parent == n && c.Data == "title" {
					title = text(c)
				}
				if c.Type == html.ElementNode && c.Parent == n && c.Data == "desc" {
					desc = text(c)
				}
			})
			if title == "" || desc == "" {
				t.Errorf("svg without title or desc: %q %q", title, desc)
			}
		case "details":
			tables++
		}
	})
	if svgs != 4 || tables != 4 {
		t.Errorf("%d charts, %d data tables", svgs, tables)
	}
	if !strings.Contains(string(src), "Of 2 action items, 1 done, 1 of them by their deadline.") {
		t.Error("the action items chart's description is wrong")
	}
}

// TestChartsOfOne: the charts' descriptions agree in number with a count of one (a repository's
// first postmortem, with one action item): "1 postmortem over 1 month", "Of 1 action item, 1 done".
func TestChartsOfOne(t *testing.T) {
	doc := postmortem.Parse("postmortems/2026-10-01-one.md", []byte("---\ntitle: One\nseverity: SEV-2\nstatus: Draft\nowner: x\n"+
		"incident_date: 2026-10-01\n---\n\n## Action Items\n\n| Action | Owner | Ticket | Due | Status |\n|---|---|---|---|---|\n"+
		"| Add alerting | x | OPS-1 | 2026-10-10 | Done |\n"), time.UTC)
	dir := t.TempDir() + "/site"
	if _, err := Build(dir, []Input{{ID: "2026-10-01-one", Path: "postmortems/2026-10-01-one.md", Doc: doc}}, fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, "charts.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"A stacked bar chart of 1 postmortem over 1 month,", "Of 1 action item, 1 done, "} {
		if !strings.Contains(string(src), want) {
			t.Errorf("charts.html lacks %q", want)
		}
	}
}

// TestIndexJSON checks index.json's schema keys and a postmortem's figures.
func TestIndexJSON(t *testing.T) {
	dir := buildFixture(t, fixtureOptions(i18n.EN))
	data, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	// Assembled from each postmortem's entry, it is what encoding/json writes of the whole.
	var whole IndexJSON
	if err := json.Unmarshal(data, &whole); err != nil {
		t.Fatal(err)
	}
	if again, _ := json.MarshalIndent(whole, "", "  "); string(again)+"\n" != string(data) {
		t.Errorf("index.json differs from encoding/json's:\n%s\nwant\n%s", data, again)
	}
	if doc["schema"] != float64(1) {
		t.Errorf("schema %v", doc["schema"])
	}
	for _, k := range []string{"generated", "postmortems", "stats"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("no key %s", k)
		}
	}
	pms := doc["postmortems"].([]any)
	if len(pms) != 4 {
		t.Fatalf("%d postmortems", len(pms))
	}
	var pay map[string]any
	for _, p := range pms {
		m := p.(map[string]any)
		for _, k := range []string{"id", "path", "page", "title", "severity", "status", "owner", "incident_commander", "incident_date",
			"meeting", "external_message", "full_outage", "services", "tags", "contributing_factors", "related", "recurrence_of",
			"status_history", "derived", "lint"} {
			if _, ok := m[k]; !ok {
				t.Errorf("%v: no key %s", m["id"], k)
			}
		}
		if m["id"] == "2026-10-14-payment-api-timeouts" {
			pay = m
		}
	}
	d := pay["derived"].(map[string]any)
	if d["meeting_sla"] != "met" || d["days_to_closed"] != 37.4 || d["action_items"] != float64(2) || d["overdue"] != float64(1) {
		t.Errorf("derived %v", d)
	}
	// The feed is well-formed XML with the Reviewed and new entries.
	feed, _ := os.ReadFile(filepath.Join(dir, "feed.xml"))
	var f struct {
		ID      string `xml:"id"`
		Entries []struct {
			Title string `xml:"title"`
			ID    string `xml:"id"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(feed, &f); err != nil || len(f.Entries) != 6 || f.Entries[0].Title != "Cache stampede after the deploy" {
		t.Errorf("feed: %v %+v", err, f.Entries)
	}
	// Its ids are IRIs (name-based UUIDs, whatever characters an id holds), all different, and
	// another repository's feed has others.
	uuid := regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{f.ID: true}
	for _, e := range f.Entries {
		if !uuid.MatchString(e.ID) || seen[e.ID] {
			t.Errorf("feed entry id %q", e.ID)
		}
		seen[e.ID] = true
	}
	o := fixtureOptions(i18n.EN)
	o.FeedKey = "https://github.com/other/postmortems/blob/main"
	other := buildFixture(t, o)
	if b, _ := os.ReadFile(filepath.Join(other, "feed.xml")); bytes.Contains(b, []byte(f.Entries[0].ID)) || bytes.Contains(b, []byte(f.ID)) {
		t.Error("another repository's feed has the same ids")
	}
}

// TestJapanese checks that the Japanese site is in Japanese.
func TestJapanese(t *testing.T) {
	dir := buildFixture(t, fixtureOptions(i18n.JA))
	src, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	for _, want := range []string{`<html lang="ja">`, "すべてのポストモーテム", "4 件中 4 件を表示", `data-first="%[2]d 件中 %[1]d 件が該当、先頭の %[3]d 件を表示"`} {
		if !strings.Contains(string(src), want) {
			t.Errorf("Japanese index lacks %s", want)
		}
	}
}

// TestBuildReplacesOnlyItsOwnFolder checks that Build refuses a folder it did not write, and
// rebuilds one it did: the files it wrote there and no longer writes go, the files of the user's stay.
func TestBuildReplacesOnlyItsOwnFolder(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	os.WriteFile(keep, []byte("mine"), 0o644)
	if _, err := Build(dir, fixture(t), fixtureOptions(i18n.EN)); !errors.Is(err, ErrNotSite) {
		t.Fatalf("got %v, want ErrNotSite", err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Fatal("the user's file is gone")
	}
	out := filepath.Join(dir, "site")
	if _, err := Build(out, fixture(t), fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "notes.html"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(out, "pm", "notes.html"), []byte("mine"), 0o644)
	one := fixture(t)[:1]
	if _, err := Build(out, one, fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"notes.html", "pm/notes.html"} {
		if data, _ := os.ReadFile(filepath.Join(out, rel)); string(data) != "mine" {
			t.Errorf("a rebuilt site lost the user's %s", rel)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(out, "pm"))
	if len(entries) != 2 {
		t.Errorf("pm/ holds %v, want the user's file and %s's page: a rebuilt site kept a stale page", entries, one[0].ID)
	}
	entries, _ = os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestRemovesOnlyInsideItsFolder: the files a manifest lists are removed only inside the site's own
// folders: not through a symbolic link the user put in the place of one, nor outside the folder.
func TestRemovesOnlyInsideItsFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "site")
	if _, err := Build(out, fixture(t), fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	elsewhere := filepath.Join(dir, "elsewhere")
	os.MkdirAll(elsewhere, 0o755)
	for _, name := range []string{"a.html", "outside.txt"} {
		os.WriteFile(filepath.Join(elsewhere, name), []byte("mine"), 0o644)
	}
	if err := os.Symlink(elsewhere, filepath.Join(out, "linked")); err != nil {
		t.Skipf("symlink: %v", err)
	}
	m := &manifest{Version: cacheVersion, Pages: map[string]fingerprint{"linked/a.html": {}, "../elsewhere/outside.txt": {}}}
	if err := m.save(filepath.Join(out, CacheDir)); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(out, fixture(t), fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.html", "outside.txt"} {
		if _, err := os.Stat(filepath.Join(elsewhere, name)); err != nil {
			t.Errorf("%s was removed", name)
		}
	}
}

// TestBuildRefusesALink: a symbolic link in out's place, to a site or to nothing, is neither written
// through nor replaced.
func TestBuildRefusesALink(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "site")
	if _, err := Build(out, fixture(t), fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"linked": out, "dangling": filepath.Join(dir, "nowhere")} {
		path := filepath.Join(dir, link)
		if err := os.Symlink(target, path); err != nil {
			t.Skipf("symlink: %v", err)
		}
		if _, err := Build(path, fixture(t), fixtureOptions(i18n.EN)); !errors.Is(err, ErrSymlink) {
			t.Errorf("%s: got %v, want ErrSymlink", link, err)
		}
		if fi, err := os.Lstat(path); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s was replaced", link)
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere")); err == nil {
		t.Error("a site was written through the dangling link")
	}
}

// With the vocabulary's names (Options.Canonical), an alias and another case of a name are the
// name: one page per service, holding every postmortem that names it any way.
func TestServicePagesByTheVocabulary(t *testing.T) {
	o := fixtureOptions(i18n.EN)
	o.Canonical = func(key, value string) string {
		if key == "services" && (strings.EqualFold(value, "checkout") || value == "決済") {
			return "checkout-web"
		}
		return value
	}
	dir := buildFixture(t, o)
	if _, err := os.Stat(filepath.Join(dir, "service", "checkout.html")); !os.IsNotExist(err) {
		t.Errorf("a page for the alias: %v", err)
	}
	page, err := os.ReadFile(filepath.Join(dir, "service", "checkout-web.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), `href="../pm/`); n < 2 {
		t.Errorf("the name's page lists %d postmortems:\n%s", n, page)
	}
}

// Without a vocabulary, spellings of a name by letter case are one service too, as pm stats
// --service matches them: one page, under the spelling most postmortems use.
func TestServiceSpellingsByCaseAreOnePage(t *testing.T) {
	in := fixture(t)
	doc := postmortem.Parse("postmortems/2026-09-10-caps.md", []byte("---\ntitle: Caps\nseverity: SEV-3\nstatus: Draft\nowner: x\n"+
		"incident_date: 2026-09-10\nservices: [Checkout, CHECKOUT]\n---\n\n# Caps\n"), time.UTC)
	in = append(in, Input{ID: "2026-09-10-caps", Path: "postmortems/2026-09-10-caps.md", Doc: doc})
	dir := t.TempDir() + "/site"
	if _, err := Build(dir, in, fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "service"))
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, e := range entries {
		if strings.HasPrefix(strings.ToLower(e.Name()), "checkout") {
			pages = append(pages, e.Name())
		}
	}
	if len(pages) != 1 || pages[0] != "checkout.html" {
		t.Fatalf("pages for checkout: %v, want [checkout.html]", pages)
	}
	page, err := os.ReadFile(filepath.Join(dir, "service", pages[0]))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), `href="../pm/`); n != 3 {
		t.Errorf("the page lists %d postmortems, want 3:\n%s", n, page)
	}
}

// TestMessageIDsHaveNoSpace: on the messages pages each message's article is named by its heading
// (aria-labelledby), and every id it names exists: a file name with a space, a quote or a '#' makes
// an id of the page's name, not one aria-labelledby would read as a list of other ids.
func TestMessageIDsHaveNoSpace(t *testing.T) {
	var inputs []Input
	for _, id := range []string{"2026-11-03-db failover", `2026-11-04-a"b #?%`, "2026-11-05-plain"} {
		src := "---\ntitle: T\nseverity: SEV-2\nstatus: Reviewed\nowner: x\nincident_date: " + id[:10] +
			"\n---\n\n## Overview\n\nText.\n\n## Messaging\n\n### External Message\n\nWe are sorry.\n"
		p := "postmortems/" + id + ".md"
		inputs = append(inputs, Input{ID: id, Path: p, Doc: postmortem.Parse(p, []byte(src), time.UTC)})
	}
	dir := t.TempDir() + "/site"
	if _, err := Build(dir, inputs, fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"messages.html", "messages/2026.html"} {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		named := 0
		for _, m := range regexp.MustCompile(`aria-labelledby="([^"]*)"`).FindAllStringSubmatch(src, -1) {
			for _, id := range strings.Fields(m[1]) {
				if !strings.Contains(src, ` id="`+id+`"`) {
					t.Errorf("%s: aria-labelledby=%q names %q, which no element has", page, m[1], id)
				}
			}
			if strings.HasPrefix(m[1], "m-") {
				named++
			}
		}
		if named != 3 {
			t.Errorf("%s: %d messages named by their heading, want 3", page, named)
		}
		if !strings.Contains(src, `<article class="message" aria-labelledby="m-2026-11-05-plain">`) {
			t.Errorf("%s: a plain id's message is not m-<id>", page)
		}
	}
}

// TestUnreadableFieldsAreNamed: a postmortem whose severity, status, incident date or owner is
// missing or unreadable shows "none" in its card, as it does for the meeting, never a label with
// nothing after it.
func TestUnreadableFieldsAreNamed(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.EN, i18n.JA} {
		in := fixture(t)
		doc := postmortem.Parse("postmortems/2026-09-01-broken.md", []byte("---\ntitle:\nseverity: SEV-9\nstatus: Whatever\n"+
			"incident_date: not-a-date\nmeeting: yesterday\n---\nbody only\n"), time.UTC)
		in = append(in, Input{ID: "2026-09-01-broken", Path: "postmortems/2026-09-01-broken.md", Doc: doc})
		dir := t.TempDir() + "/site"
		if _, err := Build(dir, in, fixtureOptions(l)); err != nil {
			t.Fatal(err)
		}
		page, err := os.ReadFile(filepath.Join(dir, "pm", "2026-09-01-broken.html"))
		if err != nil {
			t.Fatal(err)
		}
		none := l.T("site.none")
		for _, blank := range []string{"<dd></dd>", `<span class="sev sevx"></span>`, `<span class="status st-"></span>`} {
			if strings.Contains(string(page), blank) {
				t.Errorf("%s: the card shows a field as nothing (%s)", l, blank)
			}
		}
		if n := strings.Count(string(page), "<dd>"+none+"</dd>"); n != 5 { // severity, status, date, owner, meeting
			t.Errorf("%s: the card says %q %d times, want 5", l, none, n)
		}
	}
}

// TestChartLegendHasNoEmptySeries: a severity none of whose postmortems is in the months the chart
// shows (the one postmortem of unknown severity has no incident date) has no key in the legend and
// no column of zeros under "Data": the legend named a colour no bar had.
func TestChartLegendHasNoEmptySeries(t *testing.T) {
	in := fixture(t)
	doc := postmortem.Parse("postmortems/2026-09-01-broken.md", []byte("---\ntitle: Broken\nseverity: SEV-9\nstatus: Draft\nowner: x\n"+
		"incident_date: not-a-date\n---\nbody only\n"), time.UTC)
	in = append(in, Input{ID: "2026-09-01-broken", Path: "postmortems/2026-09-01-broken.md", Doc: doc})
	dir := t.TempDir() + "/site"
	if _, err := Build(dir, in, fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, "charts.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(src), "unknown") {
		t.Errorf("the chart per month names a severity it has no postmortem of:\n%s", src)
	}
}
