package site

import (
	"fmt"
	"path"
	"strings"
	"unicode"
)

// The pages' markup, written by hand through markup's escaping (escape.go): at thousands of pages,
// html/template's reflection was a sixth of a whole build. Each value from a document goes through
// text or url; only pm's own markup, the rendered Markdown and the charts' SVG are written raw.

// frame is what every page has around its content.
type frame struct {
	L      labels
	Lang   string
	Root   string // "" for pages at the top, "../" for those one folder down
	Title  string
	Script bool   // load the search data and the script (the index page)
	Now    string // when it was built, "" to say nothing
}

// page writes a whole page: the frame around content.
func (f *frame) page(h markup, content func()) {
	l := f.L
	h.raw("<!doctype html>\n<html lang=\"")
	h.text(f.Lang)
	h.raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<title>")
	h.text(f.Title)
	h.raw(" · ")
	h.text(l["siteTitle"])
	h.raw("</title>\n<link rel=\"stylesheet\" href=\"")
	h.url(f.Root)
	h.raw("assets/site.css\">\n<link rel=\"icon\" href=\"")
	h.url(f.Root)
	h.raw("assets/icon.svg\" type=\"image/svg+xml\">\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
	h.text(l["siteTitle"])
	h.raw("\" href=\"")
	h.url(f.Root)
	h.raw("feed.xml\">\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">")
	h.text(l["skip"])
	h.raw("</a>\n<header class=\"top\">\n<a class=\"brand\" href=\"")
	h.url(f.Root)
	h.raw("index.html\">")
	h.text(l["siteTitle"])
	h.raw("</a>\n<nav aria-label=\"")
	h.text(l["navMain"])
	h.raw("\">\n<ul>\n")
	for _, n := range [...][2]string{{"index.html", "navIndex"}, {"actions.html", "navActions"}, {"messages.html", "navMessages"}, {"charts.html", "navCharts"}, {"feed.xml", "feed"}} {
		h.raw("<li><a href=\"")
		h.url(f.Root)
		h.raw(n[0])
		h.raw("\">")
		h.text(l[n[1]])
		h.raw("</a></li>\n")
	}
	h.raw("</ul>\n</nav>\n</header>\n<main id=\"main\">\n")
	content()
	h.raw("\n</main>\n<footer class=\"foot\"><p>")
	if f.Now != "" {
		h.text(f.Now)
	} else {
		h.text(l["siteTitle"])
	}
	h.raw("</p></footer>\n")
	if f.Script {
		h.raw("<script src=\"")
		h.url(f.Root)
		h.raw("search/rows.js\"></script>\n<script src=\"")
		h.url(f.Root)
		h.raw("assets/site.js\"></script>")
	}
	h.raw("\n</body>\n</html>\n")
}

func sevClass(sev string) string {
	if strings.HasPrefix(sev, "SEV-") {
		return "sev" + strings.TrimPrefix(sev, "SEV-")
	}
	return "sevx"
}

func statusClass(st string) string {
	return "st-" + strings.ReplaceAll(strings.ToLower(st), " ", "-")
}

// sev writes a severity as a coloured label.
func (h markup) sev(sev string) {
	h.raw(`<span class="sev `)
	h.text(sevClass(sev))
	h.raw(`">`)
	h.text(sev)
	h.raw(`</span>`)
}

// status writes a status as a coloured label.
func (h markup) status(st string) {
	h.raw(`<span class="status `)
	h.text(statusClass(st))
	h.raw(`">`)
	h.text(st)
	h.raw(`</span>`)
}

// link writes a link; one whose text has a word too long for a column (longWord) may break
// anywhere in it, so that it does not widen its table.
func (h markup) link(n named) {
	if longWord(n.Name) {
		h.raw(`<a class="long" href="`)
	} else {
		h.raw(`<a href="`)
	}
	h.url(n.Link)
	h.raw(`">`)
	h.text(n.Name)
	h.raw(`</a>`)
}

// longWord reports whether s has a run of more than 24 characters without a place to break a line
// at: not a space, not CJK (which breaks between any two characters). site.js's rowHTML says the
// same of the rows it draws.
func longWord(s string) bool {
	run := 0
	for _, r := range s {
		if unicode.IsSpace(r) || r >= 0x2E80 {
			run = 0
			continue
		}
		if run++; run > 24 {
			return true
		}
	}
	return false
}

// links writes links separated by commas.
func (h markup) links(ns []named) {
	for i, n := range ns {
		if i > 0 {
			h.raw(", ")
		}
		h.link(n)
	}
}

// chips writes a list of links as chips.
func (h markup) chips(ns []named) {
	h.raw(`<ul class="chips">`)
	for _, n := range ns {
		h.raw(`<li>`)
		h.link(n)
		h.raw(`</li>`)
	}
	h.raw(`</ul>`)
}

// th writes a table's head cells of the labels keys.
func (h markup) th(l labels, keys ...string) {
	for _, k := range keys {
		h.raw(`<th scope="col">`)
		h.text(l[k])
		h.raw(`</th>`)
	}
}

// meeting writes the meeting state of a row.
func (h markup) meeting(r *row) {
	h.raw(`<span class="meeting m-`)
	h.text(r.MeetingClass)
	h.raw(`">`)
	h.text(r.Meeting)
	h.raw(`</span>`)
}

func (d *pmData) write(h markup, l labels) {
	h.raw("\n<article>\n<header class=\"card\" aria-label=\"")
	h.text(l["contents"])
	h.raw("\">\n<h1>")
	h.text(d.F.Title)
	h.raw("</h1>\n<dl class=\"facts\">\n")
	dt := func(key string) {
		h.raw("<div><dt>")
		h.text(l[key])
		h.raw("</dt><dd>")
	}
	const end = "</dd></div>\n"
	// a field missing or unreadable (the lint findings say which) is "none", as the meeting is,
	// never a label with nothing after it
	orNone := func(s string, write func(string)) {
		if s == "" {
			h.text(l["none"])
		} else {
			write(s)
		}
	}
	dt("severity")
	orNone(d.F.Severity, h.sev)
	h.raw(end)
	dt("status")
	orNone(string(d.F.Status), h.status)
	h.raw(end)
	dt("date")
	orNone(d.Date, h.text)
	h.raw(end)
	dt("owner")
	orNone(d.F.Owner, h.text)
	h.raw(end)
	if d.F.IncidentCommander != "" {
		dt("commander")
		h.text(d.F.IncidentCommander)
		h.raw("</dd></div>")
	}
	h.raw("\n")
	dt("meeting")
	if d.MeetingAt != "" {
		h.text(d.MeetingAt)
		h.raw(" ")
	}
	if d.Meeting != "" {
		h.meeting(&d.row)
	} else if d.MeetingAt == "" {
		h.text(l["none"])
	}
	h.raw(end)
	if len(d.ServiceLinks) > 0 {
		dt("services")
		h.links(d.ServiceLinks)
		h.raw("</dd></div>")
	}
	h.raw("\n")
	if len(d.TagLinks) > 0 {
		dt("tags")
		h.links(d.TagLinks)
		h.raw("</dd></div>")
	}
	h.raw("\n</dl>\n<p class=\"lintline\">")
	if d.Errors != 0 || d.Warnings != 0 {
		h.raw(`<a class="badge `)
		if d.Errors != 0 {
			h.raw("err")
		} else {
			h.raw("warn")
		}
		h.raw(`" href="#lint">`)
		h.text(l["lint"])
		h.raw(": ")
		h.text(l.lang().T("site.lint-counts", d.Errors, d.Warnings)) // "2 errors, 1 warning"; "エラー 2 件、警告 1 件"
		h.raw("</a>")
	} else {
		h.raw(`<span class="badge ok">`)
		h.text(l["lintClean"])
		h.raw("</span>")
	}
	h.raw("\n")
	if d.Edit != "" {
		h.raw(` <a class="edit" href="`)
		h.url(d.Edit)
		h.raw(`">`)
		h.text(d.EditText)
		h.raw("</a>")
	}
	h.raw("</p>\n</header>\n")
	if len(d.Related) > 0 || d.RecurOf != nil || len(d.Recurred) > 0 {
		h.raw("<nav class=\"relations\" aria-label=\"")
		h.text(l["related"])
		h.raw("\">\n")
		// one line per kind of relation, empty when there is none of that kind
		relation := func(label string, ns []named) {
			if len(ns) > 0 {
				h.raw("<p>")
				h.text(label)
				h.raw(": ")
				h.links(ns)
				h.raw("</p>")
			}
			h.raw("\n")
		}
		var recurOf []named
		if d.RecurOf != nil {
			recurOf = []named{*d.RecurOf}
		}
		relation(l["recurrenceOf"], recurOf)
		relation(l["recurred"], d.Recurred)
		relation(l["related"], d.Related)
		h.raw("</nav>")
	}
	h.raw("\n<div class=\"body\">\n")
	h.w.Write(d.Body)
	h.raw("\n</div>\n")
	if len(d.History) > 0 {
		h.raw("<section aria-labelledby=\"h-history\"><h2 id=\"h-history\">")
		h.text(l["history"])
		h.raw("</h2>\n<ol class=\"timeline\">")
		for _, e := range d.History {
			h.raw("<li>")
			h.status(e.Status)
			h.raw(" <time>")
			h.text(e.At)
			h.raw("</time> ")
			h.text(e.By)
			if e.Forced {
				h.raw(" <em>(")
				h.text(l["forced"])
				h.raw(")</em>")
			}
			h.raw("</li>")
		}
		h.raw("</ol>\n</section>")
	}
	h.raw("\n")
	if len(d.Findings) > 0 {
		h.raw("<section aria-labelledby=\"lint\"><h2 id=\"lint\">")
		h.text(l["lint"])
		h.raw("</h2>\n<ul class=\"findings\">")
		for _, x := range d.Findings {
			h.raw(`<li class="f-`)
			h.text(x.Severity)
			h.raw(`"><span class="where">`)
			h.int(x.Line)
			h.raw(":")
			h.int(x.Column)
			h.raw(`</span> <span class="sevword">`)
			h.text(x.Severity)
			h.raw(`</span> <code>`)
			h.text(x.Rule)
			h.raw(`</code> `)
			h.text(x.Message)
			h.raw("</li>")
		}
		h.raw("</ul>\n</section>")
	}
	h.raw("\n</article>\n")
}

func (d *listData) write(h markup, l labels) {
	h.raw("\n<h1>")
	h.text(d.Heading)
	h.raw("</h1>\n<div class=\"scroll\">\n<table class=\"pms\">\n<thead><tr>")
	h.th(l, "date", "title", "severity", "status", "owner")
	h.raw("</tr></thead>\n<tbody>\n")
	for i := range d.PMs {
		r := &d.PMs[i]
		h.raw(`<tr><td class="nowrap">`)
		h.text(r.Date)
		h.raw(`</td><td>`)
		h.link(named{r.F.Title, r.Link})
		h.raw("</td>\n<td>")
		h.sev(r.F.Severity)
		h.raw("</td><td>")
		h.status(string(r.F.Status))
		h.raw("</td><td>")
		h.text(r.F.Owner)
		h.raw("</td></tr>\n")
	}
	h.raw("</tbody>\n</table>\n</div>\n")
}

func (d *indexData) write(h markup, l labels) {
	h.raw("\n<h1>")
	h.text(l["navIndex"])
	h.raw("</h1>\n<form class=\"filters\" role=\"search\" id=\"filters\" onsubmit=\"return false\">\n<div class=\"field search\"><label for=\"q\">")
	h.text(l["search"])
	h.raw("</label>\n<input type=\"search\" id=\"q\" name=\"q\" placeholder=\"")
	h.text(l["searchHint"])
	// no autocomplete="off": with it, Chromium does not put the search back on Back from file://
	h.raw("\"></div>\n")
	for _, f := range d.Filters {
		if len(f.Values) > 0 {
			h.raw(`<div class="field"><label for="f-`)
			h.text(f.Key)
			h.raw(`">`)
			h.text(f.Label)
			h.raw("</label>\n<select id=\"f-")
			h.text(f.Key)
			h.raw(`" data-key="`)
			h.text(f.Key)
			h.raw(`"><option value="">`)
			h.text(l["any"])
			h.raw("</option>")
			for _, v := range f.Values {
				// the value given as it is: an option's text alone is read with its white space
				// collapsed ("edge  proxy" would find nothing)
				h.raw(`<option value="`)
				h.value(v)
				h.raw(`">`)
				h.text(v)
				h.raw("</option>")
			}
			h.raw("</select></div>")
		}
		h.raw("\n")
	}
	h.raw("</form>\n<p id=\"count\" class=\"count\" aria-live=\"polite\" data-shown=\"")
	h.text(l["shown"])
	h.raw(`" data-first="`)
	h.text(l["shownFirst"])
	h.raw(`" data-more="`)
	h.text(l["more"])
	h.raw(`" data-total="`)
	h.int(d.Total)
	h.raw(`">`)
	h.text(fmt.Sprintf(l["shown"], len(d.Rows), d.Total))
	h.raw("</p>\n")
	if d.Newest != "" {
		h.raw(`<p class="count">`)
		h.text(d.Newest)
		h.raw(` <a href="#h-archive">`)
		h.text(l["archive"])
		h.raw("</a></p>")
	}
	h.raw("\n<div class=\"scroll\">\n<table class=\"pms\" id=\"pms\" data-lint=\"")
	h.text(l["lint"])
	h.raw("\">\n<thead><tr>")
	h.th(l, "date", "title", "severity", "status", "services", "owner", "meeting")
	h.raw("</tr></thead>\n<tbody>\n")
	for i := range d.Rows {
		r := &d.Rows[i]
		h.raw(`<tr data-id="`)
		h.text(r.ID)
		h.raw(`" data-sev="`)
		h.text(r.F.Severity)
		h.raw(`" data-status="`)
		h.text(string(r.F.Status))
		h.raw(`" data-services="`)
		h.text(strings.Join(r.F.Services, "\n"))
		h.raw(`" data-tags="`)
		h.text(strings.Join(r.F.Tags, "\n"))
		h.raw(`" data-year="`)
		h.text(r.Year)
		h.raw("\">\n<td class=\"nowrap\">")
		h.text(r.Date)
		h.raw("</td>\n<td>")
		h.link(named{r.F.Title, r.Link})
		if r.Errors != 0 {
			h.raw(` <span class="badge err" title="`)
			h.text(l["lint"])
			h.raw(`">`)
			h.int(r.Errors)
			h.raw("</span>")
		}
		h.raw("</td>\n<td>")
		h.sev(r.F.Severity)
		h.raw("</td>\n<td>")
		h.status(string(r.F.Status))
		h.raw("</td>\n<td class=\"terms\">")
		h.links(r.ServiceLinks)
		h.raw("</td>\n<td>")
		h.text(r.F.Owner)
		h.raw("</td>\n<td>")
		if r.Meeting != "" {
			h.meeting(r)
		}
		h.raw("</td>\n</tr>\n")
	}
	h.raw("</tbody>\n</table>\n</div>\n<p id=\"nomatch\" class=\"empty\" hidden>")
	h.text(l["noMatch"])
	h.raw("</p>\n<p id=\"more\" class=\"count\" hidden></p>\n")
	for _, sec := range []struct {
		id, label string
		ns        []named
	}{{"h-archive", "archive", d.Archive}, {"h-services", "navServices", d.Services}, {"h-tags", "navTags", d.Tags}} {
		if len(sec.ns) > 0 {
			h.raw(`<section aria-labelledby="` + sec.id + `"><h2 id="` + sec.id + `">`)
			h.text(l[sec.label])
			h.raw("</h2>\n")
			h.chips(sec.ns)
			h.raw("</section>")
		}
		h.raw("\n")
	}
}

func writeActions(h markup, l labels, items []actionItem) {
	h.raw("\n<h1>")
	h.text(l["actions"])
	h.raw("</h1>\n<p>")
	h.text(l["actionsIntro"])
	h.raw("</p>\n")
	if len(items) == 0 {
		h.raw(`<p class="empty">`)
		h.text(l["noActions"])
		h.raw("</p>\n")
		return
	}
	h.raw("<div class=\"scroll\">\n<table class=\"board\">\n<thead><tr>")
	h.th(l, "overdue", "action", "owner", "deadline", "state", "age", "postmortem")
	h.raw("</tr></thead>\n<tbody>\n")
	for i := range items {
		a := &items[i]
		h.raw("<tr")
		if a.DaysOverdue != 0 {
			h.raw(` class="overdue"`)
		}
		h.raw(`><td class="num">`)
		if a.DaysOverdue != 0 {
			h.int(a.DaysOverdue)
		}
		h.raw("</td><td>")
		h.text(a.Action)
		h.raw("</td><td>")
		h.text(a.Owner)
		h.raw(`</td><td class="nowrap">`)
		h.text(a.Deadline)
		h.raw("</td><td>")
		if word, ok := l["state:"+a.State]; ok {
			h.text(word) // in the site's language; the index's data keeps the key
		} else {
			h.text(a.State)
		}
		h.raw(`</td><td class="num">`)
		h.int(a.Age)
		h.raw("</td><td>")
		h.link(named{a.PM.F.Title, a.Link})
		h.raw("</td></tr>\n")
	}
	h.raw("</tbody>\n</table>\n</div>\n")
}

func (d *messages) write(h markup, l labels, title string) {
	h.raw("\n<h1>")
	h.text(title)
	h.raw("</h1>\n<p>")
	h.text(l["messagesIntro"])
	h.raw("</p>\n")
	if len(d.Years) > 0 {
		h.raw(`<nav aria-label="`)
		h.text(l["messagesByYear"])
		h.raw(`"><h2 id="h-years">`)
		h.text(l["messagesByYear"])
		h.raw("</h2>\n")
		h.chips(d.Years)
		h.raw("</nav>")
	}
	h.raw("\n")
	for i := range d.Messages {
		m := &d.Messages[i]
		// The id is made of the page's name, not the postmortem's id: a file name with a space
		// ("2026-11-03-db failover.md") would make an id with one, which aria-labelledby reads as
		// a list of other ids, leaving the article unnamed.
		id := "m-" + strings.TrimSuffix(path.Base(m.Page), ".html")
		h.raw(`<article class="message" aria-labelledby="`)
		h.text(id)
		h.raw("\">\n<h2 id=\"")
		h.text(id)
		h.raw(`">`)
		h.link(named{m.F.Title, m.Link})
		h.raw("</h2>\n<p class=\"meta\">")
		h.text(m.Date)
		h.raw(" · ")
		h.sev(m.F.Severity)
		h.raw(" · ")
		h.text(string(m.F.Status))
		h.raw("</p>\n<div class=\"body\">")
		h.w.Write(m.Body)
		h.raw("</div>\n</article>\n")
	}
	if len(d.Messages) == 0 {
		h.raw(`<p class="empty">`)
		h.text(l["noMessages"])
		h.raw("</p>")
	}
	h.raw("\n")
}

func writeCharts(h markup, l labels, charts []*chart) {
	h.raw("\n<h1>")
	h.text(l["charts"])
	h.raw("</h1>\n")
	for _, c := range charts {
		h.raw(`<section class="figure" aria-labelledby="`)
		h.text(c.ID)
		h.raw("-h\">\n<h2 id=\"")
		h.text(c.ID)
		h.raw(`-h">`)
		h.text(c.Title)
		h.raw("</h2>\n")
		if len(c.Categories) > 0 {
			h.raw("<figure>")
			h.raw(c.SVG)
			h.raw("\n<figcaption>")
			h.text(c.Desc)
			h.raw("</figcaption></figure>\n<ul class=\"legend\">")
			for _, s := range c.Series {
				h.raw(`<li><span class="key `)
				h.text(s.Class)
				h.raw(`" aria-hidden="true"></span>`)
				h.text(s.Name)
				h.raw("</li>")
			}
			h.raw("</ul>\n<details><summary>")
			h.text(l["data"])
			h.raw("</summary>\n<div class=\"scroll\"><table class=\"data\">\n<thead><tr><th scope=\"col\"></th>")
			for _, s := range c.Series {
				h.raw(`<th scope="col">`)
				h.text(s.Name)
				h.raw("</th>")
			}
			h.raw("</tr></thead>\n<tbody>")
			for i, cat := range c.Categories {
				h.raw(`<tr><th scope="row">`)
				h.text(cat)
				h.raw("</th>")
				for _, s := range c.Series {
					h.raw(`<td class="num">`)
					h.text(c.Value(s, i))
					h.raw("</td>")
				}
				h.raw("</tr>")
			}
			h.raw("</tbody>\n</table></div></details>")
		} else {
			h.raw(`<p class="empty">`)
			h.text(l["none"])
			h.raw("</p>")
		}
		h.raw("\n</section>\n")
	}
	h.raw("\n")
}
