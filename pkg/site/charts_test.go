package site

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

var (
	svgSize   = regexp.MustCompile(`<svg class="chart" width="([0-9.]+)" height="([0-9.]+)" viewBox="0 0 ([0-9.]+) ([0-9.]+)"`)
	yTick     = regexp.MustCompile(`<text class="axis" x="[0-9.]+" y="[0-9.]+" text-anchor="end">([^<]*)</text>`)
	xLabel    = regexp.MustCompile(`<text class="axis" x="([0-9.]+)" y="[0-9.]+" text-anchor="middle">([^<]*)</text>`)
	chartRect = regexp.MustCompile(`<rect class="[^"]*" x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)"`)
)

// TestChartScale: a chart of a few categories is drawn at its size, not stretched (its text the
// size the style sheet says), and wide enough to read; its categories' labels do not overlap, at
// any number of them; a count's axis has whole ticks; a percentage's axis is 0 to 100% even when
// every value is 0.
func TestChartScale(t *testing.T) {
	counts := func(n int, v ...float64) *chart {
		c := &chart{ID: "c", Title: "t", Desc: "d", Stacked: true}
		for i := range n {
			c.Categories = append(c.Categories, fmt.Sprintf("%04d-%02d", 2025+i/12, 1+i%12))
		}
		s := series{Name: "SEV-1", Class: "sev1"}
		for i := range n {
			s.Values, s.Has = append(s.Values, v[i%len(v)]), append(s.Has, true)
		}
		c.Series = []series{s}
		return c
	}
	pct := &chart{ID: "p", Title: "t", Desc: "d", Unit: "%", Categories: []string{"2026-Q3", "2026-Q4"},
		Series: []series{{Name: "met", Class: "ok", Values: []float64{0, 0}, Has: []bool{true, true}}}}
	grouped := &chart{ID: "g", Title: "t", Desc: "d", Categories: []string{"2026-Q3", "2026-Q4"}, Series: []series{
		{Name: "median", Class: "s0", Values: []float64{3.5, 0}, Has: []bool{true, false}},
		{Name: "p90", Class: "s1", Values: []float64{7.2, 0}, Has: []bool{true, false}}}}
	for name, c := range map[string]*chart{"2 months": counts(2, 1, 2), "1 month": counts(1, 3), "24 months": counts(24, 1, 7, 23),
		"12 months": counts(12, 0), "percent": pct, "grouped": grouped} {
		c.render()
		m := svgSize.FindStringSubmatch(c.SVG)
		if m == nil {
			t.Errorf("%s: no size in %s", name, c.SVG)
			continue
		}
		if m[1] != m[3] || m[2] != m[4] {
			t.Errorf("%s: drawn %s×%s from a viewBox of %s×%s: scaled", name, m[1], m[2], m[3], m[4])
		}
		if w, _ := strconv.ParseFloat(m[1], 64); w < chartMinWidth {
			t.Errorf("%s: %g wide", name, w)
		}
		var ticks []string
		for _, y := range yTick.FindAllStringSubmatch(c.SVG, -1) {
			ticks = append(ticks, y[1])
			if c.Unit == "%" {
				continue
			}
			if v, err := strconv.ParseFloat(y[1], 64); err != nil || v != float64(int(v)) {
				t.Errorf("%s: a tick of %s", name, y[1])
			}
		}
		if c.Unit == "%" && strings.Join(ticks, " ") != "0% 25% 50% 75% 100%" {
			t.Errorf("%s: ticks %v", name, ticks)
		}
		if len(ticks) < 2 || len(ticks) > 7 {
			t.Errorf("%s: ticks %v", name, ticks)
		}
		last := -1e9
		labels := xLabel.FindAllStringSubmatch(c.SVG, -1)
		for _, l := range labels {
			x, _ := strconv.ParseFloat(l[1], 64)
			if width := axisCharWidth * float64(utf8.RuneCountInString(l[2])); x-last < width {
				t.Errorf("%s: label %s at %g overlaps the one at %g", name, l[2], x, last)
			}
			last = x
		}
		if len(labels) == 0 || (len(c.Categories) <= 4 && len(labels) != len(c.Categories)) {
			t.Errorf("%s: %d labels for %d categories", name, len(labels), len(c.Categories))
		}
		for _, r := range chartRect.FindAllStringSubmatch(c.SVG, -1) {
			if w, _ := strconv.ParseFloat(r[2], 64); w > stackedBar {
				t.Errorf("%s: a bar %g wide", name, w)
			}
		}
	}
	// the hostile tester's case: two months, one and two postmortems
	c := counts(2, 1, 2)
	c.render()
	var ticks []string
	for _, y := range yTick.FindAllStringSubmatch(c.SVG, -1) {
		ticks = append(ticks, y[1])
	}
	if strings.Join(ticks, " ") != "0 1 2" {
		t.Errorf("2 months: ticks %v, want 0 1 2", ticks)
	}
}

// Every legend key the charts draw has a colour: a series of a severity pm does not know (a
// postmortem's "severity: 2") is drawn grey, and so is its key.
func TestLegendKeysHaveColours(t *testing.T) {
	var in []Input
	for i, sev := range []string{"SEV-1", "SEV-2", "2", "major", "SEV-9", "P1", "x"} {
		id := fmt.Sprintf("2026-11-%02d-incident-%d", 1+i, i)
		src := fmt.Sprintf("---\ntitle: T%d\nseverity: %q\nstatus: Draft\nowner: Ana\nincident_date: %s\n---\n\n## Overview\n\nText.\n", i, sev, id[:10])
		in = append(in, Input{ID: id, Path: "postmortems/" + id + ".md", Doc: postmortem.Parse("postmortems/"+id+".md", []byte(src), time.UTC)})
	}
	out := t.TempDir() + "/site"
	if _, err := Build(out, in, fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, "charts.html"))
	if err != nil {
		t.Fatal(err)
	}
	css, err := os.ReadFile("assets/site.css")
	if err != nil {
		t.Fatal(err)
	}
	keys := regexp.MustCompile(`<span class="key ([a-z0-9]+)"`).FindAllStringSubmatch(string(page), -1)
	if len(keys) == 0 {
		t.Fatal("no legend keys on charts.html")
	}
	for _, k := range keys {
		if !strings.Contains(string(css), ".legend ."+k[1]+" ") && !strings.Contains(string(css), ".legend ."+k[1]+",") {
			t.Errorf("legend key %q has no colour in site.css", k[1])
		}
	}
}

// A postmortem with no title pm reads is shown by its id: a link with text, a page with a heading,
// a feed entry with a title.
func TestNoTitleShownByID(t *testing.T) {
	var in []Input
	for i, title := range []string{"", "[a, b]"} {
		id := fmt.Sprintf("2026-11-1%d-notitle", i)
		src := "---\n" + "title: " + title + "\nseverity: SEV-2\nstatus: Draft\nowner: A\nincident_date: " + id[:10] + "\n---\n# x\n"
		in = append(in, Input{ID: id, Path: "postmortems/" + id + ".md", Doc: postmortem.Parse("postmortems/"+id+".md", []byte(src), time.UTC)})
	}
	out := t.TempDir() + "/site"
	if _, err := Build(out, in, fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	index, feed := read("index.html"), read("feed.xml")
	for _, x := range in {
		if !strings.Contains(index, `href="pm/`+x.ID+`.html">`+x.ID+`</a>`) {
			t.Errorf("index: no link with text for %s", x.ID)
		}
		if page := read("pm/" + x.ID + ".html"); !strings.Contains(page, ">"+x.ID+"</h1>") {
			t.Errorf("page %s: no heading", x.ID)
		}
		if !strings.Contains(feed, "<title>"+x.ID+"</title>") {
			t.Errorf("feed: no title for %s", x.ID)
		}
	}
}
