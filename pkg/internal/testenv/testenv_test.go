package testenv

import (
	"fmt"
	"strings"
	"testing"
)

// recorder is a TB that remembers whether it was skipped or failed, and why.
type recorder struct {
	skipped, failed string
}

func (r *recorder) Helper()           {}
func (r *recorder) Skip(args ...any)  { r.skipped = fmt.Sprintln(args...) }
func (r *recorder) Fatal(args ...any) { r.failed = fmt.Sprintln(args...) }

func TestSkipFailsUnderCI(t *testing.T) {
	for _, c := range []struct {
		ci       string
		wantFail bool
	}{
		{"", false}, {"false", false}, {"0", false}, {"yes", false},
		{"true", true}, {"1", true}, {"TRUE", true},
	} {
		t.Run("CI="+c.ci, func(t *testing.T) {
			t.Setenv("CI", c.ci)
			var r recorder
			Skipf(&r, "no %s here", "widget")
			if c.wantFail {
				if r.skipped != "" || !strings.Contains(r.failed, "no widget here") {
					t.Errorf("skipped %q, failed %q; want a failure naming the reason", r.skipped, r.failed)
				}
				return
			}
			if r.failed != "" || !strings.Contains(r.skipped, "no widget here") {
				t.Errorf("skipped %q, failed %q; want a skip naming the reason", r.skipped, r.failed)
			}
		})
	}
}

func TestNeedGitWithoutGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	gitPath = onceLookPath()
	t.Cleanup(func() { gitPath = onceLookPath() })
	for _, ci := range []string{"", "true"} {
		t.Setenv("CI", ci)
		var r recorder
		NeedGit(&r)
		if got := r.skipped + r.failed; !strings.Contains(got, "git") {
			t.Errorf("CI=%q: no skip or failure about git: %q", ci, got)
		}
		if (r.failed != "") != (ci == "true") {
			t.Errorf("CI=%q: skipped %q, failed %q", ci, r.skipped, r.failed)
		}
	}
	if HaveGit() {
		t.Error("HaveGit with an empty PATH")
	}
}

func TestUnsupportedSkipsUnderCI(t *testing.T) {
	t.Setenv("CI", "true")
	var r recorder
	Unsupported(&r, "not on this platform")
	if r.failed != "" || !strings.Contains(r.skipped, "not on this platform") {
		t.Errorf("skipped %q, failed %q; want a skip", r.skipped, r.failed)
	}
}

func TestTiers(t *testing.T) {
	for _, c := range []struct {
		ci, full string
		want     bool
	}{
		{"", "", false},
		{"true", "", true},
		{"", "1", true},
		{"false", "0", false},
		{"", "yes", false}, // not a value strconv.ParseBool takes
	} {
		t.Setenv("CI", c.ci)
		t.Setenv("PM_TEST_FULL", c.full)
		if got := Full(); got != c.want {
			t.Errorf("CI=%q PM_TEST_FULL=%q: Full() = %v", c.ci, c.full, got)
		}
		var r recorder
		Exhaustive(&r)
		if skipped := r.skipped != ""; skipped == c.want {
			t.Errorf("CI=%q PM_TEST_FULL=%q: Exhaustive skipped = %v", c.ci, c.full, skipped)
		}
		if n, want := Inputs(3, 30), map[bool]int{false: 3, true: 30}[c.want]; n != want {
			t.Errorf("CI=%q PM_TEST_FULL=%q: Inputs = %d, want %d", c.ci, c.full, n, want)
		}
	}
}
