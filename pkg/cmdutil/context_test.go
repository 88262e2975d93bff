package cmdutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// A command's context opens the project once, keeps one instant, speaks the project's language and
// counts deadlines on its calendar.
func TestContextIsLazyAndConsistent(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte("language: ja\ntimezone: Asia/Tokyo\n"), 0o644)
	ticks := time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC)
	f, _, _ := TestFactory(dir, ticks, nil)
	calls := 0
	f.Now = func() time.Time { calls++; return ticks.Add(time.Duration(calls) * time.Minute) }
	c := f.Context()
	p1, err := c.Project()
	if err != nil {
		t.Fatal(err)
	}
	if p2, _ := c.Project(); p2 != p1 {
		t.Error("Project() opened the project twice")
	}
	if a, b := c.Now(), c.Now(); !a.Equal(b) || calls != 1 {
		t.Errorf("Now() = %v then %v after %d clock reads; want one instant", a, b, calls)
	}
	if c.Lang().String() != "ja" || c.Location().String() != "Asia/Tokyo" {
		t.Errorf("Lang %s, Location %s; want the project's ja and Asia/Tokyo", c.Lang(), c.Location())
	}
	// Friday 2026-11-20 in Tokyo; Monday the 23rd is a holiday only with holidays: JP, so SEV-1 is due
	// on Wednesday the 25th.
	if d, ok := c.Schedule().Deadline("SEV-1", time.Date(2026, 11, 20, 10, 0, 0, 0, c.Location())); !ok || d.Format("2006-01-02") != "2026-11-25" {
		t.Errorf("SEV-1 deadline %v, %v; want 2026-11-25", d, ok)
	}

	// A project that does not open (its .pm.yaml is broken): its error, the user's language, no
	// deadlines.
	broken := t.TempDir()
	os.Mkdir(filepath.Join(broken, ".git"), 0o755)
	os.WriteFile(filepath.Join(broken, ".pm.yaml"), []byte("meeting_sla: [\n"), 0o644)
	g, _, _ := TestFactory(broken, ticks, map[string]string{"LANG": "ja_JP.UTF-8"})
	d := g.Context()
	if _, err := d.Project(); err == nil {
		t.Fatal("a project with a broken .pm.yaml opened")
	}
	if _, ok := d.Schedule().Deadline("SEV-1", ticks); ok || d.Lang().String() != "ja" {
		t.Errorf("without a project: deadline %v, lang %s; want none and ja", ok, d.Lang())
	}
}

// Edit.Apply sets fields and appends the history entry, leaving every other byte alone.
func TestEditApply(t *testing.T) {
	src := "---\ntitle: T\nstatus: Draft # keep this comment\nowner: O\nstatus_history:\n  - status: Draft\n    at: 2026-11-20T10:00:00Z\n    by: O\n---\n\n# T\n"
	got, err := Edit{
		Fields:  []Field{{"status", "In Review"}, {"meeting", "2026-11-25T10:00:00Z"}},
		History: &postmortem.HistoryEntry{Status: "In Review", At: "2026-11-21T10:00:00Z", By: "P"},
	}.Apply("t.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	for _, want := range []string{"status: In Review # keep this comment\n", "meeting: 2026-11-25T10:00:00Z\n",
		"    by: O\n  - status: In Review\n    at: 2026-11-21T10:00:00Z\n    by: P\n", "---\n\n# T\n", "title: T\nstatus"} {
		if !strings.Contains(s, want) {
			t.Errorf("edited document lacks %q:\n%s", want, s)
		}
	}
	if _, err := (Edit{Fields: []Field{{"status", "x"}}}).Apply("t.md", []byte("no front matter\n")); err == nil {
		t.Error("editing a file without front matter gave no error")
	}
}
