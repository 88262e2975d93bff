// Package site builds pm site's static website from the project's postmortems: an index with filters
// and search, a page per postmortem, per service and per tag, the open action items, the customer
// messages already sent, charts as inline SVG, an Atom feed and index.json. Every link is relative,
// so the folder works from file:// and from any sub-path, and nothing is fetched from elsewhere.
package site

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/fold"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/stats"
	"github.com/pm-tools/pm/pkg/workflow"
)

// Input is one postmortem, parsed and linted, for Build.
type Input struct {
	ID       string
	Path     string // relative to the repository root, slash-separated
	Doc      *postmortem.Doc
	Findings []Finding
}

// Finding is one lint finding of a postmortem, as its page lists it.
type Finding struct {
	Line, Column int
	Rule         string
	Severity     string // "error" or "warning"
	Message      string
}

// Options are what the site is built with besides the documents.
type Options struct {
	Lang     i18n.Lang
	Now      time.Time
	Location *time.Location
	Schedule *workflow.Schedule
	Actions  *workflow.ActionDeadlines
	// RepoURL is .pm.yaml's repo_url: pages link to their source ("edit on GitHub/GitLab") with it.
	RepoURL string
	// FeedKey tells this site's feed apart from another team's: repo_url, else the repository's
	// folder name; the feed's ids are made from it.
	FeedKey string
	// UnsafeHTML lets raw HTML in the Markdown through (.pm.yaml site.unsafe_html).
	UnsafeHTML bool
	// Canonical gives the name .pm.yaml's vocabulary has for a value of the list field key
	// ("services", "tags"): an alias and another case of a name are the name, so that each has one
	// page, as pm stats counts them. nil keeps the values as written.
	Canonical func(key, value string) string
	// Waiting is told when another build of the same site is under way and this one waits for it.
	Waiting func()
}

// Folder is the folder pm site writes into by default, at the repository root; pm init lists it in
// .gitignore.
const Folder = "site"

// Marker is the file that marks a folder as one pm site wrote: pm site writes its site into such a
// folder again (keeping the files it did not write), and refuses to write into any other folder that
// is not empty.
const Marker = ".pm-site"

const markerText = "written by pm site; pm site writes its files here again and keeps the others\n"

// ErrNotSite is returned when the output folder exists, is not empty and was not written by pm site.
var ErrNotSite = errors.New("folder exists and was not written by pm site")

// Result says what Build wrote.
type Result struct {
	Pages       int // HTML pages
	Postmortems int
	// Written are the files written (site-relative, slash-separated, sorted): every file of a
	// whole build, only those that changed in an update.
	Written []string
}

// Build writes the site of docs into out, whole: it builds it in a new folder beside out, so that a
// failed build leaves the previous site as it was, and moves it into out (moveInto), which keeps the
// files pm did not write. Update is the incremental build.
func Build(out string, docs []Input, o Options) (*Result, error) {
	out = filepath.Clean(out)
	if err := checkOut(out); err != nil {
		return nil, err
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	return build(out, readPages(out), func(dir string) (*Result, error) {
		if err := os.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644); err != nil {
			return nil, err
		}
		cache := filepath.Join(dir, CacheDir)
		if err := os.MkdirAll(cache, 0o755); err != nil {
			return nil, err
		}
		pk, err := openPack(cache, 0)
		if err != nil {
			return nil, err
		}
		defer pk.close()
		ids := map[string]bool{}
		for _, d := range docs {
			ids[d.ID] = true
		}
		pages := pageNames(ids)
		r := newRenderer(func(id string) string { return pages[id] }, o.UnsafeHTML, o.RepoURL)
		recs := make([]*rec, len(docs))
		for i, d := range docs {
			recs[i] = &rec{Rel: d.Path, ID: d.ID, Skip: d.Doc == nil || d.Doc.Root == nil}
			if !recs[i].Skip {
				if err := r.derive(recs[i], d.Doc, d.Findings, pk); err != nil {
					return nil, err
				}
			}
		}
		return finish(dir, recs, pk, o, nil, nil)
	})
}

// ErrSymlink is returned when the output path is a symbolic link: pm site would write through it, or
// replace the link with a folder.
var ErrSymlink = errors.New("a symbolic link, and pm site does not write through one; give the folder it leads to")

// checkOut refuses an output path that is a symbolic link or not a folder, or a folder with files
// that pm site did not write: replacing it would delete them.
func checkOut(out string) error {
	fi, err := os.Lstat(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.Mode()&os.ModeSymlink != 0 {
		return fmt.Errorf("%s: %w", out, ErrSymlink)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s: not a folder", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
		return fmt.Errorf("%s: %w; choose another --out or empty it", out, ErrNotSite)
	}
	return nil
}

// pm is one postmortem with everything its pages show.
type pm struct {
	*rec
	F        *postmortem.Fields
	Page     string // site-relative path of its page
	Row      stats.Row
	Date     string // incident date, YYYY-MM-DD, "" when missing
	Year     string
	Errors   int
	Warnings int
	Related  []*pm // linked either way, sorted by id
	RecurOf  *pm   // the postmortem this one repeats
	Recurred []*pm // the postmortems that repeat this one
	Reviewed time.Time
}

// site is the whole site, computed before anything is written.
type site struct {
	o        Options
	pms      []*pm // newest incident first
	byID     map[string]*pm
	services map[string][]*pm
	tags     map[string][]*pm
	report   *stats.Report
	names    map[string]string // a service's or tag's page name, by "service:"/"tag:" + name
	labels   labels
}

func newSite(recs []*rec, o Options) *site {
	s := &site{o: o, byID: map[string]*pm{}, services: map[string][]*pm{}, tags: map[string][]*pm{}, names: map[string]string{}, labels: newLabels(o.Lang)}
	var in []stats.Input
	ids := map[string]bool{}
	for _, x := range recs {
		ids[x.ID] = true
	}
	// Each id's page is the one links to it lead to (pageNames); a second file with the id (a.md in
	// another folder) gets a name with a hash of its path, unlike any other page's.
	pages := pageNames(ids)
	used := map[string]bool{}
	for _, name := range pages {
		used[strings.ToLower(name)] = true
	}
	named := map[string]bool{} // the ids whose page a file has
	name := func(key, value string) string {
		if o.Canonical != nil {
			return o.Canonical(key, value)
		}
		return value
	}
	// Spellings of one name by letter case or Unicode form ("Legacy", "legacy"; café composed or
	// decomposed) are one service or tag, one page, as
	// pm stats --service matches them: under the spelling most postmortems use (of those as many,
	// the one that sorts first), as pm stats counts them.
	uses := map[string]map[string]int{}
	for _, x := range recs {
		if x.Skip {
			continue
		}
		for key, values := range map[string][]string{"services": x.Fields.Services, "tags": x.Fields.Tags} {
			for _, v := range values {
				c := name(key, v)
				k := key + "\x00" + fold.Key(c)
				if uses[k] == nil {
					uses[k] = map[string]int{}
				}
				uses[k][fold.Form(c)]++
			}
		}
	}
	spelling := map[string]string{}
	for k, by := range uses {
		spelling[k] = stats.Spelling(by)
	}
	oneSpelling := func(key, value string) string {
		c := name(key, value)
		if sp, ok := spelling[key+"\x00"+fold.Key(c)]; ok {
			return sp
		}
		return c
	}
	for _, x := range recs {
		if x.Skip {
			continue
		}
		fields := x.Fields // a copy: the names below are the vocabulary's, the record stays as read
		fields.Services, fields.Tags = canonical(oneSpelling, "services", fields.Services), canonical(oneSpelling, "tags", fields.Tags)
		if strings.TrimSpace(fields.Title) == "" {
			// no title pm reads (none, empty, a list): the id, so that the link has text to click
			// and the page a heading, as pm list shows the postmortem by its id
			fields.Title = x.ID
		}
		p := &pm{rec: x, F: &fields}
		name := pages[x.ID]
		if named[x.ID] {
			name = uniqueName(x.ID, x.Rel, used)
		}
		named[x.ID] = true
		p.Page = "pm/" + name + ".html"
		if p.F.HasIncidentDate() {
			p.Date = p.F.IncidentDate.In(o.Location).Format("2006-01-02")
			p.Year = p.Date[:4]
		}
		for _, f := range x.Findings {
			if f.Severity == "error" {
				p.Errors++
			} else {
				p.Warnings++
			}
		}
		for _, h := range p.F.StatusHistory {
			if st, err := postmortem.ParseStatus(h.Status); err == nil && st == postmortem.StatusReviewed && p.Reviewed.IsZero() {
				p.Reviewed, _ = postmortem.ParseTime(h.At)
			}
		}
		if _, dup := s.byID[x.ID]; !dup {
			s.byID[x.ID] = p
		}
		s.pms = append(s.pms, p)
		in = append(in, stats.Input{ID: x.ID, Path: x.Rel, Fields: p.F, Items: x.Items})
		for _, sv := range p.F.Services {
			s.services[sv] = append(s.services[sv], p)
		}
		for _, tg := range p.F.Tags {
			s.tags[tg] = append(s.tags[tg], p)
		}
	}
	s.report = stats.Compute(in, stats.Options{Schedule: o.Schedule, Actions: o.Actions, Now: o.Now, Location: o.Location})
	rows := map[string]stats.Row{}
	for _, r := range s.report.Rows {
		rows[r.Path+"\x00"+r.ID] = r
	}
	for _, p := range s.pms {
		p.Row = rows[p.Rel+"\x00"+p.ID]
	}
	sort.SliceStable(s.pms, func(i, j int) bool {
		if s.pms[i].Date != s.pms[j].Date {
			return s.pms[i].Date > s.pms[j].Date
		}
		return s.pms[i].ID > s.pms[j].ID
	})
	s.link()
	for _, kind := range []struct {
		prefix string
		m      map[string][]*pm
	}{{"service", s.services}, {"tag", s.tags}} {
		taken := map[string]bool{}
		for _, name := range sortedKeys(kind.m) {
			s.names[kind.prefix+":"+name] = kind.prefix + "/" + uniqueName(name, name, taken) + ".html"
			sort.SliceStable(kind.m[name], func(i, j int) bool { return kind.m[name][i].Date > kind.m[name][j].Date })
		}
	}
	return s
}

// link connects related and recurring postmortems both ways: a page lists what it names and what
// names it.
func (s *site) link() {
	related := map[*pm]map[*pm]bool{}
	add := func(a, b *pm) {
		if a == b {
			return
		}
		if related[a] == nil {
			related[a] = map[*pm]bool{}
		}
		related[a][b] = true
	}
	for _, p := range s.pms {
		for _, id := range p.F.Related {
			if q := s.byID[strings.TrimSpace(id)]; q != nil {
				add(p, q)
				add(q, p)
			}
		}
		if q := s.byID[strings.TrimSpace(p.F.RecurrenceOf)]; q != nil && q != p {
			p.RecurOf = q
			q.Recurred = append(q.Recurred, p)
		}
	}
	for p, set := range related {
		for q := range set {
			p.Related = append(p.Related, q)
		}
		sort.Slice(p.Related, func(i, j int) bool { return p.Related[i].ID < p.Related[j].ID })
	}
}

// pageNames is the file name (without extension) of each id's page, decided from all the ids at
// once so that the pages and the links in bodies agree: the id when it is made of letters, digits,
// '-', '_' and '.', else a cleaned id with a short hash of it; and, when an id sorted before it has
// that name in another case ("A" and "a", from A.MD and a.md: two pages that would be one file on a
// case-insensitive disk or server), the name with a hash of the id.
func pageNames(ids map[string]bool) map[string]string {
	out := make(map[string]string, len(ids))
	taken := map[string]bool{}
	for _, id := range sortedKeys(ids) {
		out[id] = uniqueName(id, id, taken)
	}
	return out
}

// uniqueName is a file name (without extension) for name: name itself when it is made of letters,
// digits, '-', '_' and '.' only (and does not start with a dot), otherwise a cleaned name with a short
// hash of key; a name already taken gets the hash too.
func uniqueName(name, key string, taken map[string]bool) string {
	clean := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '-'
	}, name)
	// no name starts with a dot (a hidden file, which a Pages upload leaves out): "../x" is "x-…"
	clean = strings.TrimLeft(clean, ".")
	if len(clean) > 80 {
		clean = strings.ToValidUTF8(clean[:80], "")
	}
	out := clean
	if out != name || out == "" || taken[strings.ToLower(out)] {
		sum := sha1.Sum([]byte(key))
		stem := strings.TrimRight(strings.TrimLeft(clean, "-."), "-")
		out = strings.TrimLeft(stem+"-"+hex.EncodeToString(sum[:4]), "-")
		for n := 2; taken[strings.ToLower(out)]; n++ {
			out = strings.TrimLeft(fmt.Sprintf("%s-%s-%d", stem, hex.EncodeToString(sum[:4]), n), "-")
		}
	}
	taken[strings.ToLower(out)] = true
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// canonical is values by the vocabulary's names, each once, in their order.
func canonical(name func(key, value string) string, key string, values []string) []string {
	if len(values) == 0 {
		return values
	}
	out := make([]string, 0, len(values))
	for _, v := range values {
		if c := name(key, v); !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
