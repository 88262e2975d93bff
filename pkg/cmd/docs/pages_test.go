package docs

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

func TestManPageEscapesRoff(t *testing.T) {
	root := &cobra.Command{Use: "pm", Short: "root"}
	c := &cobra.Command{
		Use:   "demo [FILE]",
		Short: "Show a \\ back-slash",
		Long: "First paragraph, with --flag and\n.a line that starts with a dot\n'and one with an apostrophe.\n\n" +
			"A list:\n  one   1\n  two   2\nafter the list.\n\nNot ASCII: 時刻 → café…",
		Example: "  pm demo --out x",
		Run:     func(*cobra.Command, []string) {},
	}
	c.Flags().String("out", "site", "write into `DIR`")
	c.Flags().BoolP("all", "a", false, "every one")
	root.AddCommand(c)
	var b bytes.Buffer
	if err := manPage(c, &b, time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC), "pm 1.0"); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		`.TH "PM-DEMO" "1" "2026-11-18" "pm 1.0" "pm manual"` + "\n.nh\n.SH NAME\n",
		`Not ASCII: \[u6642]\[u523B] \[u2192] caf\[u00E9]\[u2026]` + "\n",
		`pm\-demo \- Show a \e back\-slash` + "\n",
		"\\&.a line that starts with a dot\n",
		"\\&'and one with an apostrophe.\n",
		"A list:\n.nf\n  one   1\n  two   2\n.fi\nafter the list.\n",
		".TP\n\\fB\\-\\-out\\fP \\fIDIR\\fP\nwrite into DIR (default site)\n",
		".TP\n\\fB\\-a\\fP, \\fB\\-\\-all\\fP\nevery one\n",
		".SH EXAMPLES\n.nf\n.RS 4\n  pm demo \\-\\-out x\n.RE\n.fi\n",
		".SH SEE ALSO\n\\fBpm\\fP(1)\n",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	// No line may start a request except pm's own: a dot or an apostrophe of the text is escaped.
	for _, line := range strings.Split(page, "\n") {
		if strings.HasPrefix(line, ".") && !strings.HasPrefix(line, ".TH ") {
			switch strings.Fields(line)[0] {
			case ".nh", ".SH", ".PP", ".TP", ".nf", ".fi", ".RS", ".RE":
			default:
				t.Errorf("unexpected request line %q", line)
			}
		}
	}
}

func TestMarkdownPage(t *testing.T) {
	root := &cobra.Command{Use: "pm", Short: "root"}
	c := &cobra.Command{Use: "demo", Short: "Demo it", Long: "Long text with <id> and *.md,\n--all: every one.\n  # a comment\n  pm demo\n\n  ```\n# not a heading", Example: "  pm demo", Run: func(*cobra.Command, []string) {}}
	c.Flags().Bool("all", false, "every one")
	root.AddCommand(c)
	var b bytes.Buffer
	if err := markdownPage(c, &b); err != nil {
		t.Fatal(err)
	}
	want := "## pm demo\n\nDemo it\n\n### Synopsis\n\nLong text with \\<id\\> and \\*.md,\n--all: every one.\n\n" +
		"````\n  # a comment\n  pm demo\n\n  ```\n````\n\n\\# not a heading\n\n```\npm demo [flags]\n```\n\n" +
		"### Examples\n\n```\n  pm demo\n```\n\n### Options\n\n```\n      --all   every one\n```\n\n" +
		"### See also\n\n* [pm](pm.md)\t - root\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
