package meeting

import (
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// --duration takes Go's form and the one a Japanese team types; anything else is refused in the
// user's language with one line and the forms, never with Go's parse error and its escaped bytes.
func TestDurationForms(t *testing.T) {
	for in, want := range map[string]time.Duration{"45m": 45 * time.Minute, "1h30m": 90 * time.Minute, "30分": 30 * time.Minute,
		"1時間": time.Hour, "１時間３０分": 90 * time.Minute, "1時間半": 90 * time.Minute, "2 時間 15 分": 135 * time.Minute} {
		if got, ok := parseDuration(in); !ok || got != want {
			t.Errorf("%q: %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"90", "時間", "分", "1時", "30分間", "half an hour"} {
		if d, ok := parseDuration(in); ok {
			t.Errorf("%q read as %v", in, d)
		}
	}
	r := checkoutRepo(t, configJP+"language: ja\n")
	f, _, _ := cmdutil.TestFactory(r.Dir, now, r.Env)
	cmd := NewCmdMeeting(f, nil)
	cmd.SetArgs([]string{"--at", "2026-11-26 10:00", "--duration", "30ぷん", "--no-commit", "--ics", "-"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	if err == nil || err.Error() != `--duration "30ぷん" は長さではありません: 30m、1h30m、45分、1時間30分 のように指定してください` || strings.Contains(err.Error(), `\x`) {
		t.Errorf("%v", err)
	}
}
