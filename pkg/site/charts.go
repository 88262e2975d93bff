package site

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/stats"
)

// chart is one figure: bars per category, stacked (one bar made of the series) or grouped (a bar per
// series side by side), with a text alternative and the data as a table.
type chart struct {
	ID         string
	Title      string
	Desc       string // the text alternative: what the chart shows, in words
	Categories []string
	Series     []series
	Stacked    bool
	Unit       string // after each value in the table ("%", " d")
	SVG        string // drawn by render, its text escaped
}

type series struct {
	Name   string
	Class  string // CSS class giving its colour
	Values []float64
	Has    []bool // false where there is no value (no postmortem in the quarter)
}

// Value is the table's cell of series s at category i.
func (c *chart) Value(s series, i int) string {
	if i >= len(s.Has) || !s.Has[i] {
		return "–"
	}
	return strconv.FormatFloat(s.Values[i], 'f', -1, 64) + c.Unit
}

// The chart's geometry, in CSS pixels: the SVG is drawn at its natural size (its width and height
// are those of its viewBox) and only ever shrunk to fit (max-width: 100%), so that its text is the
// size the style sheet gives it whatever the number of categories.
const (
	chartHeight, chartTop, chartBottom, chartLeft, chartRight = 200.0, 10.0, 40.0, 40.0, 10.0
	// chartMinWidth is the least width of a chart: a month or two are spread over it, not drawn as
	// a sliver.
	chartMinWidth = 360.0
	stackedBar    = 20.0 // a stacked bar's width
	groupedBar    = 12.0 // a grouped bar's width; 2 between bars
	// axisCharWidth is about the width of a character of an axis label (10px digits and hyphens),
	// to leave out the labels that would overlap.
	axisCharWidth = 6.0
)

// render draws the chart's SVG.
func (c *chart) render() {
	n := max(len(c.Categories), 1)
	slot := stackedBar + 8
	if !c.Stacked {
		slot = (groupedBar+2)*float64(len(c.Series)) + 8
	}
	width := max(chartLeft+slot*float64(n)+chartRight, chartMinWidth)
	slot = (width - chartLeft - chartRight) / float64(n)
	most := 0.0
	for i := range c.Categories {
		sum := 0.0
		for _, s := range c.Series {
			if c.Stacked {
				sum += s.Values[i]
			} else {
				sum = math.Max(sum, s.Values[i])
			}
		}
		most = math.Max(most, sum)
	}
	scaleTop, step := axis(most)
	unit := ""
	if c.Unit == "%" {
		// a share: the whole axis, 0 to 100%, whatever the values
		scaleTop, step, unit = 100, 25, "%"
	}
	h, top, left := chartHeight, chartTop, chartLeft
	plot := h - top - chartBottom
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="%s-t %s-d" xmlns="http://www.w3.org/2000/svg">`,
		width, h, width, h, c.ID, c.ID)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, c.ID, escapeText(c.Title), c.ID, escapeText(c.Desc))
	for v := 0.0; v <= scaleTop; v += step {
		y := top + plot - plot*v/scaleTop
		fmt.Fprintf(&b, `<line class="grid" x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f"/>`, left, width-5, y, y)
		fmt.Fprintf(&b, `<text class="axis" x="%.0f" y="%.1f" text-anchor="end">%s%s</text>`, left-4, y+4, strconv.FormatFloat(v, 'f', -1, 64), unit)
	}
	// Every every-th category is labelled: as many as fit side by side.
	label := 0.0
	for _, cat := range c.Categories {
		label = math.Max(label, axisCharWidth*float64(utf8.RuneCountInString(cat)))
	}
	every := max(1, int(math.Ceil((label+6)/slot)))
	for i, cat := range c.Categories {
		x := left + slot*float64(i) // the slot's left edge
		mid := x + slot/2
		base := top + plot
		bars := stackedBar
		if !c.Stacked {
			bars = (groupedBar+2)*float64(len(c.Series)) - 2
		}
		for j, s := range c.Series {
			v := s.Values[i]
			if v <= 0 {
				continue
			}
			bh := plot * math.Min(v, scaleTop) / scaleTop
			bx, bw := mid-bars/2, stackedBar
			if !c.Stacked {
				bx, bw = mid-bars/2+(groupedBar+2)*float64(j), groupedBar
			}
			y := base - bh
			if c.Stacked {
				base = y
			}
			fmt.Fprintf(&b, `<rect class="%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s %s: %s</title></rect>`,
				s.Class, bx, y, bw, bh, escapeText(cat), escapeText(s.Name), c.Value(s, i))
		}
		if i%every == 0 {
			fmt.Fprintf(&b, `<text class="axis" x="%.1f" y="%.0f" text-anchor="middle">%s</text>`, mid, h-chartBottom+14, escapeText(cat))
		}
	}
	b.WriteString(`</svg>`)
	c.SVG = b.String()
}

// axis is the top of the value axis for values up to most, and the step between its ticks: a whole
// number of 1, 2 or 5 times a power of ten, so that a count is never given a tick of half a
// postmortem; about five ticks. Nothing to show gives an axis of 0 to 1.
func axis(most float64) (top, step float64) {
	if most <= 0 {
		return 1, 1
	}
	step = math.Max(1, niceCeil(most/5))
	return step * math.Ceil(most/step), step
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// quarter is the quarter of a YYYY-MM-DD date: "2026-Q4".
func quarter(date string) string {
	m, _ := strconv.Atoi(date[5:7])
	return fmt.Sprintf("%s-Q%d", date[:4], (m-1)/3+1)
}

// months lists the months from first to last, YYYY-MM, at most the last limit of them.
func months(first, last string, limit int) []string {
	y, _ := strconv.Atoi(first[:4])
	m, _ := strconv.Atoi(first[5:7])
	var out []string
	for {
		s := fmt.Sprintf("%04d-%02d", y, m)
		out = append(out, s)
		if s >= last || len(out) > 1200 {
			break
		}
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
	if len(out) > limit {
		out = out[len(out)-limit:]
	}
	return out
}

// charts computes the site's four charts from the figures of pm stats.
func (s *site) charts(l labels) []*chart {
	r := s.report
	var out []*chart

	// Postmortems per month, by severity.
	var ms []string
	for m := range r.ByMonth {
		ms = append(ms, m)
	}
	sort.Strings(ms)
	perMonth := &chart{ID: "chart-month", Title: l["chartMonth"], Stacked: true}
	if len(ms) > 0 {
		perMonth.Categories = months(ms[0], ms[len(ms)-1], 24)
	}
	sevs := sortedKeys(r.BySeverity)
	total := 0
	for k, sev := range sevs {
		sr := series{Name: sev, Class: fmt.Sprintf("s%d", k%6)}
		if strings.HasPrefix(sev, "SEV-") {
			sr.Class = "sev" + strings.TrimPrefix(sev, "SEV-")
		}
		n := 0
		for _, m := range perMonth.Categories {
			v := r.ByMonth[m][sev]
			n += v
			sr.Values = append(sr.Values, float64(v))
			sr.Has = append(sr.Has, true)
		}
		if n == 0 {
			// no postmortem of this severity in the months shown (those it has are undated, or
			// older than the chart): a key in the legend would name a colour no bar has
			continue
		}
		total += n
		perMonth.Series = append(perMonth.Series, sr)
	}
	perMonth.Desc = l.lang().T("site.chart-month-desc", total, len(perMonth.Categories)) // T writes "1 postmortem over 1 month"
	out = append(out, perMonth)

	// Quarters with their rows.
	byQ := map[string][]stats.Row{}
	for _, row := range r.Rows {
		if row.IncidentDate != "" {
			byQ[quarter(row.IncidentDate)] = append(byQ[quarter(row.IncidentDate)], row)
		}
	}
	qs := sortedKeys(byQ)
	if len(qs) > 12 {
		qs = qs[len(qs)-12:]
	}

	sla := &chart{ID: "chart-sla", Title: l["chartSLA"], Categories: qs, Unit: "%"}
	met := series{Name: l["met"], Class: "ok"}
	var descs []string
	for _, q := range qs {
		m, missed := 0, 0
		for _, row := range byQ[q] {
			switch row.Meeting {
			case stats.MeetingMet:
				m++
			case stats.MeetingMissed:
				missed++
			}
		}
		v, has := 0.0, m+missed > 0
		if has {
			v = math.Round(float64(m*100) / float64(m+missed))
			descs = append(descs, fmt.Sprintf("%s %s%%", q, strconv.FormatFloat(v, 'f', -1, 64)))
		}
		met.Values, met.Has = append(met.Values, v), append(met.Has, has)
	}
	sla.Series = []series{met}
	sla.Desc = l["chartSLADesc"] + " " + strings.Join(descs, ", ")
	out = append(out, sla)

	closed := &chart{ID: "chart-closed", Title: l["chartClosed"], Categories: qs}
	med, p90 := series{Name: l["median"], Class: "s0"}, series{Name: l["p90"], Class: "s1"}
	descs = nil
	for _, q := range qs {
		var days []float64
		for _, row := range byQ[q] {
			if row.DaysToClosed != nil {
				days = append(days, *row.DaysToClosed)
			}
		}
		d := stats.Summarize(days)
		has := d.Count > 0
		med.Values, med.Has = append(med.Values, d.Median), append(med.Has, has)
		p90.Values, p90.Has = append(p90.Values, d.P90), append(p90.Has, has)
		if has {
			descs = append(descs, fmt.Sprintf(l["chartClosedItem"], q, strconv.FormatFloat(d.Median, 'f', -1, 64), strconv.FormatFloat(d.P90, 'f', -1, 64)))
		}
	}
	closed.Series = []series{med, p90}
	closed.Desc = l["chartClosedDesc"] + " " + strings.Join(descs, ", ")
	out = append(out, closed)

	items := &chart{ID: "chart-items", Title: l["chartItems"], Categories: qs, Stacked: true}
	inTime, late, open := series{Name: l["doneInTime"], Class: "ok"}, series{Name: l["doneLate"], Class: "warn"}, series{Name: l["notDone"], Class: "s5"}
	a := r.ActionItems
	for _, q := range qs {
		var it, done, byDeadline int
		for _, row := range byQ[q] {
			it, done, byDeadline = it+row.Items, done+row.Done, byDeadline+row.DoneByDeadline
		}
		inTime.Values, inTime.Has = append(inTime.Values, float64(byDeadline)), append(inTime.Has, true)
		late.Values, late.Has = append(late.Values, float64(done-byDeadline)), append(late.Has, true)
		open.Values, open.Has = append(open.Values, float64(it-done)), append(open.Has, true)
	}
	items.Series = []series{inTime, late, open}
	items.Desc = l.lang().T("site.chart-items-desc", a.Total, a.Done, a.DoneByDeadline)
	out = append(out, items)

	for _, c := range out {
		c.render()
	}
	return out
}
