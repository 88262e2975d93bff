// Package gencorpus generates realistic postmortems (English and Japanese, about 5 KB each) for
// benchmarks and for the tests that hold pm's output on a large corpus unchanged.
//
// Every document has the front matter of templates/postmortem.*.md, every section, a timeline table and
// an action items table. About one in ten carries a mistake pm lint reports ("outage" in the External
// Message, a time without a zone, a TODO, a P2 action item, …). The output is deterministic: document i
// depends only on the seed and i, so a corpus of 1,000 is the first 1,000 files of a corpus of 10,000.
package gencorpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Write writes documents 0 … n-1 of the corpus into dir (created when missing) and returns their
// total size in bytes.
func Write(dir string, n int, seed uint64, mistakes float64, size int) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("create %s: %w", dir, err)
	}
	var total int
	for i := 0; i < n; i++ {
		name, data := Generate(seed, i, mistakes, size)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return total, fmt.Errorf("write %s: %w", name, err)
		}
		total += len(data)
	}
	return total, nil
}

// Generate returns the file name and content of document i of the corpus of the given seed: about size
// bytes, with a mistake pm lint reports in the given share of documents. Document i depends only on the
// seed, i, mistakes and size.
func Generate(seed uint64, i int, mistakes float64, size int) (string, []byte) {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	g := &gen{r: r, i: i, seed: seed}
	ja := r.IntN(3) == 0
	if ja {
		g.lang = jaText
	} else {
		g.lang = enText
	}
	g.mistake = -1
	if r.Float64() < mistakes {
		g.mistake = r.IntN(numMistakes)
	}
	g.facts()
	doc := g.render(size)
	name := fmt.Sprintf("%s-%s-%05d.md", g.date.Format("2006-01-02"), g.slug, i)
	return name, []byte(doc)
}

// Mistakes a generated document can carry; each makes pm lint report something.
const (
	mistakeOutage      = iota // "outage" (停止) in the External Message
	mistakeNoZone             // a timeline time without a zone
	mistakePlaceholder        // a TODO left in the text
	mistakePriority           // a P2 action item
	mistakeNoScribe           // Responders without a Scribe
	mistakeNoLink             // a timeline row without a data link
	mistakeBackwards          // a timeline time earlier than the row above
	mistakeBadDue             // an action item due date that does not parse
	numMistakes
)

type gen struct {
	r       *rand.Rand
	i       int
	seed    uint64
	lang    *language
	mistake int

	date      time.Time
	zone      string
	offset    time.Duration
	severity  string
	status    string
	owner     string
	ic        string
	scribe    string
	experts   []string
	svc, svc2 string
	product   string
	title     string
	slug      string
	start     time.Time // impact start, UTC
	minutes   int
	pct       int
	ticketKey string
	fill      map[string]string
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *gen) person() string {
	l := g.lang
	return g.pick(l.given) + l.nameSep + g.pick(l.family)
}

// facts draws what the document is about; every section is written from them.
func (g *gen) facts() {
	r, l := g.r, g.lang
	g.date = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(900))
	if l == jaText {
		g.zone, g.offset = "JST", 9*time.Hour
	} else {
		g.zone, g.offset = "UTC", 0
	}
	g.severity = []string{"SEV-1", "SEV-2", "SEV-2", "SEV-3", "SEV-3", "SEV-4"}[r.IntN(6)]
	g.status = []string{"Draft", "In Review", "Reviewed", "Reviewed", "Closed", "Closed"}[r.IntN(6)]
	g.owner, g.ic, g.scribe = g.person(), g.person(), g.person()
	for k := 0; k < 1+r.IntN(3); k++ {
		g.experts = append(g.experts, g.person())
	}
	g.svc = g.pick(services)
	g.svc2 = g.pick(services)
	for g.svc2 == g.svc {
		g.svc2 = g.pick(services)
	}
	g.product = g.pick(l.products)
	sym := r.IntN(len(l.symptoms))
	g.title = fmt.Sprintf(l.symptoms[sym], g.product)
	g.slug = enSlugs[sym%len(enSlugs)] + "-" + g.svc
	g.start = g.date.Add(time.Duration(1+r.IntN(21))*time.Hour + time.Duration(r.IntN(60))*time.Minute)
	g.minutes = 12 + r.IntN(170)
	g.pct = 2 + r.IntN(60)
	g.ticketKey = strings.ToUpper(g.svc[:3])
	local := func(t time.Time) string { return t.Add(g.offset).Format("15:04") }
	g.fill = map[string]string{
		"{svc}": g.svc, "{svc2}": g.svc2, "{product}": g.product, "{pct}": fmt.Sprint(g.pct),
		"{min}": fmt.Sprint(g.minutes), "{start}": local(g.start),
		"{end}":  local(g.start.Add(time.Duration(g.minutes) * time.Minute)),
		"{date}": g.date.Format(l.dateFmt), "{ver}": fmt.Sprintf("%d.%d.%d", 1+r.IntN(9), r.IntN(40), r.IntN(12)),
		"{n}": fmt.Sprint(1000 + r.IntN(90000)), "{total}": fmt.Sprint(100000 + r.IntN(900000)),
		"{ms}": fmt.Sprint(100 + r.IntN(4900)), "{pool}": fmt.Sprint(10 + r.IntN(90)),
		"{zone}": g.zone, "{ic}": g.ic, "{key}": g.ticketKey, "{sev}": g.severity,
	}
}

func (g *gen) expand(s string) string {
	for k, v := range g.fill {
		s = strings.ReplaceAll(s, k, v)
	}
	return s
}

// para joins k sentences drawn from pool without repeating one while the pool lasts.
func (g *gen) para(pool []string, k int) string {
	perm := g.r.Perm(len(pool))
	var parts []string
	for j := 0; j < k; j++ {
		parts = append(parts, g.expand(pool[perm[j%len(perm)]]))
	}
	return wrap(strings.Join(parts, g.lang.sentenceSep), g.lang == jaText)
}

// lines joins the first k sentences of pool in order, for text whose order matters (a message).
func (g *gen) lines(pool []string, k int) string {
	if k > len(pool) {
		k = len(pool)
	}
	var parts []string
	for _, s := range pool[:k] {
		parts = append(parts, g.expand(s))
	}
	return wrap(strings.Join(parts, g.lang.sentenceSep), g.lang == jaText)
}

// wrap breaks prose into lines of about 100 bytes, as people write Markdown.
func wrap(s string, ja bool) string {
	if ja {
		return s // Japanese prose is usually written one paragraph per line
	}
	var b strings.Builder
	line := 0
	for i, w := range strings.Fields(s) {
		if i > 0 {
			if line+1+len(w) > 100 {
				b.WriteByte('\n')
				line = 0
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(w)
		line += len(w)
	}
	return b.String()
}

func (g *gen) render(size int) string {
	// The narrative sections grow one sentence at a time until the document reaches the target size.
	extra := map[string]int{}
	narrative := []string{"happened", "cause", "resolution", "went-well", "went-badly", "detect"}
	var doc string
	for tries := 0; tries < 40; tries++ {
		// Every try draws the same body, so only the added sentences differ.
		g.r = rand.New(rand.NewPCG(g.seed^0x9e3779b97f4a7c15, uint64(g.i)))
		doc = g.document(extra)
		if len(doc) >= size-150 {
			break
		}
		extra[narrative[tries%len(narrative)]]++
	}
	return doc
}

func (g *gen) document(extra map[string]int) string {
	l, r := g.lang, g.r
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }

	// Front matter, as pm new writes it.
	created := g.start.Add(time.Duration(g.minutes+30+r.IntN(300)) * time.Minute)
	meeting := g.date.AddDate(0, 0, 1+r.IntN(4)).Add(6 * time.Hour)
	line("---")
	line("title: %s", yamlQuote(g.title))
	line("severity: %s", g.severity)
	line("status: %s", g.status)
	line("owner: %s", g.owner)
	line("incident_commander: %s", g.ic)
	line("incident_date: %s", g.date.Format("2006-01-02"))
	if g.status == "Draft" && r.IntN(2) == 0 {
		line(`meeting: ""`)
	} else {
		line("meeting: %s", meeting.Format(time.RFC3339))
	}
	line("external_message: true")
	line("full_outage: false")
	if g.status == "Draft" {
		line(`call_recording: ""`)
	} else {
		line("call_recording: https://meet.example.com/recordings/inc-%s-%s", g.date.Format("2006-01-02"), g.svc)
	}
	line("status_history:")
	at := created
	for _, s := range []string{"Draft", "In Review", "Reviewed", "Closed"} {
		line("  - status: %s", s)
		line("    at: %s", at.Format(time.RFC3339))
		line("    by: %s", g.owner)
		if s == g.status {
			break
		}
		at = at.Add(time.Duration(20+r.IntN(60)) * time.Hour)
	}
	line("---")
	line("")
	line("# %s", g.title)
	line("")

	h := l.headings
	section := func(level int, title string) { line("%s %s", strings.Repeat("#", level), title); line("") }

	section(2, h.overview)
	line("%s", g.lines(l.overview, 2))
	line("")

	section(2, h.happened)
	line("%s", g.para(l.happened, 1+extra["happened"]))
	line("")

	section(2, h.cause)
	causes := g.para(l.cause, 1+extra["cause"])
	if g.mistake == mistakePlaceholder {
		causes += g.lang.sentenceSep + "TODO: " + g.expand(l.todo)
	}
	line("%s", causes)
	line("")

	section(2, h.resolution)
	line("%s", g.para(l.resolution, 1+extra["resolution"]))
	line("")

	section(2, h.impact)
	for _, s := range g.pickN(l.impact, 2+r.IntN(2)) {
		line("- %s", g.expand(s))
	}
	line("")

	section(2, h.responders)
	line("- %s: %s", l.icLabel, g.ic)
	if g.mistake != mistakeNoScribe {
		line("- %s: %s", l.scribeLabel, g.scribe)
	}
	for k, e := range g.experts {
		svc := g.svc
		if k%2 == 1 {
			svc = g.svc2
		}
		line("- %s (%s)%s", e, svc, l.expertSuffix)
	}
	line("")

	section(2, h.timeline)
	g.timeline(&b)
	line("")

	section(2, h.analysis)
	line("%s", g.expand(l.analysisIntro))
	line("")
	line("```sql")
	line("SELECT count(*) FILTER (WHERE status >= 500) AS failed, count(*) AS total")
	line("FROM %s_access_log", strings.ReplaceAll(g.svc, "-", "_"))
	line("WHERE ts >= '%s' AND ts < '%s';", g.start.Format("2006-01-02 15:04Z"),
		g.start.Add(time.Duration(g.minutes)*time.Minute).Format("2006-01-02 15:04Z"))
	line("```")
	line("")
	if r.IntN(2) == 0 {
		line("%s", g.expand(l.analysisIntro2))
		line("")
		line("```promql")
		line(`histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{app="%s"}[5m])))`, g.svc)
		line("```")
		line("")
	}

	section(2, h.howDidWeDo)
	line("%s", g.expand(l.howIntro))
	line("")
	section(3, h.wentWell)
	for _, s := range g.pickN(l.wentWell, 1+extra["went-well"]) {
		line("- %s", g.expand(s))
	}
	line("")
	section(3, h.wentBadly)
	for _, s := range g.pickN(l.wentBadly, 1+extra["went-badly"]) {
		line("- %s", g.expand(s))
	}
	line("")
	section(3, h.detect)
	line("%s", g.para(l.detect, 1+extra["detect"]))
	line("")

	section(2, h.actionItems)
	line("%s", l.actionHeader)
	line("| --- | --- | --- | --- | --- | --- |")
	items := g.pickN(l.actions, 2+r.IntN(4))
	for k, a := range items {
		prio := []string{"P0", "P1", "P1"}[r.IntN(3)]
		if g.mistake == mistakePriority && k == len(items)-1 {
			prio = "P2"
		}
		typ := []string{"prevent", "process"}[r.IntN(2)]
		due := g.date.AddDate(0, 0, 7+r.IntN(40)).Format("2006-01-02")
		if g.mistake == mistakeBadDue && k == 0 {
			due = g.date.AddDate(0, 0, 14).Format("02.01.2006") // a European date, which no reading of a Due cell takes
		}
		ticket := fmt.Sprintf("%s-%d", g.ticketKey, 100+r.IntN(9000))
		if g.status == "Draft" && r.IntN(2) == 0 {
			ticket = ""
		}
		line("| %s | %s | %s | %s | %s | %s |", prio, g.expand(a), typ, g.pick(append([]string{g.owner, g.scribe}, g.experts...)), due, ticket)
	}
	line("")

	section(2, h.messaging)
	line("%s", l.messagingIntro)
	line("")
	section(3, h.internalEmail)
	line("%s", g.lines(l.internalEmail, 2))
	line("https://git.example.com/sre/postmortems/blob/main/%s-%s.md", g.date.Format("2006-01-02"), g.slug)
	line("")
	section(3, h.externalMessage)
	ext := g.lines(l.external, 3+g.r.IntN(3))
	if g.mistake == mistakeOutage {
		ext += l.sentenceSep + g.expand(l.outage)
	}
	line("%s", ext)
	return b.String()
}

// timeline writes the Timeline table: one row per event, oldest first, each with a data link.
func (g *gen) timeline(b *strings.Builder) {
	l, r := g.lang, g.r
	fmt.Fprintln(b, l.timelineHeader)
	fmt.Fprintln(b, "| --- | --- | --- |")
	events := l.events
	rows := 6 + r.IntN(5)
	lead := 20 + r.IntN(90) // the change that set the incident up came this many minutes before the impact
	t := g.start.Add(-time.Duration(lead) * time.Minute)
	step := time.Duration(g.minutes+lead) * time.Minute / time.Duration(rows)
	bad := -1
	if g.mistake == mistakeNoZone || g.mistake == mistakeNoLink || g.mistake == mistakeBackwards {
		bad = 2 + r.IntN(rows-3)
	}
	for k := 0; k < rows; k++ {
		ev := events[k*len(events)/rows]
		shown := t
		if k == bad && g.mistake == mistakeBackwards {
			shown = t.Add(-3 * time.Hour)
		}
		when := shown.Add(g.offset).Format("2006-01-02 15:04") + " " + g.zone
		if k == bad && g.mistake == mistakeNoZone {
			when = shown.Add(g.offset).Format("2006-01-02 15:04")
		}
		link := fmt.Sprintf("[%s](https://%s.example.com/%s/%d)", ev.link, ev.host, g.svc, 1000+r.IntN(90000))
		if k == bad && g.mistake == mistakeNoLink {
			link = ""
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", when, g.expand(ev.text), link)
		t = t.Add(step/2 + time.Duration(r.IntN(int(step/time.Minute)+1))*time.Minute)
	}
}

// pickN returns k distinct entries of list (fewer when the list is shorter).
func (g *gen) pickN(list []string, k int) []string {
	perm := g.r.Perm(len(list))
	if k > len(list) {
		k = len(list)
	}
	out := make([]string, k)
	for j := range out {
		out[j] = list[perm[j]]
	}
	return out
}

func yamlQuote(s string) string {
	if strings.ContainsAny(s, ":#'\"") {
		return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
	}
	return s
}

var services = []string{
	"payment-api", "checkout-web", "order-worker", "inventory-api", "search-svc", "auth-gateway",
	"notification-svc", "risk-svc", "catalog-api", "billing-batch", "media-cdn", "session-store",
	"recommendation-svc", "ledger-db", "shipping-api", "profile-svc",
}

var enSlugs = []string{"errors", "latency", "delay", "failures", "timeouts", "stale-data", "login-failures", "missing-emails"}

type headings struct {
	overview, happened, cause, resolution, impact, responders, timeline, analysis string
	howDidWeDo, wentWell, wentBadly, detect, actionItems, messaging               string
	internalEmail, externalMessage                                                string
}

type event struct{ text, link, host string }

type language struct {
	headings                     headings
	given, family                []string
	nameSep, sentenceSep         string
	dateFmt                      string
	products, symptoms           []string
	overview, happened, cause    []string
	resolution, impact, detect   []string
	wentWell, wentBadly, actions []string
	internalEmail, external      []string
	outage, todo                 string
	icLabel, scribeLabel         string
	expertSuffix                 string
	timelineHeader, actionHeader string
	analysisIntro                string
	analysisIntro2               string
	howIntro, messagingIntro     string
	events                       []event
}

var enText = &language{
	headings: headings{
		overview: "Overview", happened: "What Happened", cause: "Root Cause", resolution: "Resolution",
		impact: "Impact", responders: "Responders", timeline: "Timeline", analysis: "Analysis",
		howDidWeDo: "How'd We Do?", wentWell: "What Went Well?", wentBadly: "What Didn't Go So Well?",
		detect: "How Could We Have Detected It Sooner?", actionItems: "Action Items", messaging: "Messaging",
		internalEmail: "Internal Email", externalMessage: "External Message",
	},
	given:       []string{"Priya", "Daniel", "Hannah", "Ana", "Tomás", "Grace", "Marcus", "Lena", "Omar", "Sofia", "Kenji", "Chloe", "Ravi", "Elena", "Jonas", "Amara"},
	family:      []string{"Raman", "Okafor", "Lee", "Souza", "Ruiz", "Kim", "Fischer", "Novak", "Haddad", "Rossi", "Tanaka", "Dubois", "Patel", "Ivanova", "Berg", "Mensah"},
	nameSep:     " ",
	sentenceSep: " ",
	dateFmt:     "2 January",
	products:    []string{"checkout", "card payments", "search", "sign-in", "order tracking", "the mobile app", "email receipts", "the partner API"},
	symptoms: []string{"Elevated errors in %s", "Slow responses in %s", "Delayed processing in %s", "Failures in %s after a release",
		"Timeouts in %s during the peak", "Stale data shown in %s", "Intermittent failures in %s", "Missing notifications from %s"},
	overview: []string{
		"On {date} from {start} to {end} {zone}, {pct}% of requests to {product} failed or took longer than ten seconds.",
		"A change to {svc} made it wait on {svc2} while holding a database connection, and the pool of {pool} connections ran dry.",
		"Customers saw errors for {min} minutes; no data was lost and no payment was taken twice.",
		"The incident was declared {sev} eleven minutes after the first alert fired.",
	},
	happened: []string{
		"Requests to {product} began to fail shortly after {start} {zone}, first a few and then about {pct}% of them.",
		"The on-call engineer was paged by the error-rate alert and joined the incident channel within five minutes.",
		"Responders first suspected the load balancer because the errors were timeouts, and spent some time ruling it out.",
		"Dashboards for {svc} showed connection pool waits rising to {ms} ms while CPU and memory stayed flat.",
		"A second responder from the {svc2} team noticed that its latency had risen at the same moment.",
		"The incident commander asked for the release of {svc} version {ver} to be rolled back.",
		"While the rollback ran, support posted an update on the status page and answered the first tickets.",
		"Error rates dropped within two minutes of the rollback finishing and stayed at the usual level afterwards.",
		"A retry storm from the mobile clients kept the load high for several minutes after the fix.",
		"The team kept the incident open for another half hour to watch the queues drain back to normal.",
		"Traffic at the time was about twice the weekday average because of a marketing campaign.",
		"Several customers reported the problem on social media before the alert paged anyone.",
	},
	cause: []string{
		"Release {ver} of {svc} moved the call to {svc2} inside the database transaction, so each request kept a connection for the whole call.",
		"The connection pool of {pool} per pod was sized for short transactions of about 15 ms.",
		"When {svc2} slowed down to a p99 of {ms} ms, every connection was soon checked out and new requests queued.",
		"The client timeout for {svc2} was 10 seconds, far longer than the callers were willing to wait.",
		"The canary ran at night, when {svc2} was fast, so it did not show the problem.",
		"The load test stubs out {svc2}, so the change in transaction scope was never exercised under load.",
		"An autoscaler ceiling on {svc2}, set two years ago, stopped it from adding replicas at the peak.",
		"Scaling {svc} out during the response added connections to the shared database and made the pressure worse.",
		"No alert watched pool wait time, so the first signal was the error rate seen by customers.",
		"The runbook for {svc} did not mention the feature flag that turns the new call path off.",
	},
	resolution: []string{
		"Rolling {svc} back to the previous version at {end} {zone} moved the call out of the transaction again.",
		"The feature flag for the new code path stays off until the fix tracked in {key}-101 ships.",
		"The temporary mitigation was the rollback; the lasting fix is to call {svc2} before the transaction opens.",
		"Queues drained within fifteen minutes and no manual replay of events was needed.",
		"Support contacted the customers who had opened tickets once the error rate was back to normal.",
	},
	impact: []string{
		"{min} minutes at {sev}, from {start} to {end} {zone}.",
		"{n} of {total} requests failed ({pct}%), measured from the gateway logs (query in Analysis).",
		"No data lost: reconciliation of the window found every event accounted for.",
		"About {n} accounts saw at least one error; 37 support tickets were opened.",
		"p99 latency of {product} rose to {ms} ms for the whole window.",
		"No duplicate charges or duplicate orders were found.",
	},
	detect: []string{
		"An alert on pool wait time would have fired about ten minutes before the error-rate alert.",
		"A canary during peak traffic, or a load test against a real {svc2}, would have caught the change before rollout.",
		"Tracing showed the long transactions clearly, but nobody looks at traces until an incident is declared.",
		"Comparing connection hold times between the canary and the baseline would have flagged the release.",
	},
	wentWell: []string{
		"The error-rate alert paged within seven minutes of the first failures.",
		"The rollback was a single command and finished in four minutes.",
		"Support updated the status page early and kept customers informed.",
		"The incident channel had a clear commander from the start.",
		"The {svc2} team joined quickly and shared their dashboards.",
	},
	wentBadly: []string{
		"Time was lost suspecting the load balancer because the errors looked like network timeouts.",
		"No dashboard showed connection pool waits for {svc}.",
		"Scaling out came first and added load to the shared database.",
		"The release notes did not say that the change could be turned off with a flag.",
		"Paging took longer than it should because the alert threshold was set for daily traffic.",
	},
	actions: []string{
		"Call {svc2} before opening the database transaction in {svc}",
		"Cap the {svc2} client timeout at 800 ms with a fallback",
		"Alert on {svc} pool wait p95 above 100 ms for 3 minutes",
		"List the kill switches of {svc} in its runbook",
		"Run the canary of {svc} during peak traffic",
		"Raise the autoscaler ceiling of {svc2} and alert when it is reached",
		"Add a load test that calls a real {svc2}",
		"Add connection hold time to the release dashboard",
	},
	internalEmail: []string{
		"For {min} minutes on {date}, {pct}% of requests to {product} failed after a change to {svc}.",
		"Lessons: keep network calls out of database transactions, alert on pool saturation, and make kill switches easy to find.",
		"Thanks to everyone who joined the response; the action items are filed under {key}.",
	},
	external: []string{
		"On {date} between {start} and {end} {zone}, some requests to {product} failed or were slow.",
		"We are sorry: your customers could not complete what they came to do, and that is what our service must get right.",
		"A change to one of our internal systems made it wait on another system that was slower than usual during our busiest hour.",
		"No data was lost and no one was charged twice.",
		"The change has been reverted, and we are adding earlier alerting and peak-load testing so that this does not happen again.",
	},
	outage:         "We apologise for the outage and the trouble it caused.",
	todo:           "confirm with the {svc2} team why the autoscaler ceiling was set.",
	icLabel:        "Incident Commander",
	scribeLabel:    "Scribe",
	expertSuffix:   ": subject-matter expert",
	timelineHeader: "| Time | Event | Data Link |",
	actionHeader:   "| Priority | Action | Type | Owner | Due | Ticket |",
	analysisIntro:  "Failed requests in the window, from the {svc} access logs:",
	analysisIntro2: "Latency of {svc} at the 99th percentile during the incident:",
	howIntro:       "Reviewed in the postmortem meeting.",
	messagingIntro: "Both messages were reviewed in the postmortem meeting before they were sent.",
	events: []event{
		{"{svc} {ver} fully rolled out", "deploy", "deploy"},
		{"{svc2} p99 climbs to {ms} ms", "latency", "grafana"},
		{"Connection pools of {svc} saturated; requests time out", "pools", "grafana"},
		{"Error-rate alert pages the on-call engineer", "alert", "alerts"},
		{"{sev} declared; {ic} takes command", "channel", "chat"},
		{"Status page updated", "post", "status"},
		{"{svc} scaled out; errors unchanged", "event", "k8s"},
		{"Rollback of {svc} started", "deploy", "deploy"},
		{"Errors back under 0.1%; impact ends", "errors", "grafana"},
		{"Queues drained; incident closed", "queues", "grafana"},
	},
}

var jaText = &language{
	headings: headings{
		overview: "概要", happened: "なにが起きたか", cause: "根本原因", resolution: "解決",
		impact: "影響", responders: "対応者", timeline: "タイムライン", analysis: "分析",
		howDidWeDo: "どう対処したか", wentWell: "なにがうまくいった？", wentBadly: "なにがうまくいかなかった？",
		detect: "もっと早く検知できなかったか？", actionItems: "アクションアイテム", messaging: "メッセージング",
		internalEmail: "社内メール", externalMessage: "対外メッセージ",
	},
	given:       []string{"美咲", "健", "彩", "翔", "直樹", "由美", "優", "大輔", "陽子", "拓也", "真理", "悠人"},
	family:      []string{"佐藤", "高橋", "伊藤", "中村", "小林", "加藤", "山本", "田中", "渡辺", "鈴木", "松本", "井上"},
	nameSep:     " ",
	sentenceSep: "",
	dateFmt:     "1月2日",
	products:    []string{"決済", "注文確定", "検索", "ログイン", "配送状況の表示", "モバイルアプリ", "確認メール", "パートナー向けAPI"},
	symptoms: []string{"%sでのエラー増加", "%sの応答遅延", "%sの処理遅延", "リリース後の%sの失敗",
		"ピーク時の%sのタイムアウト", "%sで古いデータを表示", "%sの断続的な失敗", "%sの通知が届かない問題"},
	overview: []string{
		"{date} {start}〜{end} JST、{product}へのリクエストの{pct}%が失敗するか10秒以上かかりました。",
		"{svc} の変更で {svc2} の応答をデータベース接続を保持したまま待つようになり、{pool}本の接続プールが枯渇しました。",
		"顧客への影響は{min}分間続きました。データの消失や二重決済はありません。",
		"最初のアラートから11分後に{sev}を宣言しました。",
	},
	happened: []string{
		"{start}ごろから{product}へのリクエストが失敗し始め、やがて約{pct}%に達しました。",
		"エラー率のアラートで当番が呼び出され、5分以内にインシデントチャンネルに参加しました。",
		"エラーがタイムアウトだったため、当初はロードバランサーを疑い、その切り分けに時間を使いました。",
		"{svc} のダッシュボードでは、CPUとメモリは平常のまま接続プールの待ち時間が{ms}msまで伸びていました。",
		"{svc2} チームの対応者が、同じ時刻に {svc2} のレイテンシも上がっていることに気づきました。",
		"インシデントコマンダーの判断で {svc} のバージョン {ver} をロールバックしました。",
		"ロールバックの間に、サポートがステータスページを更新し、最初の問い合わせに回答しました。",
		"ロールバック完了から2分以内にエラー率が下がり、その後は平常の水準を保ちました。",
		"モバイルアプリからの再試行が集中し、修正後も数分間は負荷が高いままでした。",
		"キューが平常に戻るのを確認するため、さらに30分インシデントを継続しました。",
		"当時はキャンペーンの影響で平日平均の約2倍のトラフィックがありました。",
	},
	cause: []string{
		"{svc} のリリース {ver} で {svc2} の呼び出しがトランザクションの内側に移り、呼び出しの間ずっと接続を保持するようになりました。",
		"Pod あたり{pool}本の接続プールは、約15msで終わる短いトランザクションを前提にしていました。",
		"{svc2} の p99 が{ms}msに伸びると、すぐにすべての接続が使われ、新しいリクエストは待たされました。",
		"{svc2} のクライアントタイムアウトは10秒で、呼び出し元が待てる時間よりはるかに長いものでした。",
		"カナリアは {svc2} が速い夜間に実行されていたため、問題が見えませんでした。",
		"負荷試験では {svc2} をスタブにしているため、トランザクション範囲の変更が負荷の下で試されていませんでした。",
		"2年前に設定された {svc2} のオートスケーラーの上限により、ピーク時にレプリカを増やせませんでした。",
		"対応中に {svc} をスケールアウトしたことで共有データベースへの接続が増え、状況が悪化しました。",
		"接続プールの待ち時間を監視するアラートがなく、最初の兆候は顧客が見たエラー率でした。",
	},
	resolution: []string{
		"{end} JST に {svc} を前のバージョンに戻し、呼び出しをトランザクションの外に戻しました。",
		"新しい処理経路の機能フラグは、{key}-101 の修正がリリースされるまでオフのままにします。",
		"一時的な対処はロールバックで、恒久対策はトランザクションを開く前に {svc2} を呼ぶことです。",
		"キューは15分以内に解消し、イベントの手動再送は不要でした。",
	},
	impact: []string{
		"影響時間: {min}分（{start}〜{end} JST、{sev}）",
		"失敗したリクエスト: {total}件中{n}件（{pct}%）。ゲートウェイのログから集計（クエリは分析に記載）",
		"データの消失: なし（照合済み）",
		"エラーを経験したアカウント: 約{n}件。問い合わせ: 37件",
		"{product}の p99 レイテンシが{ms}msに上昇",
	},
	detect: []string{
		"接続プールの待ち時間のアラートがあれば、エラー率のアラートより約10分早く気づけました。",
		"ピーク時のカナリアか、実際の {svc2} を使った負荷試験があれば、リリース前に気づけました。",
		"トレースには長いトランザクションがはっきり出ていましたが、インシデント宣言まで誰も見ていませんでした。",
	},
	wentWell: []string{
		"エラー率のアラートが最初の失敗から7分以内に当番を呼び出しました。",
		"ロールバックは1つのコマンドで、4分で完了しました。",
		"サポートが早い段階でステータスページを更新しました。",
		"最初からインシデントコマンダーが明確でした。",
	},
	wentBadly: []string{
		"エラーがネットワークのタイムアウトに見えたため、ロードバランサーの調査に時間を使いました。",
		"{svc} の接続プールの待ち時間を示すダッシュボードがありませんでした。",
		"最初にスケールアウトしたため、共有データベースの負荷が増えました。",
		"リリースノートに機能フラグで無効化できることが書かれていませんでした。",
	},
	actions: []string{
		"{svc} でトランザクションを開く前に {svc2} を呼ぶ",
		"{svc2} のクライアントタイムアウトを800msにしてフォールバックを用意する",
		"{svc} の接続プール待ち時間の p95 が100msを3分超えたら呼び出す",
		"{svc} の機能フラグを Runbook に載せる",
		"{svc} のカナリアをピーク時間帯に実行する",
		"{svc2} のオートスケーラーの上限を見直し、到達したらアラートを出す",
		"実際の {svc2} を呼ぶ負荷試験を追加する",
	},
	internalEmail: []string{
		"{date}、{svc} の変更により{product}へのリクエストの{pct}%が{min}分間失敗しました（{sev}）。",
		"学び: データベースのトランザクション内でネットワーク呼び出しをしない、接続プールの枯渇を監視する、機能フラグを見つけやすくする。",
		"対応に参加した皆さん、ありがとうございました。アクションアイテムは {key} で管理します。",
	},
	external: []string{
		"{date} {start}〜{end}（日本時間）、{product}の一部のリクエストが失敗、または遅延するインシデントが発生しました。",
		"ご不便とご心配をおかけし、誠に申し訳ございません。",
		"社内システムの変更により、別のシステムの応答を待つ処理が混雑時に滞ったことが原因です。",
		"データの消失や二重請求はありません。",
		"変更はすでに取り消しており、今後は早期に検知する監視とピーク時を想定した試験を追加します。",
	},
	outage:         "サービス停止によりご迷惑をおかけしました。",
	todo:           "{svc2} チームにオートスケーラーの上限の理由を確認する。",
	icLabel:        "インシデントコマンダー",
	scribeLabel:    "記録係",
	expertSuffix:   ": 専門家として対応",
	timelineHeader: "| 時刻 | 出来事 | データへのリンク |",
	actionHeader:   "| 優先度 | アクション | 種別 | 担当 | 期日 | チケット |",
	analysisIntro:  "インシデント中に失敗したリクエスト数（{svc} のアクセスログから）:",
	analysisIntro2: "インシデント中の {svc} の p99 レイテンシ:",
	howIntro:       "ポストモーテムのミーティングで確認しました。",
	messagingIntro: "どちらもミーティングで確認してから送ります。",
	events: []event{
		{"{svc} {ver} をデプロイ", "デプロイ記録", "deploy"},
		{"{svc2} の p99 が{ms}msに上昇", "レイテンシ", "grafana"},
		{"{svc} の接続プールが枯渇し、リクエストがタイムアウト", "接続プール", "grafana"},
		{"エラー率のアラートで当番を呼び出し", "アラート", "alerts"},
		{"{sev} を宣言、{ic} が指揮", "チャンネル", "chat"},
		{"ステータスページを更新", "投稿", "status"},
		{"{svc} をスケールアウト、エラーは変わらず", "イベント", "k8s"},
		{"{svc} のロールバックを開始", "デプロイ記録", "deploy"},
		{"エラー率が0.1%未満に戻り、影響が終了", "エラー率", "grafana"},
		{"キューが解消し、インシデントを終了", "キュー", "grafana"},
	},
}
