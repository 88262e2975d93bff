package message

import (
	"bytes"
	"flag"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/cmd/message")

var now = time.Date(2026, 11, 26, 1, 30, 0, 0, time.UTC)

const fixtures = "../../../testdata/cmd/message"

const (
	payment  = "2026-10-14-payment-api-timeouts"
	checkout = "2026-11-20-checkout-latency"
	ja       = "2026-09-03-checkout-delay-ja"
)

const settings = `timezone: Asia/Tokyo
repo_url: https://git.example.com/sre/postmortems/blob/main
mail:
  from: Priya Raman <priya@example.com>
  to: [Engineering <eng@example.com>, 佐藤 美咲 <misaki@example.com>]
  cc: [support-leads@example.com]
`

// setup copies the fixture postmortems into a folder pm takes for a repository, with the given .pm.yaml.
func setup(t *testing.T, cfg string) string {
	t.Helper()
	dir := testrepo.FakeRoot(t)
	testrepo.CopyFiles(t, filepath.Join(dir, "postmortems"), filepath.Join(fixtures, "postmortems", "*.md"))
	if cfg != "" {
		testrepo.WriteFile(t, dir, ".pm.yaml", cfg)
	}
	return dir
}

// edit replaces old with new in a postmortem of dir.
func edit(t *testing.T, dir, id, old, new string) {
	t.Helper()
	path := filepath.Join(dir, "postmortems", id+".md")
	data, _ := os.ReadFile(path)
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", id, old)
	}
	os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644)
}

// newCmd builds pm message as the root command runs it.
func newCmd(f *cmdutil.Factory) testrepo.Command {
	cmd := NewCmdMessage(f, nil)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return cmd
}

// run runs pm message with args in dir the way the root command does: stdout, stderr, exit code.
func run(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	f, _, _ := cmdutil.TestFactory(dir, now, nil)
	return testrepo.Run(f, newCmd, args...)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	testrepo.Golden(t, filepath.Join(fixtures, name), []byte(got), *update)
}

func TestInternalGolden(t *testing.T) {
	dir := setup(t, settings)
	cases := []struct {
		args   []string
		golden string
	}{
		{[]string{"internal", payment}, "internal-en.golden.txt"},
		{[]string{"internal", payment, "--format", "markdown"}, "internal-en.golden.md"},
		{[]string{"internal", checkout}, "internal-checkout.golden.txt"},
		{[]string{"internal", checkout, "--format", "md"}, "internal-checkout.golden.md"},
		{[]string{"internal", ja}, "internal-ja.golden.txt"},
	}
	for _, c := range cases {
		out, errOut, code := run(t, dir, c.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, errOut)
		}
		golden(t, c.golden, out)
	}
}

func TestInternalText(t *testing.T) {
	out, errOut, _ := run(t, setup(t, settings), "internal", payment)
	lines := strings.Split(out, "\n")
	if lines[0] != "[Postmortem] SEV-1 Payment API timeouts during the midday peak" || lines[1] != "" {
		t.Errorf("subject line, then a blank line: %q", lines[:2])
	}
	for _, want := range []string{
		"For 48 minutes on 14 October a third of card authorizations failed",                                           // Internal Email
		"Overview\nOn 14 October from 14:08 to 14:56 UTC",                                                              // Overview
		"- P0: Call risk-svc before opening the authorization transaction (Ana Souza, due 2026-10-23, PAY-1841)",       // P0
		"- P1: List payment kill switches in the runbook (Priya Raman, due 2026-10-28, PAY-1844)",                      // P1
		"Postmortem: https://git.example.com/sre/postmortems/blob/main/postmortems/2026-10-14-payment-api-timeouts.md", // link
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if errOut != "" {
		t.Errorf("a Reviewed postmortem with its Internal Email: stderr %q", errOut)
	}

	out, errOut, _ = run(t, setup(t, settings), "internal", checkout)
	if strings.Contains(out, "P2") || strings.Contains(out, "Sent to stakeholders") {
		t.Errorf("P2 items and HTML comments stay out:\n%s", out)
	}
	if !strings.Contains(out, "- P1: Add the pool size to the release checklist (no owner, due 2026-11-30, https://jira.example.com/browse/OPS-1202)") ||
		!strings.Contains(out, "(Aiko Sato, due 2026-11-23, no ticket yet)") {
		t.Errorf("action items:\n%s", out)
	}
	if !strings.Contains(errOut, "is In Review: the process sends this email after the postmortem meeting") {
		t.Errorf("no note that the meeting has not been held: %q", errOut)
	}
}

func TestLinks(t *testing.T) {
	// without repo_url, the path in the repository
	out, _, _ := run(t, setup(t, ""), "internal", payment)
	if !strings.HasSuffix(out, "\nPostmortem: postmortems/2026-10-14-payment-api-timeouts.md\n") {
		t.Errorf("path link:\n%s", out)
	}
	// from a subfolder, the path is still from the repository root; spaces are escaped in URLs only
	dir := setup(t, settings)
	sub := filepath.Join(dir, "postmortems", "2026 Q4")
	os.Mkdir(sub, 0o755)
	os.Rename(filepath.Join(dir, "postmortems", payment+".md"), filepath.Join(sub, "payment timeouts.md"))
	f, o, e := cmdutil.TestFactory(sub, now, nil)
	if err := messageRun(&Options{F: f, Kind: "internal", Postmortem: "payment timeouts.md", Format: "text"}); err != nil {
		t.Fatal(err, e)
	}
	if want := "Postmortem: https://git.example.com/sre/postmortems/blob/main/postmortems/2026%20Q4/payment%20timeouts.md\n"; !strings.HasSuffix(o.String(), want) {
		t.Errorf("escaped link: want suffix %q in\n%s", want, o)
	}
	f, o, _ = cmdutil.TestFactory(sub, now, nil)
	messageRun(&Options{F: f, Kind: "internal", Postmortem: "payment timeouts", Format: "markdown"})
	if want := "Postmortem: [payment timeouts](https://git.example.com/sre/postmortems/blob/main/postmortems/2026%20Q4/payment%20timeouts.md)\n"; !strings.HasSuffix(o.String(), want) {
		t.Errorf("markdown link: want suffix %q in\n%s", want, o)
	}
}

func TestInternalEML(t *testing.T) {
	dir := setup(t, settings)
	_, errOut, code := run(t, dir, "internal", ja, "--format", "eml", "--output", "summary.eml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "Wrote summary.eml") {
		t.Errorf("stderr %q", errOut)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "summary.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(bytes.ReplaceAll(raw, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("a bare LF: every line of a message ends in CRLF")
	}
	for _, l := range strings.Split(string(raw), "\r\n") {
		if len(l) > 78 {
			t.Errorf("line of %d characters: %q", len(l), l)
		}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	h := msg.Header
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(h.Get("Subject"))
	if err != nil || subject != "[Postmortem] SEV-2 決済完了後の注文確定の遅延" {
		t.Errorf("Subject %q decodes to %q (%v)", h.Get("Subject"), subject, err)
	}
	if !strings.HasPrefix(h.Get("Subject"), "=?UTF-8?q?") {
		t.Errorf("a Japanese subject is RFC 2047 encoded: %q", h.Get("Subject"))
	}
	from, _ := h.AddressList("From")
	to, _ := h.AddressList("To")
	cc, _ := h.AddressList("Cc")
	if len(from) != 1 || from[0].Address != "priya@example.com" || len(to) != 2 || to[1].Name != "佐藤 美咲" || len(cc) != 1 || cc[0].Address != "support-leads@example.com" {
		t.Errorf("From %v, To %v, Cc %v", from, to, cc)
	}
	if d, err := h.Date(); err != nil || !d.Equal(now) || !strings.HasSuffix(h.Get("Date"), "+0900") {
		t.Errorf("Date %q (%v): want the clock in the configured zone", h.Get("Date"), err)
	}
	for k, want := range map[string]string{"MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
		"Content-Transfer-Encoding": "quoted-printable", "X-Unsent": "1"} {
		if h.Get(k) != want {
			t.Errorf("%s: %q, want %q", k, h.Get(k), want)
		}
	}
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(body), "\r\n", "\n")
	for _, want := range []string{
		"9月3日、在庫サービスの遅延で注文処理ワーカーがリバランスを繰り返し",
		"概要\n9月3日 14:05〜15:31 JST",
		"アクションアイテム（P0/P1）\n- P0: バッチ処理時間がポーリング間隔の半分を超えたら件数を自動で減らす（担当: 中村 翔、期日: 2026-09-18、ORD-512）",
		"ポストモーテム: https://git.example.com/sre/postmortems/blob/main/postmortems/2026-09-03-checkout-delay-ja.md\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("body lacks %q:\n%s", want, text)
		}
	}
	if strings.HasPrefix(text, "[Postmortem]") {
		t.Error("the subject is a header, not the body's first line")
	}
}

func TestEMLWithoutRecipients(t *testing.T) {
	out, errOut, code := run(t, setup(t, "timezone: UTC\n"), "internal", payment, "--format", "eml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	msg, err := mail.ReadMessage(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := msg.Header["To"]; ok {
		t.Errorf("To without recipients: %q", msg.Header.Get("To"))
	}
	if msg.Header.Get("Subject") != "[Postmortem] SEV-1 Payment API timeouts during the midday peak" {
		t.Errorf("an ASCII subject stays as it is: %q", msg.Header.Get("Subject"))
	}
	if !strings.Contains(errOut, "no mail.to in .pm.yaml") || !strings.Contains(errOut, "no mail.from") {
		t.Errorf("stderr should say the draft has no recipients: %q", errOut)
	}
}

func TestJapaneseDetection(t *testing.T) {
	// an English postmortem in a repository whose language is ja keeps English labels
	out, _, _ := run(t, setup(t, "language: ja\n"), "internal", payment)
	if !strings.Contains(out, "Action items (P0/P1)") {
		t.Errorf("English headings, English labels:\n%s", out)
	}
	// a document pm cannot judge by its headings follows .pm.yaml
	dir := setup(t, "language: ja\n")
	os.WriteFile(filepath.Join(dir, "postmortems", "bare.md"), []byte("---\ntitle: 短い\nseverity: SEV-3\nstatus: Reviewed\nowner: x\nincident_date: 2026-11-01\n---\n"), 0o644)
	out, _, _ = run(t, dir, "internal", "bare")
	if !strings.HasPrefix(out, "[Postmortem] SEV-3 短い\n") || !strings.Contains(out, "アクションアイテム（P0/P1）\nなし\n") {
		t.Errorf("no headings, language: ja:\n%s", out)
	}
}

func TestExternal(t *testing.T) {
	dir := setup(t, settings)
	out, errOut, code := run(t, dir, "external", payment)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden(t, "external-en.golden.txt", out)
	if !strings.HasPrefix(out, "On 14 October between 14:08 and 14:56 UTC") || strings.Contains(out, "###") {
		t.Errorf("plain text of the section:\n%s", out)
	}

	// "outage" without full_outage: refused, with the finding in lint's format
	out, errOut, code = run(t, dir, "external", checkout)
	if code != 1 || out != "" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	if !strings.Contains(errOut, "postmortems/2026-11-20-checkout-latency.md:52:1: error: \"outage\" in the customer message") ||
		!strings.Contains(errOut, "[banned-word]") || !strings.Contains(errOut, "pm: 2026-11-20-checkout-latency: 1 banned-word finding:") {
		t.Errorf("stderr %q", errOut)
	}

	edit(t, dir, checkout, "full_outage: false", "full_outage: true")
	out, errOut, code = run(t, dir, "external", checkout)
	if code != 0 {
		t.Fatalf("full_outage: true: exit %d: %s", code, errOut)
	}
	golden(t, "external-checkout.golden.txt", out)
	if !strings.Contains(errOut, "reviews this message in the postmortem meeting") {
		t.Errorf("In Review: no note that the meeting reviews it: %q", errOut)
	}
	out, _, code = run(t, dir, "external", checkout, "--format", "markdown")
	if code != 0 {
		t.Fatal(code)
	}
	golden(t, "external-checkout.golden.md", out)
	if strings.Contains(out, "What customers read") || !strings.Contains(out, "[status page](https://status.example.com/i/x1)") ||
		!strings.Contains(out, "Reference: INC-1120 <!-- kept: this is code -->") {
		t.Errorf("markdown: comments dropped outside code, links and code kept:\n%s", out)
	}
}

func TestExternalRefused(t *testing.T) {
	cases := []struct {
		name    string
		prepare func(t *testing.T, dir string)
		stderr  string
	}{
		{"external_message false", func(t *testing.T, dir string) {
			edit(t, dir, payment, "external_message: true", "external_message: false")
		}, "external_message is false: no message goes to customers"},
		{"only a comment", func(t *testing.T, dir string) {
			path := filepath.Join(dir, "postmortems", payment+".md")
			data, _ := os.ReadFile(path)
			i := bytes.Index(data, []byte("### External Message"))
			os.WriteFile(path, append(data[:i:i], "### External Message\n\n<!-- to be written -->\n"...), 0o644)
		}, "the External Message section is empty"},
		{"missing", func(t *testing.T, dir string) {
			edit(t, dir, payment, "### External Message", "### Status page")
		}, "has no External Message section"},
	}
	for _, c := range cases {
		dir := setup(t, settings)
		c.prepare(t, dir)
		out, errOut, code := run(t, dir, "external", payment)
		if code != 1 || out != "" || !strings.Contains(errOut, c.stderr) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 1 and %q", c.name, code, out, errOut, c.stderr)
		}
	}
}

func TestBadInput(t *testing.T) {
	dir := setup(t, settings)
	os.WriteFile(filepath.Join(dir, "postmortems", "2026-11-01-broken.md"), []byte("---\ntitle: [\n---\n# broken\n"), 0o644)
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{}, 2, "say which message"},
		{[]string{"summary", payment}, 2, `unknown message "summary"`},
		{[]string{"internal", "checkout"}, 2, `"checkout" matches 2 postmortems`},
		{[]string{"internal", "no-such-incident"}, 2, "no postmortem matches"},
		{[]string{"internal"}, 2, "open postmortems, name one"},
		{[]string{"external", payment, "--format", "eml"}, 2, "--format eml is for the internal email"},
		{[]string{"internal", payment, "--format", "html"}, 2, "want text, markdown or eml"},
		{[]string{"internal", payment, "extra"}, 2, "too many arguments"},
		{[]string{"internal", "broken"}, 1, "broken.md does not parse"},
		{[]string{"external", "broken"}, 1, "broken.md does not parse"},
	}
	for _, c := range cases {
		out, errOut, code := run(t, dir, c.args...)
		if code != c.code || out != "" || !strings.Contains(errOut, c.stderr) {
			t.Errorf("pm message %v: exit %d, stdout %q, stderr %q; want exit %d and %q", c.args, code, out, errOut, c.code, c.stderr)
		}
		if c.code == 2 && strings.Count(errOut, "\n") != 1 {
			t.Errorf("pm message %v: the reason is not one line: %q", c.args, errOut)
		}
	}
	_, errOut, _ := run(t, dir, "internal", "broken")
	if !strings.Contains(errOut, "postmortems/2026-11-01-broken.md:2:") || !strings.Contains(errOut, "[front-matter]") {
		t.Errorf("the findings of a broken postmortem: %q", errOut)
	}
}

// runLang runs pm message as --lang lang does, with LANG=ja_JP.UTF-8 in the environment.
func runLang(t *testing.T, dir, lang string, args ...string) (string, string, int) {
	t.Helper()
	f, _, _ := cmdutil.TestFactory(dir, now, map[string]string{"LANG": "ja_JP.UTF-8"})
	f.LangFlag = lang
	return testrepo.Run(f, newCmd, args...)
}

func TestMessagesInJapanese(t *testing.T) {
	dir := setup(t, "timezone: UTC\nrepo_url: https://git.example.com/sre/postmortems/blob/main\n")
	// the refusal of external while banned words remain, with the finding, in Japanese
	out, errOut, code := runLang(t, dir, "ja", "external", checkout)
	if code != 1 || out != "" ||
		!strings.Contains(errOut, "postmortems/2026-11-20-checkout-latency.md:52:1: error: 対外メッセージに \"outage\" があります") ||
		!strings.Contains(errOut, "[banned-word]\n") ||
		!strings.Contains(errOut, "pm: 2026-11-20-checkout-latency: banned-word の指摘が 1 件あります: 指摘に従って書き直すか") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// notes in the user's language; the email in the postmortem's, its header names as RFC 5322 has them
	out, errOut, code = runLang(t, dir, "ja", "internal", payment, "--format", "eml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "注: .pm.yaml に mail.from がありません") || !strings.Contains(errOut, "注: .pm.yaml に mail.to がありません") {
		t.Errorf("notes: %q", errOut)
	}
	msg, err := mail.ReadMessage(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if msg.Header.Get("Subject") != "[Postmortem] SEV-1 Payment API timeouts during the midday peak" ||
		!strings.Contains(string(body), "Action items (P0/P1)") || strings.Contains(string(body), "アクションアイテム") {
		t.Errorf("an English postmortem's email stays English:\n%s", out)
	}
	// a Japanese postmortem's email has Japanese labels whatever the user's language
	out, errOut, _ = runLang(t, dir, "en", "internal", ja)
	if !strings.Contains(out, "アクションアイテム（P0/P1）") || strings.Contains(errOut, "注意") {
		t.Errorf("--lang en, Japanese postmortem: %q %q", out, errOut)
	}
	if _, errOut, _ = runLang(t, dir, "ja", "internal", payment, "--output", "summary.txt"); errOut != "summary.txt に書き込みました\n" {
		t.Errorf("--output: %q", errOut)
	}
	if _, errOut, _ = runLang(t, dir, "en", "internal", payment, "--output", "summary.txt"); errOut != "Wrote summary.txt\n" {
		t.Errorf("--lang en --output: %q", errOut)
	}
	edit(t, dir, checkout, "full_outage: false", "full_outage: true")
	if _, errOut, code = runLang(t, dir, "ja", "external", checkout); code != 0 ||
		errOut != "注: 2026-11-20-checkout-latency は In Review です: プロセスでは、サポートが掲載する前にポストモーテムミーティングでこのメッセージをレビューします。\n" {
		t.Errorf("In Review note: exit %d, %q", code, errOut)
	}

	cases := []struct {
		args []string
		want string
	}{
		{[]string{}, "どちらのメッセージか指定してください"},
		{[]string{"summary", payment}, `不明なメッセージ "summary" です`},
		{[]string{"internal", payment, "extra"}, "引数が多すぎます"},
		{[]string{"external", payment, "--format", "eml"}, "--format eml は社内メール用です"},
		{[]string{"internal", payment, "--format", "html"}, `--format "html": text, markdown, eml のいずれかを指定してください`},
		{[]string{"internal", "checkout"}, `"checkout" に一致するポストモーテムが 2 件あります`},
		{[]string{"internal"}, "完了していないポストモーテムが 3 件あります"},
	}
	for _, c := range cases {
		if out, errOut, code := runLang(t, dir, "ja", c.args...); code != 2 || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("pm message %v: exit %d, %q; want %q", c.args, code, errOut, c.want)
		}
	}
	edit(t, dir, payment, "external_message: true", "external_message: false")
	if _, errOut, code := runLang(t, dir, "ja", "external", payment); code != 1 || !strings.Contains(errOut, "external_message が false です: 対外メッセージはありません") {
		t.Errorf("external_message false: exit %d, %q", code, errOut)
	}
}

// TestInternalLeavesOutWontDo: an item decided against is no follow-up to announce.
func TestInternalLeavesOutWontDo(t *testing.T) {
	dir := setup(t, settings)
	edit(t, dir, payment, "| Ticket |\n| --- | --- | --- | --- | --- | --- |\n", "| Ticket | Status |\n| --- | --- | --- | --- | --- | --- | --- |\n")
	edit(t, dir, payment, "| PAY-1844 |", "| PAY-1844 | won't do 2026-10-20 |")
	out, _, _ := run(t, dir, "internal", payment)
	if strings.Contains(out, "List payment kill switches") || !strings.Contains(out, "- P0: Call risk-svc") {
		t.Errorf("won't do in the email, or the others gone:\n%s", out)
	}
}
