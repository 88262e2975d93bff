package message

import (
	"bytes"
	"github.com/pm-tools/pm/pkg/postmortem"
	"mime"
	"net/mail"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/i18n"
)

// Every header of the .eml is folded to 78 octets where a place to fold exists, never past 998, and
// unfolds to exactly what was folded.
func TestEMLHeadersFolded(t *testing.T) {
	long := strings.Repeat("word ", 250) + "end"
	jaName := strings.Repeat("佐藤 美咲", 30)
	for _, tc := range []struct {
		name    string
		subject string
		from    string
		to      []string
	}{
		{"short ASCII", "[Postmortem] SEV-1 Checkout latency", "Priya Raman <priya@example.com>", []string{"eng@example.com"}},
		{"ASCII past 78", "[Postmortem] SEV-1 Checkout latency after the payment provider rotated its certificates", "a@example.com", nil},
		{"ASCII past 998", "[Postmortem] SEV-1 " + long, "a@example.com", nil},
		{"one word past 998", "[Postmortem] SEV-1 " + strings.Repeat("x", 1200), "a@example.com", nil},
		{"looks encoded", "[Postmortem] =?UTF-8?q?hi?= there", "a@example.com", nil},
		{"Japanese", "[Postmortem] SEV-2 " + strings.Repeat("決済完了後の注文確定の遅延 ", 20), jaName + " <priya@example.com>", nil},
		{"mixed", "[Postmortem] SEV-3 Zürich “quotes” _under_ = ? tab\tand\r\nBcc: x@example.com", "a@example.com", nil},
		{"many recipients", "x", `"Raman, Priya" <priya@example.com>`, []string{
			"Engineering <eng@example.com>", jaName + " <misaki@example.com>", `"Ops  Team \"24/7\"" <ops@example.com>`,
			strings.Repeat("Very Long Name ", 80) + "<long@example.com>", strings.Repeat("x", 1100) + " <x@example.com>",
			"support-leads@example.com", `"Ünïcödé, Ltd." <u@example.com>`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := writeEML(&b, envelope{From: tc.from, To: tc.to, Subject: tc.subject, Date: now}, "body\n"); err != nil {
				t.Fatal(err)
			}
			raw := b.String()
			head, _, _ := strings.Cut(raw, "\r\n\r\n")
			for _, l := range strings.Split(head, "\r\n") {
				if len(l) > 998 {
					t.Errorf("line of %d octets", len(l))
				}
				if len(l) > 78 && strings.Contains(strings.TrimSpace(l), " ") {
					t.Errorf("line of %d octets that could have been folded: %q", len(l), l)
				}
				if strings.HasPrefix(l, "Bcc") {
					t.Errorf("a header from the title: %q", l)
				}
			}
			if strings.Contains(strings.ReplaceAll(raw, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(raw, "\r\n", ""), "\r") {
				t.Error("a bare CR or LF")
			}
			msg, err := mail.ReadMessage(strings.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			var dec mime.WordDecoder
			want := strings.Join(strings.Fields(tc.subject), " ")
			if got, err := dec.DecodeHeader(msg.Header.Get("Subject")); err != nil || got != want {
				t.Errorf("Subject decodes to %q (%v), want %q", got, err, want)
			}
			// Unfolding as RFC 5322 says (removing each CRLF) gives the same as Go's reader.
			for _, l := range strings.Split(strings.ReplaceAll(head, "\r\n ", " "), "\r\n") {
				k, v, _ := strings.Cut(l, ": ")
				if msg.Header.Get(k) != v {
					t.Errorf("%s unfolds to %q, Go reads %q", k, v, msg.Header.Get(k))
				}
			}
			for k, addrs := range map[string][]string{"From": {tc.from}, "To": tc.to} {
				if len(addrs) == 0 {
					continue
				}
				got, err := msg.Header.AddressList(k)
				if err != nil || len(got) != len(addrs) {
					t.Fatalf("%s: %v (%v)", k, got, err)
				}
				for i, a := range addrs {
					w, _ := mail.ParseAddress(a)
					if got[i].Name != w.Name || got[i].Address != w.Address {
						t.Errorf("%s[%d] = %q <%s>, want %q <%s>", k, i, got[i].Name, got[i].Address, w.Name, w.Address)
					}
				}
			}
		})
	}
}

// An address's domain in other letters is written in ASCII (IDNA) in the header, which RFC 5322
// keeps ASCII: 例え.jp is xn--r8jz45g.jp; the name beside it is an encoded word.
func TestEMLAddressDomainInASCII(t *testing.T) {
	var b bytes.Buffer
	if err := writeEML(&b, envelope{From: "愛子 <aiko@例え.jp>", To: []string{"ops@例え.jp"}, Subject: "x", Date: now}, "body\n"); err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(b.String(), "\r\n\r\n")
	for i := 0; i < len(head); i++ {
		if head[i] > 0x7e {
			t.Fatalf("a header byte past ASCII: %q", head)
		}
	}
	if !strings.Contains(head, "<aiko@xn--r8jz45g.jp>") || !strings.Contains(head, "To: <ops@xn--r8jz45g.jp>") {
		t.Errorf("headers:\n%s", head)
	}
}

// A name with a comma, written in .pm.yaml without quotes (as git reads an identity), is quoted in
// the header, where a bare comma would part two addresses.
func TestEMLNameWithAComma(t *testing.T) {
	var b bytes.Buffer
	if err := writeEML(&b, envelope{From: "a@example.com", To: []string{"Engineering, Core <eng@example.com>", "ops@example.com"}, Subject: "x", Date: now}, "body\n"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "To: \"Engineering, Core\" <eng@example.com>, <ops@example.com>\r\n") {
		t.Errorf("headers:\n%s", b.String())
	}
}

// Plain text put into the Markdown draft stays text: an action cell's code made text cannot become
// HTML, emphasis or a link again; brackets that make no link stay readable.
func TestMarkdownText(t *testing.T) {
	for in, want := range map[string]string{
		"Escape <img src=x onerror=alert(1)> and **not bold**": `Escape \<img src=x onerror=alert(1)\> and \*\*not bold\*\*`,
		"[Postmortem] SEV-1 Checkout":                          "[Postmortem] SEV-1 Checkout",
		"Fix [x](y) and ![i](z) &commat;a":                     `Fix [x\](y) and \![i\](z) \&commat;a`,
		"# not a heading":                                      `\# not a heading`,
		"Refund $5/$10 to affected users":                      `Refund \$5/\$10 to affected users`, // GitHub's math, $…$
	} {
		if got := markdownText(in); got != want {
			t.Errorf("markdownText(%q) = %q, want %q", in, got, want)
		}
	}
}

// The plain text body writes an action item as the text it is (no Markdown escapes), a lone CR as
// a space.
func TestPlainBodyIsText(t *testing.T) {
	m := &email{Lang: i18n.EN, Overview: "one\rtwo", Items: []string{"P1: Fix *all* <b>", "P2: x"}, Link: "l"}
	body := m.body()
	if !strings.Contains(body, "- P1: Fix *all* <b>\n") || strings.Contains(body, "\r") || !strings.Contains(body, "one two") {
		t.Errorf("body:\n%q", body)
	}
}

// A title's control characters and direction overrides are escaped in the subject, as pm list shows
// them: U+202E would show the rest of a mail subject reversed.
func TestSubjectEscapesControls(t *testing.T) {
	fm := &postmortem.Fields{Title: "Checkout \u202eslow\x1b[31m", Severity: "SEV-1"}
	got := subject(fm, "x")
	if got != `[Postmortem] SEV-1 Checkout \u202eslow\x1b[31m` {
		t.Errorf("subject %q", got)
	}
	if got := subject(&postmortem.Fields{Title: "決済の遅延 (JST)", Severity: "SEV-2"}, "x"); got != "[Postmortem] SEV-2 決済の遅延 (JST)" {
		t.Errorf("plain title changed: %q", got)
	}
}
