package site

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/stats"
)

//go:embed assets/site.css assets/site.js assets/icon.svg templates/*.html
var files embed.FS

// page is what every template gets: the words, the way back to the site's root, the page's own data.
type page struct {
	L      labels
	Lang   string
	Root   string // "" for pages at the top, "../" for those one folder down
	Title  string
	Script bool // load the search index and the script (the index page)
	Now    string
	Data   any
}

var funcs = template.FuncMap{
	"join":  strings.Join,
	"lower": strings.ToLower,
	"sevClass": func(sev string) string {
		if strings.HasPrefix(sev, "SEV-") {
			return "sev" + strings.TrimPrefix(sev, "SEV-")
		}
		return "sevx"
	},
	"statusClass": func(st any) string {
		return "st-" + strings.ReplaceAll(strings.ToLower(fmt.Sprint(st)), " ", "-")
	},
	"printf": fmt.Sprintf,
	"html":   func(s string) template.HTML { return template.HTML(s) }, // only ever given the Markdown renderer's output
}

// templates are parsed on first use: in package init, every pm process would parse them.
var templates = sync.OnceValue(func() map[string]*template.Template {
	base := template.Must(template.New("base.html").Funcs(funcs).ParseFS(files, "templates/base.html"))
	out := map[string]*template.Template{}
	for _, name := range []string{"index", "postmortem", "list", "actions", "messages", "charts"} {
		out[name] = template.Must(template.Must(base.Clone()).ParseFS(files, "templates/"+name+".html"))
	}
	return out
})

// write writes every file of the site.
func (s *site) write(w *writer) {
	l := newLabels(s.o.Lang)
	lang := "en"
	if s.o.Lang == i18n.JA {
		lang = "ja"
	}
	now := s.o.Now.In(s.o.Location).Format("2006-01-02 15:04 MST")
	render := func(rel, tmpl, title string, data any) {
		root := strings.Repeat("../", strings.Count(rel, "/"))
		var buf bytes.Buffer
		p := page{L: l, Lang: lang, Root: root, Title: title, Script: tmpl == "index", Now: fmt.Sprintf(l["generated"], now), Data: data}
		if err := templates()[tmpl].ExecuteTemplate(&buf, "base.html", p); err != nil {
			w.fail(fmt.Errorf("render %s: %w", rel, err))
			return
		}
		w.file(rel, buf.Bytes())
	}
	css, _ := files.ReadFile("assets/site.css")
	w.file("assets/site.css", append(css, codeCSS()...))
	js, _ := files.ReadFile("assets/site.js")
	w.file("assets/site.js", js)
	icon, _ := files.ReadFile("assets/icon.svg")
	w.file("assets/icon.svg", icon)

	render("index.html", "index", l["navIndex"], s.indexData(l))
	// The postmortems' pages, on every core.
	next := make(chan *pm)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range next {
				d, err := s.pmData(p, l)
				if err != nil {
					w.fail(err)
					continue
				}
				render(p.Page, "postmortem", p.F.Title, d)
			}
		})
	}
	for _, p := range s.pms {
		next <- p
	}
	close(next)
	wg.Wait()
	for _, kind := range []struct {
		prefix, label string
		m             map[string][]*pm
	}{{"service", l["service"], s.services}, {"tag", l["tag"], s.tags}} {
		for _, name := range sortedKeys(kind.m) {
			title := fmt.Sprintf(kind.label, name)
			render(s.names[kind.prefix+":"+name], "list", title, listData{Heading: title, PMs: s.rows(kind.m[name], "../")})
		}
	}
	render("actions.html", "actions", l["actions"], s.actionsData())
	render("messages.html", "messages", l["messages"], s.messagesData())
	render("charts.html", "charts", l["charts"], s.charts(l))
	s.writeData(w)
	w.file("feed.xml", s.feed(l))
}

// row is one postmortem in a list.
type row struct {
	*pm
	Link         string
	Meeting      string // the meeting state in words
	MeetingClass string
	ServiceLinks []named
	TagLinks     []named
}

type named struct{ Name, Link string }

func (s *site) rows(pms []*pm, root string) []row {
	l := s.labels
	out := make([]row, 0, len(pms))
	for _, p := range pms {
		r := row{pm: p, Link: root + p.Page, MeetingClass: p.Row.Meeting}
		switch p.Row.Meeting {
		case stats.MeetingMet:
			r.Meeting = l["met"]
		case stats.MeetingMissed:
			r.Meeting = l["missed"]
		case stats.MeetingPending:
			r.Meeting = l["pending"]
		}
		for _, sv := range p.F.Services {
			r.ServiceLinks = append(r.ServiceLinks, named{sv, root + s.names["service:"+sv]})
		}
		for _, tg := range p.F.Tags {
			r.TagLinks = append(r.TagLinks, named{tg, root + s.names["tag:"+tg]})
		}
		out = append(out, r)
	}
	return out
}

type filter struct {
	Key, Label string
	Values     []string
}

type indexData struct {
	Rows     []row
	Filters  []filter
	Services []named
	Tags     []named
	Total    int
}

func (s *site) indexData(l labels) indexData {
	values := func(get func(*pm) []string) []string {
		set := map[string]bool{}
		for _, p := range s.pms {
			for _, v := range get(p) {
				if v != "" {
					set[v] = true
				}
			}
		}
		return sortedKeys(set)
	}
	years := values(func(p *pm) []string { return []string{p.Year} })
	sort.Sort(sort.Reverse(sort.StringSlice(years)))
	d := indexData{Rows: s.rows(s.pms, ""), Total: len(s.pms), Filters: []filter{
		{"sev", l["severity"], values(func(p *pm) []string { return []string{p.F.Severity} })},
		{"status", l["status"], values(func(p *pm) []string { return []string{string(p.F.Status)} })},
		{"services", l["services"], values(func(p *pm) []string { return p.F.Services })},
		{"tags", l["tags"], values(func(p *pm) []string { return p.F.Tags })},
		{"year", l["year"], years},
	}}
	for _, sv := range sortedKeys(s.services) {
		d.Services = append(d.Services, named{sv, s.names["service:"+sv]})
	}
	for _, tg := range sortedKeys(s.tags) {
		d.Tags = append(d.Tags, named{tg, s.names["tag:"+tg]})
	}
	return d
}

type pmData struct {
	row
	Body      template.HTML
	Findings  []Finding
	History   []postmortem.HistoryEntry
	Related   []named
	RecurOf   *named
	Recurred  []named
	Edit      string // the address to edit the file at, "" without repo_url
	EditText  string
	MeetingAt string
}

func (s *site) pmData(p *pm, l labels) (pmData, error) {
	body, err := p.prep.Body()
	if err != nil {
		return pmData{}, fmt.Errorf("read the rendered %s: %w", p.Path, err)
	}
	d := pmData{row: s.rows([]*pm{p}, "../")[0], Findings: p.Findings, History: p.F.StatusHistory, Body: body}
	for _, q := range p.Related {
		d.Related = append(d.Related, named{q.F.Title, "../" + q.Page})
	}
	if p.RecurOf != nil {
		d.RecurOf = &named{p.RecurOf.F.Title, "../" + p.RecurOf.Page}
	}
	for _, q := range p.Recurred {
		d.Recurred = append(d.Recurred, named{q.F.Title, "../" + q.Page})
	}
	if p.F.HasMeeting() {
		d.MeetingAt = p.F.Meeting.In(s.o.Location).Format("2006-01-02 15:04")
	}
	d.Edit, d.EditText = s.editLink(p.Path, l)
	return d, nil
}

// editLink is the address to edit a file on its forge, from repo_url (…/blob/<branch>): GitHub's and
// GitLab's edit pages take /edit/ in place of /blob/; another forge gets the file's address.
func (s *site) editLink(rel string, l labels) (string, string) {
	base := s.o.RepoURL
	if base == "" {
		return "", ""
	}
	parts := strings.Split(rel, "/")
	for i, x := range parts {
		parts[i] = url.PathEscape(x)
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", ""
	}
	host := strings.ToLower(u.Host)
	forge := ""
	switch {
	case strings.Contains(host, "github"):
		forge = "GitHub"
	case strings.Contains(host, "gitlab"):
		forge = "GitLab"
	}
	if forge != "" && strings.Contains(base, "/blob/") {
		return strings.Replace(base, "/blob/", "/edit/", 1) + "/" + strings.Join(parts, "/"), fmt.Sprintf(l["edit"], forge)
	}
	return base + "/" + strings.Join(parts, "/"), l["source"]
}

type listData struct {
	Heading string
	PMs     []row
}

// actionItem is one open action item on the board.
type actionItem struct {
	postmortem.ActionItem
	PM          *pm
	Link        string
	State       string
	Deadline    string
	DaysOverdue int
	Age         int
}

func (s *site) actionsData() []actionItem {
	var out []actionItem
	y, m, d := s.o.Now.In(s.o.Location).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, s.o.Location)
	for _, p := range s.pms {
		for _, it := range p.Items {
			st := it.State()
			if st.Closed() {
				continue
			}
			a := actionItem{ActionItem: it, PM: p, Link: p.Page, State: st.String(),
				DaysOverdue: s.o.Actions.DaysOverdue(it, p.F.Severity, p.F.IncidentDate, s.o.Now)}
			if dl, _, ok := s.o.Actions.Of(it, p.F.Severity, p.F.IncidentDate); ok {
				a.Deadline = dl.Format("2006-01-02")
			}
			if p.F.HasIncidentDate() {
				y, m, d := p.F.IncidentDate.In(s.o.Location).Date()
				a.Age = int(today.Sub(time.Date(y, m, d, 0, 0, 0, 0, s.o.Location)).Hours()/24 + 0.5)
			}
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].DaysOverdue != out[j].DaysOverdue {
			return out[i].DaysOverdue > out[j].DaysOverdue
		}
		return out[i].Age > out[j].Age
	})
	return out
}

type message struct {
	row
	Body template.HTML
}

func (s *site) messagesData() []message {
	var out []message
	for _, p := range s.pms {
		if !p.F.ExternalMessage || !p.F.Status.AtLeast(postmortem.StatusReviewed) {
			continue
		}
		if p.prep.message == "" {
			continue
		}
		out = append(out, message{row: s.rows([]*pm{p}, "")[0], Body: p.prep.message})
	}
	return out
}

// searchEntry is one postmortem in the search index: its id, title, summary and full text.
type searchEntry struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Text    string `json:"text"`
}

// maxSearchText bounds the full text a postmortem puts in the search index.
const maxSearchText = 20000

func (s *site) writeData(w *writer) {
	entries := make([]searchEntry, 0, len(s.pms))
	for _, p := range s.pms {
		text := p.Text
		if len(text) > maxSearchText {
			text = strings.ToValidUTF8(text[:maxSearchText], "")
		}
		entries = append(entries, searchEntry{ID: p.ID, Title: p.F.Title, Summary: p.Summary, Text: text})
	}
	w.stream("search.json", func(b *bufio.Writer) error { return json.NewEncoder(b).Encode(entries) })
	// The same index as a script: a page opened from file:// cannot fetch a JSON file beside it.
	w.stream("search.js", func(b *bufio.Writer) error {
		b.WriteString("window.PM_SEARCH = ")
		if err := json.NewEncoder(b).Encode(entries); err != nil {
			return err
		}
		_, err := b.WriteString(";\n")
		return err
	})
	data, err := json.MarshalIndent(s.indexJSON(), "", "  ")
	if err != nil {
		w.fail(err)
	}
	w.file("index.json", append(data, '\n'))
}
