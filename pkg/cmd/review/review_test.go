package review

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
	"github.com/pm-tools/pm/pkg/project"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/cmd/review")

const fixtures = "../../../testdata/cmd/review"

// now is Friday 2026-11-27 10:00 in Tokyo. Without holidays, the checkout incident's SEV-1 deadline
// (Friday 2026-11-20 + 3 business days) is Wednesday the 25th.
var now = time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC)

const (
	checkout = "postmortems/2026-11-20-checkout-latency.md"
	dns      = "postmortems/2026-11-10-dns-resolution.md"
	old      = "postmortems/2026-10-01-old-closed.md"
	same     = "postmortems/2026-09-01-untouched.md"
	added    = "postmortems/2026-11-25-new-draft.md"
)

func fixture(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, "checkout-latency.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// edit applies old → new replacements to s, failing the test when one does not match.
func edit(t *testing.T, s string, pairs ...string) string {
	t.Helper()
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("fixture has no %q", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

// newRepo commits .pm.yaml and four postmortems on main, records that commit as origin/main, and
// switches to the branch feature. The git CLI commits at a fixed time.
func newRepo(t *testing.T) *testrepo.Repo {
	t.Helper()
	r := testrepo.New(t, "Aiko Sato", "aiko@example.com", "commit.gpgsign", "false")
	r.GitEnv = []string{"GIT_AUTHOR_DATE=2026-11-26T09:00:00+09:00", "GIT_COMMITTER_DATE=2026-11-26T09:00:00+09:00"}
	pm := fixture(t)
	r.Write(".pm.yaml", "timezone: Asia/Tokyo\n")
	r.Write(checkout, pm)
	r.Write(dns, edit(t, pm, "title: Checkout latency after the session store failover", "title: DNS resolution failures",
		"severity: SEV-1", "severity: SEV-2", "incident_date: 2026-11-20", "incident_date: 2026-11-10"))
	r.Write(old, edit(t, pm, "title: Checkout latency after the session store failover", "title: An old incident",
		"severity: SEV-1", "severity: SEV-2", "status: Draft", "status: Closed"))
	r.Write(same, edit(t, pm, "title: Checkout latency after the session store failover", "title: Untouched"))
	r.Write("notes/outside.md", "not a postmortem\n")
	r.Git("add", ".")
	r.Git("commit", "-qm", "base")
	r.Git("update-ref", "refs/remotes/origin/main", "HEAD")
	r.Git("switch", "-qc", "feature")
	return r
}

// change makes the branch's changes: the checkout postmortem moved to In Review with pm's history
// entry, a late meeting and edited action items (committed); the DNS one set to Closed by hand with
// no history entry (uncommitted); an old one deleted; a new one added (untracked); a file outside the
// postmortem folder changed.
func change(t *testing.T, r *testrepo.Repo) {
	t.Helper()
	r.Write(checkout, edit(t, r.Read(checkout),
		"status: Draft", "status: In Review",
		`meeting: ""`, "meeting: 2026-11-26T10:00:00+09:00",
		"    by: Aiko Sato\n---", "    by: Aiko Sato\n  - status: In Review\n    at: 2026-11-24T09:30:00+09:00\n    by: Aiko Sato\n---",
		"| P0 | Add the cache warm-up step to the failover runbook | prevent | Ren Ito | 2026-11-27 | OPS-410 |\n", "",
		"| Yui Tanaka | 2026-12-04 | OPS-411 |", "| Ren Ito | 2026-12-04 | OPS-411 |",
		"| Aiko Sato | 2026-12-04 | |", "| Aiko Sato | 2026-12-04 | OPS-412 |\n| P0 | Warm the cache before promoting a replica | prevent | Ren Ito | 2026-12-05 | |",
	))
	r.Git("commit", "-qam", "checkout: in review")
	r.Write(dns, edit(t, r.Read(dns), "status: Draft", "status: Closed"))
	r.Git("rm", "-q", old)
	r.Write(added, edit(t, fixture(t),
		"title: Checkout latency after the session store failover", "title: Search | results <empty> for *some* users",
		"severity: SEV-1", "severity: SEV-2", "incident_date: 2026-11-20", "incident_date: 2026-11-25",
		"| Aiko Sato | 2026-12-04 | |", "| Aiko Sato | 2026-12-04 | |\n| P2 | Document the 100% cache-miss path | process | Yui Tanaka | | |"))
	r.Write("notes/outside.md", "changed\n")
}

// newCmd builds pm review as the root command runs it.
func newCmd(f *cmdutil.Factory) testrepo.Command {
	cmd := NewCmdReview(f, nil)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return cmd
}

// run runs pm review with args in dir the way the root command does.
func run(t *testing.T, dir string, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	f, _, _ := cmdutil.TestFactory(dir, now, env)
	return testrepo.Run(f, newCmd, args...)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	testrepo.Golden(t, filepath.Join(fixtures, name), []byte(got), *update)
}

func TestReviewText(t *testing.T) {
	r := newRepo(t)
	change(t, r)
	out, errOut, code := run(t, r.Dir, r.Env)
	if code != 1 {
		t.Errorf("exit %d, want 1 (the DNS postmortem moved Draft → Closed and has errors); stderr %q", code, errOut)
	}
	golden(t, "review.golden.txt", out)
	for _, want := range []string{
		"Draft → In Review, allowed",
		"2026-11-26 10:00 JST, 1 business day late (SEV-1 deadline Wed 2026-11-25); scheduled in this change",
		"Status:       Draft → Closed is not allowed; from Draft the postmortem can move to In Review; status_history has no entry",
		"status_history has no entry for it",
		"unscheduled, due Tue 2026-11-17, 8 business days overdue",
		"unscheduled, due Wed 2026-12-02\n",
		"1 added, 2 changed, 1 removed, 0 unchanged",
		"~ P1 Alert on the session store cache hit ratio: owner Yui Tanaka → Ren Ito",
		"~ P1 Give checkout a 2 s timeout on session reads: ticket — → OPS-412",
		"- P0 Add the cache warm-up step to the failover runbook",
		"+ P0 Warm the cache before promoting a replica (prevent, owner Ren Ito, due 2026-12-05, ticket —)",
		"postmortems/2026-10-01-old-closed.md: deleted since origin/main (was SEV-2, Closed)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for _, not := range []string{same, "notes/outside.md"} {
		if strings.Contains(out, not) {
			t.Errorf("output mentions %s, which did not change or is no postmortem", not)
		}
	}
	if errOut != "3 postmortems reviewed against origin/main: 4 errors, 4 warnings; 1 deleted\n" {
		t.Errorf("stderr %q", errOut)
	}
}

func TestReviewMarkdown(t *testing.T) {
	r := newRepo(t)
	change(t, r)
	out, _, code := run(t, r.Dir, r.Env, "--format", "markdown", "--base", "origin/main")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	golden(t, "review.golden.md", out)
	// the base as the one argument, as git diff takes it, is the same review
	if arg, _, argCode := run(t, r.Dir, r.Env, "--format", "markdown", "origin/main"); arg != out || argCode != code {
		t.Errorf("pm review origin/main (exit %d) differs from --base origin/main:\n%s", argCode, arg)
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("markdown output has ANSI escapes")
	}
	for _, want := range []string{
		"<!-- pm review -->\n## Postmortem review\n",
		"### 2026-11-25-new-draft: Search \\| results \\<empty\\> for \\*some\\* users\n",
		"| changed | P1 | Alert on the session store cache hit ratio | process | ~~Yui Tanaka~~ Ren Ito | 2026-12-04 | OPS-411 |",
		"| removed | ~~P0~~ | ~~Add the cache warm-up step to the failover runbook~~ |",
		"| Line | Severity | Rule | Message |",
		"- `postmortems/2026-10-01-old-closed.md`: deleted since `origin/main` (was SEV-2, Closed)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// every table row has as many cells as its header: an unescaped | in a title or message would add one
	cols := 0
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			cols = 0
			continue
		}
		n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
		if cols == 0 {
			cols = n
		} else if n != cols {
			t.Errorf("row has %d cell borders, header %d: %s", n, cols, line)
		}
	}
}

func TestReviewCleanExitsZero(t *testing.T) {
	r := newRepo(t)
	r.Write(checkout, edit(t, r.Read(checkout),
		"status: Draft", "status: In Review",
		`meeting: ""`, "meeting: 2026-11-25T10:00:00+09:00",
		"    by: Aiko Sato\n---", "    by: Aiko Sato\n  - status: In Review\n    at: 2026-11-24T09:30:00+09:00\n    by: Aiko Sato\n---"))
	out, errOut, code := run(t, r.Dir, r.Env)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, want := range []string{
		"1 postmortem changed since origin/main.\n",
		"Status:       Draft → In Review, allowed\n",
		"Meeting:      2026-11-25 10:00 JST, within the SEV-1 deadline Wed 2026-11-25; scheduled in this change\n",
		"Lint:         clean\n",
		"Action items: 0 added, 0 changed, 0 removed, 3 unchanged\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestReviewSeveralStepsAndForced(t *testing.T) {
	r := newRepo(t)
	r.Write(checkout, edit(t, r.Read(checkout),
		"status: Draft", "status: Reviewed",
		`meeting: ""`, "meeting: 2026-11-25T10:00:00+09:00",
		"    by: Aiko Sato\n---", "    by: Aiko Sato\n  - status: In Review\n    at: 2026-11-24T09:30:00+09:00\n    by: Aiko Sato\n"+
			"  - status: Reviewed\n    at: 2026-11-25T11:00:00+09:00\n    by: Aiko Sato\n    forced: true\n---"))
	out, _, _ := run(t, r.Dir, r.Env)
	if want := "Status:       Draft → In Review → Reviewed, allowed; forced past a failed gate (see status_history)\n"; !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
}

func TestReviewNothingChanged(t *testing.T) {
	r := newRepo(t)
	r.Write("notes/outside.md", "changed\n")
	out, errOut, code := run(t, r.Dir, r.Env, "--format", "markdown")
	if code != 0 || !strings.Contains(out, "No postmortem changed since `origin/main`.") {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
}

func TestReviewDefaultBase(t *testing.T) {
	r := newRepo(t)
	r.Write(checkout, edit(t, r.Read(checkout), "title: Checkout latency after", "title: Checkout slowness after"))
	r.Git("commit", "-qam", "retitle")
	// origin/HEAD names the remote's default branch: it wins over origin/main
	r.Git("update-ref", "refs/remotes/origin/release", "HEAD")
	r.Git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/release")
	out, _, code := run(t, r.Dir, r.Env)
	if code != 0 || !strings.HasPrefix(out, "No postmortem changed since origin/release.") {
		t.Errorf("with origin/HEAD: exit %d, %q", code, out)
	}
	r.Git("symbolic-ref", "--delete", "refs/remotes/origin/HEAD")
	out, _, _ = run(t, r.Dir, r.Env)
	if !strings.HasPrefix(out, "1 postmortem changed since origin/main.") {
		t.Errorf("with origin/main: %q", out)
	}
	r.Git("update-ref", "-d", "refs/remotes/origin/main")
	r.Git("update-ref", "-d", "refs/remotes/origin/release")
	out, errOut, code := run(t, r.Dir, r.Env)
	if code != 2 || out != "" || !strings.Contains(errOut, "--base") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("without a remote: exit %d, out %q, err %q", code, out, errOut)
	}
	out, _, code = run(t, r.Dir, r.Env, "--base", "main")
	if code != 0 || !strings.HasPrefix(out, "1 postmortem changed since main.") {
		t.Errorf("--base main: exit %d, %q", code, out)
	}
}

func TestReviewFromSubdirectory(t *testing.T) {
	r := newRepo(t)
	change(t, r)
	out, _, _ := run(t, filepath.Join(r.Dir, "notes"), r.Env)
	if !strings.Contains(out, "File:         ../postmortems/2026-11-20-checkout-latency.md (changed)") ||
		!strings.Contains(out, "    ../postmortems/2026-11-10-dns-resolution.md:") {
		t.Errorf("paths are not relative to the work dir:\n%s", out)
	}
	md, _, _ := run(t, filepath.Join(r.Dir, "notes"), r.Env, "--format", "markdown")
	if !strings.Contains(md, "`postmortems/2026-11-20-checkout-latency.md` (changed)") {
		t.Errorf("markdown paths are not relative to the repository root:\n%s", md)
	}
}

func TestReviewConfiguredFolder(t *testing.T) {
	r := newRepo(t)
	r.Write(".pm.yaml", "timezone: Asia/Tokyo\ndir: docs/pm\n")
	r.Write("docs/pm/2026-11-20-checkout-latency.md", fixture(t))
	r.Write(checkout, "changed, but outside the configured folder\n")
	out, _, code := run(t, r.Dir, r.Env)
	if code != 0 || !strings.Contains(out, "docs/pm/2026-11-20-checkout-latency.md (new)") || strings.Contains(out, "postmortems/") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestReviewErrors(t *testing.T) {
	r := newRepo(t)
	cases := []struct {
		name, dir string
		args      []string
		want      string
	}{
		{"bad base", r.Dir, []string{"--base", "no-such-branch"}, `--base no-such-branch: "no-such-branch" names no commit here`},
		{"bad format", r.Dir, []string{"--format", "html"}, `--format "html": want one of text, markdown`},
		{"not a repository", t.TempDir(), nil, "is not in a git repository"},
		{"bad base as the argument", r.Dir, []string{"no-such-branch"}, `pm: "no-such-branch" names no commit here`},
		{"two bases", r.Dir, []string{"--base", "main", "other"}, `two bases: --base "main" and "other"; give one`},
		{"arguments", r.Dir, []string{"main", "other"}, "review takes at most 1 argument, got 2; usage: review [REF]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := run(t, c.dir, r.Env, c.args...)
			if code != 2 || out != "" || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("exit %d, out %q, err %q; want exit 2 and %q", code, out, errOut, c.want)
			}
		})
	}
}

func TestReviewFlags(t *testing.T) {
	cases := []struct {
		args         []string
		base, format string
	}{
		{nil, "", "text"},
		{[]string{"--base", "origin/release"}, "origin/release", "text"},
		{[]string{"--format", "markdown", "--base=main"}, "main", "markdown"},
	}
	for _, c := range cases {
		f, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
		var got *Options
		cmd := NewCmdReview(f, func(o *Options) error { got = o; return nil })
		args := c.args
		if args == nil {
			args = []string{}
		}
		cmd.SetArgs(args)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		if got.Base != c.base || got.Format != c.format {
			t.Errorf("%v: base %q, format %q", c.args, got.Base, got.Format)
		}
	}
}

// runLang runs pm review as --lang lang does, with LANG=ja_JP.UTF-8 in the environment.
func runLang(t *testing.T, dir string, env map[string]string, lang string, args ...string) (string, string, int) {
	t.Helper()
	e := map[string]string{"LANG": "ja_JP.UTF-8"}
	for k, v := range env {
		e[k] = v
	}
	f, _, _ := cmdutil.TestFactory(dir, now, e)
	f.LangFlag = lang
	return testrepo.Run(f, newCmd, args...)
}

func TestReviewJapanese(t *testing.T) {
	r := newRepo(t)
	change(t, r)
	out, errOut, code := runLang(t, r.Dir, r.Env, "ja")
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{
		"origin/main 以降の変更: ポストモーテム 3 件、削除 1 件。うち 1 件は修正が必要です",
		"  ファイル:           postmortems/2026-11-20-checkout-latency.md (変更)\n",
		"  ステータス:         Draft → In Review、移行可\n",
		"  ミーティング:       2026-11-26 10:00 JST、1 営業日遅れ (SEV-1 の期限 2026-11-25 (水))。この変更で設定\n",
		"Draft → Closed には移れません。Draft から移れるのは In Review です。status_history に記録がありません",
		"未設定、期限 2026-11-17 (火)、8 営業日超過",
		"  アクションアイテム: 追加 1、変更 2、削除 1、変更なし 0\n",
		"    ~ P1 Alert on the session store cache hit ratio: 担当 Yui Tanaka → Ren Ito\n",
		"    + P0 Warm the cache before promoting a replica (prevent、担当 Ren Ito、期日 2026-12-05、チケット —)\n",
		"postmortems/2026-10-01-old-closed.md: origin/main 以降に削除されました (以前は SEV-2, Closed)",
		"error: ", "warning: ", "[meeting-sla]", // lint's severities and rule IDs stay English
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	if errOut != "origin/main と比較してレビュー: ポストモーテム 3 件、エラー 4 件、警告 4 件、削除 1 件\n" {
		t.Errorf("stderr %q", errOut)
	}
	md, _, _ := runLang(t, r.Dir, r.Env, "ja", "--format", "markdown")
	for _, want := range []string{
		"<!-- pm review -->\n## ポストモーテムのレビュー\n",
		"`postmortems/2026-11-20-checkout-latency.md` (変更) · SEV-1 · オーナー Aiko Sato\n",
		"- **ステータス:** Draft → In Review、移行可\n",
		"| 行 | レベル | ルール | メッセージ |\n| --- | --- | --- | --- |\n",
		"| 変更 | 優先度 | アクション | 種別 | 担当 | 期日 | チケット |\n| --- | --- | --- | --- | --- | --- | --- |\n",
		"| 削除 | ~~P0~~ | ~~Add the cache warm-up step to the failover runbook~~ |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "html"}, `--format "html": text, markdown のいずれかを指定してください`},
	} {
		if _, errOut, code := runLang(t, r.Dir, r.Env, "ja", c.args...); code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q", c.args, code, errOut)
		}
	}
	if _, errOut, _ := runLang(t, t.TempDir(), r.Env, "ja"); !strings.Contains(errOut, "は git リポジトリの中ではありません: pm review は作業ツリーをブランチと比較します") {
		t.Errorf("not a repository: %q", errOut)
	}
	// --lang en wins over the locale: the golden English output
	out, _, _ = runLang(t, r.Dir, r.Env, "en")
	golden(t, "review.golden.txt", out)
	out, _, _ = runLang(t, r.Dir, r.Env, "en", "--format", "markdown", "--base", "origin/main")
	golden(t, "review.golden.md", out)
}

func TestReviewRename(t *testing.T) {
	r := newRepo(t)
	moved := "postmortems/2026-11-20-checkout-latency-after-failover.md"
	r.Git("mv", checkout, moved)
	r.Write(moved, edit(t, r.Read(moved),
		"status: Draft", "status: In Review",
		`meeting: ""`, "meeting: 2026-11-25T10:00:00+09:00",
		"    by: Aiko Sato\n---", "    by: Aiko Sato\n  - status: In Review\n    at: 2026-11-24T09:30:00+09:00\n    by: Aiko Sato\n---"))
	// A new postmortem from the same template, for another incident, is not a rename of a deleted one.
	r.Git("rm", "-q", old)
	r.Write(added, edit(t, fixture(t), "incident_date: 2026-11-20", "incident_date: 2026-11-25"))
	out, errOut, _ := run(t, r.Dir, r.Env)
	for _, want := range []string{
		"File:         postmortems/2026-11-20-checkout-latency-after-failover.md (renamed from postmortems/2026-11-20-checkout-latency.md)\n",
		"Status:       Draft → In Review, allowed\n",
		"Action items: 0 added, 0 changed, 0 removed, 3 unchanged\n",
		"File:         postmortems/2026-11-25-new-draft.md (new)\n",
		"postmortems/2026-10-01-old-closed.md: deleted since origin/main",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "checkout-latency.md: deleted") {
		t.Errorf("the renamed postmortem is also reported deleted:\n%s", out)
	}
	if !strings.HasSuffix(errOut, "; 1 deleted\n") {
		t.Errorf("stderr %q", errOut)
	}
	md, _, _ := run(t, r.Dir, r.Env, "--format", "markdown")
	if want := "(renamed from `postmortems/2026-11-20-checkout-latency.md`)"; !strings.Contains(md, want) {
		t.Errorf("markdown lacks %q:\n%s", want, md)
	}
}

func TestSimilarity(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"a\nb\nc\nd", "a\nb\nc\nd", 1},
		{"a\nb\nc\nd", "a\nb\nx\ny", 0.5},
		{"a\na\na\na", "a\nb\nb\nb", 0.25},
		{"a", "b", 0},
	} {
		if got := similarity([]byte(c.a), []byte(c.b)); got != c.want {
			t.Errorf("similarity(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestReviewMarkdownFitsAComment makes a change big enough to pass GitHub's comment limit: the
// Markdown stays within it, long tables end with a count, and the postmortems left out are counted.
func TestReviewMarkdownFitsAComment(t *testing.T) {
	r := newRepo(t)
	var rows strings.Builder
	for i := 0; i < 80; i++ {
		// P2 without a due date: two warnings each
		fmt.Fprintf(&rows, "| P2 | Follow-up %03d: %s | process | Ren Ito | | |\n", i, strings.Repeat("long words ", 12))
	}
	base := r.Read(checkout)
	for i := 0; i < 40; i++ {
		r.Write(fmt.Sprintf("postmortems/2026-11-2%d-big-%02d.md", i%10, i), edit(t, base,
			"incident_date: 2026-11-20", fmt.Sprintf("incident_date: 2026-11-2%d", i%10),
			"| Aiko Sato | 2026-12-04 | |\n", "| Aiko Sato | 2026-12-04 | |\n"+rows.String()))
	}
	out, errOut, code := run(t, r.Dir, r.Env, "--format", "markdown")
	if code != 0 || !strings.HasPrefix(errOut, "40 postmortems reviewed against origin/main: 0 errors, 6476 warnings") {
		t.Errorf("exit %d, stderr %q: the summary counts everything, shown or not", code, errOut)
	}
	if n := utf8.RuneCountInString(out); n > commentLimit {
		t.Errorf("review is %d characters, more than GitHub's %d", n, commentLimit)
	}
	for _, want := range []string{"more findings: run pm lint postmortems/", "more action item changes", "more postmortems not shown"} {
		if !strings.Contains(out, want) {
			t.Errorf("review lacks %q", want)
		}
	}
}

// TestReviewWithGitDirAndWorkTree reviews the same change with the repository's git directory moved
// out of the work tree and named by GIT_DIR and GIT_WORK_TREE, as dotfile managers keep theirs: the
// review is the same.
func TestReviewWithGitDirAndWorkTree(t *testing.T) {
	r := newRepo(t)
	change(t, r)
	want, wantErr, wantCode := run(t, r.Dir, r.Env)
	store := filepath.Join(t.TempDir(), "store.git")
	if err := os.Rename(filepath.Join(r.Dir, ".git"), store); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"GIT_DIR": store, "GIT_WORK_TREE": r.Dir}
	for k, v := range r.Env {
		env[k] = v
	}
	got, gotErr, code := run(t, r.Dir, env)
	if got != want || gotErr != wantErr || code != wantCode {
		t.Errorf("with GIT_DIR and GIT_WORK_TREE: exit %d, stderr %q, output:\n%s\nwant exit %d, stderr %q, output:\n%s", code, gotErr, got, wantCode, wantErr, want)
	}
}

// In a blobless clone, as a pull request's CI often checks out, the base versions of the changed
// and deleted postmortems are not there: pm review has git fetch them, in one request, and says
// what it says in the full repository.
func TestReviewBloblessClone(t *testing.T) {
	r := newRepo(t)
	change(t, r)
	r.Git("add", "-A")
	r.Git("commit", "-qm", "the rest of the change")
	r.Git("config", "uploadpack.allowFilter", "true")
	wantOut, wantErr, wantCode := run(t, r.Dir, r.Env, "--base", "origin/main")

	clone := t.TempDir()
	r.Git("clone", "-q", "--filter=blob:none", "--branch", "feature", "file://"+r.Dir, clone)
	packs := func() int {
		names, _ := filepath.Glob(filepath.Join(clone, ".git", "objects", "pack", "*.pack"))
		return len(names)
	}
	before := packs()
	out, errOut, code := run(t, clone, r.Env, "--base", "origin/main")
	if code != wantCode || out != wantOut || errOut != wantErr {
		t.Errorf("in the clone: exit %d, stderr %q, stdout:\n%s\nwant what the repository gives: exit %d, stderr %q, stdout:\n%s",
			code, errOut, out, wantCode, wantErr, wantOut)
	}
	if got := packs() - before; got != 1 {
		t.Errorf("the base versions came in %d requests, want 1", got)
	}
}

// A postmortem moved without a byte changed is a rename (git's R100), even with no status_history
// to recognise its creation by.
func TestReviewRenameOfAnUnchangedFileWithoutHistory(t *testing.T) {
	r := newRepo(t)
	doc := r.Read(checkout)
	noHistory := doc[:strings.Index(doc, "status_history:")] + doc[strings.Index(doc, "\n---\n")+1:]
	r.Write(checkout, noHistory)
	r.Git("commit", "-qam", "no history")
	r.Git("update-ref", "refs/remotes/origin/main", "HEAD")
	moved := "postmortems/2026-11-20-checkout-slow.md"
	r.Git("mv", checkout, moved)
	r.Git("commit", "-qm", "rename")
	out, errOut, _ := run(t, r.Dir, r.Env)
	if !strings.Contains(out, "(renamed from "+checkout+")") || strings.Contains(out, "deleted") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
}

// A version whose front matter does not parse has no items pm can read: they are not compared, not
// all reported removed.
func TestReviewActionsOfABrokenFrontMatter(t *testing.T) {
	r := newRepo(t)
	r.Write(checkout, strings.TrimPrefix(r.Read(checkout), "---\n"))
	out, errOut, _ := run(t, r.Dir, r.Env)
	if !strings.Contains(out, "not compared: the front matter does not parse") || strings.Contains(out, "removed") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
}

// A rename whose new front matter does not parse is still the same document when the text is nearly
// the same.
func TestReviewRenameWithABrokenFrontMatter(t *testing.T) {
	r := newRepo(t)
	moved := "postmortems/2026-11-20-checkout-moved.md"
	r.Git("mv", checkout, moved)
	doc := r.Read(moved)
	r.Write(moved, strings.Replace(doc, "\ntitle: ", "\ntitle: [", 1))
	out, errOut, _ := run(t, r.Dir, r.Env)
	if !strings.Contains(out, "(renamed from "+checkout+")") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
}

// The branch moves the postmortem folder (dir in .pm.yaml changed, git mv): each postmortem is read
// as renamed from the base's folder, with its own change, not as new with every move since Draft.
func TestReviewFolderMoved(t *testing.T) {
	r := newRepo(t)
	r.Git("mv", "postmortems", "docs")
	r.Write(".pm.yaml", "timezone: Asia/Tokyo\ndir: docs\n")
	moved := "docs/" + strings.TrimPrefix(checkout, "postmortems/")
	r.Write(moved, edit(t, r.Read(moved), "| P0 | Add the cache warm-up step", "| P1 | Add the cache warm-up step"))
	r.Git("add", "-A")
	r.Git("commit", "-qm", "move the folder")
	out, _, _ := run(t, r.Dir, r.Env)
	if want := "File:         " + moved + " (renamed from " + checkout + ")\n"; !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	if !strings.Contains(out, "Action items: 0 added, 1 changed, 0 removed") || strings.Contains(out, "(new)") || strings.Contains(out, "deleted since") {
		t.Errorf("the moved folder is not read as renames:\n%s", out)
	}
}

// A postmortem larger than pm reads is reviewed with the one finding pm lint gives it, read neither
// in the work tree nor at the base.
func TestReviewTooLarge(t *testing.T) {
	r := newRepo(t)
	big := r.Read(checkout) + strings.Repeat("lorem ipsum dolor sit amet\n", project.MaxFileSize/27+10)
	r.Write(checkout, big)
	out, errOut, code := run(t, r.Dir, r.Env, "--base", "origin/main")
	if code != 1 || !strings.Contains(out, "error: not a postmortem: ") || !strings.Contains(out, "over the 8 MiB") || !strings.Contains(out, "1 error, 0 warnings") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	// committed, and the base's version the large one: read as nothing, not parsed
	r.Git("add", "-A")
	r.Git("commit", "-qm", "big")
	r.Git("update-ref", "refs/remotes/origin/main", "HEAD")
	r.Write(checkout, "---\ntitle: small again\n---\n")
	out, errOut, code = run(t, r.Dir, r.Env, "--base", "origin/main")
	if code != 1 || !strings.Contains(out, "small again") || strings.Contains(out, "panic") {
		t.Errorf("base too large: exit %d\n%s%s", code, out, errOut)
	}
}

// A branch that points dir at a folder where nothing is gets pm lint's "no postmortem folder" error,
// not "No postmortem changed".
func TestReviewFolderMissing(t *testing.T) {
	r := newRepo(t)
	r.Write(".pm.yaml", "timezone: Asia/Tokyo\ndir: nope\n")
	out, errOut, code := run(t, r.Dir, r.Env, "--base", "origin/main")
	if code != 2 || out != "" || !strings.Contains(errOut, "no postmortem folder nope") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// A move whose steps the process allows but whose status does not meet its gates (Reviewed written
// by hand before the meeting) is said so, not "allowed": pm status would refuse it.
func TestReviewMoveWhoseGatesFail(t *testing.T) {
	r := newRepo(t)
	r.Write(checkout, edit(t, r.Read(checkout),
		"status: Draft", "status: Reviewed",
		`meeting: ""`, "meeting: 2026-11-28T10:00:00+09:00",
		"    by: Aiko Sato\n---", "    by: Aiko Sato\n  - status: In Review\n    at: 2026-11-24T09:30:00+09:00\n    by: Aiko Sato\n  - status: Reviewed\n    at: 2026-11-25T09:30:00+09:00\n    by: Aiko Sato\n---"))
	out, _, code := run(t, r.Dir, r.Env, "--base", "origin/main")
	if code != 1 || !strings.Contains(out, "Draft → In Review → Reviewed, steps the process allows, but the status's gates fail") || strings.Contains(out, "Reviewed, allowed") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// A branch that deletes the folder's last postmortems is reviewed: they are listed as deleted.
func TestReviewLastPostmortemsDeleted(t *testing.T) {
	r := newRepo(t)
	r.Git("rm", "-rq", "postmortems")
	out, errOut, code := run(t, r.Dir, r.Env, "--base", "origin/main")
	if code != 0 || !strings.Contains(out, "deleted since origin/main") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// A file name with a line break is shown as pm lint shows it, \n, in the File line, in every
// finding and in the Markdown heading: it neither splits a finding into two lines of the log nor
// reads as another file's name ("a b.md").
func TestReviewFileNameWithALineBreak(t *testing.T) {
	r := newRepo(t)
	r.Write("postmortems/a\nb.md", "---\ntitle: x\n---\n")
	r.Git("add", ".")
	r.Git("commit", "-qm", "odd name")
	out, errOut, code := run(t, r.Dir, r.Env, "--base", "origin/main")
	if code != 1 || !strings.Contains(out, "postmortems/a\\nb.md (new)") || !strings.Contains(out, "    postmortems/a\\nb.md:1:1: error: ") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "b.md") || strings.Contains(line, "a b") {
			t.Errorf("the name split or joined: %q", line)
		}
	}
	md, _, _ := run(t, r.Dir, r.Env, "--base", "origin/main", "--format", "markdown")
	if !strings.Contains(md, "### a\\\\nb: x") {
		t.Errorf("markdown heading:\n%s", md)
	}
}

// Without a common commit the review compares with the base itself: the comment posted on the pull
// request says so under its headline, not only the job's log.
func TestReviewWithoutACommonCommitSaysSoInTheComment(t *testing.T) {
	r := newRepo(t)
	r.Git("checkout", "-q", "--orphan", "unrelated")
	r.Git("commit", "-qm", "unrelated")
	md, errOut, _ := run(t, r.Dir, r.Env, "--base", "origin/main", "--format", "markdown")
	if !strings.Contains(errOut, "pm: no common commit with origin/main") {
		t.Errorf("stderr: %q", errOut)
	}
	if !strings.Contains(md, "\n> **Note:** no common commit with origin/main") {
		t.Errorf("the comment lacks the note:\n%s", md)
	}
	if out, _, _ := run(t, r.Dir, r.Env, "--base", "origin/main", "--format", "markdown"); strings.Count(out, "> **Note:**") != 1 {
		t.Errorf("note not once:\n%s", out)
	}
	r.Git("checkout", "-q", "feature")
	if md, _, _ := run(t, r.Dir, r.Env, "--base", "origin/main", "--format", "markdown"); strings.Contains(md, "**Note:**") {
		t.Errorf("a note with a common commit:\n%s", md)
	}
}
