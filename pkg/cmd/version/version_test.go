package version

import (
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/buildinfo"
	"github.com/pm-tools/pm/pkg/cmdutil"
)

func TestLine(t *testing.T) {
	cases := map[string]buildinfo.Info{
		"pm v1.2.0 (commit 0123456789ab, built 2026-11-24T10:00:00Z)": {Version: "v1.2.0", Commit: "0123456789abcdef", Date: "2026-11-24T10:00:00Z"},
		"pm dev": {Version: "dev"},
		// go install: the time Go records is the commit's, and is said so
		"pm v0.0.0-20261205165111-e20388bf73fa (commit e20388bf73fa, committed 2026-12-05T16:51:11Z)": {
			Version: "v0.0.0-20261205165111-e20388bf73fa", Commit: "e20388bf73fa", Date: "2026-12-05T16:51:11Z", DateIsCommit: true},
	}
	for want, in := range cases {
		if got := Line(in); got != want {
			t.Errorf("Line(%+v) = %q, want %q", in, got, want)
		}
	}
}

func TestVersionCommand(t *testing.T) {
	f, out, _ := cmdutil.TestFactory(t.TempDir(), time.Now(), nil)
	buildinfo.Version = "v9.9.9"
	defer func() { buildinfo.Version = "" }()
	cmd := NewCmdVersion(f)
	cmd.SetArgs(nil)
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "pm v9.9.9") {
		t.Errorf("output %q", out)
	}
}
