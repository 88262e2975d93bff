package timeline

import (
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/slackgen"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

// BenchmarkImportSlack100k runs the whole import in-process — read the export, merge 2,010 rows,
// add the responders, write the file — from a 100,000-message channel, every day of it in the
// window.
func BenchmarkImportSlack100k(b *testing.B) {
	export := b.TempDir()
	slackgen.WriteExport(b, export, 100_000)
	r := testrepo.New(b, "Priya Raman", "priya@example.com")
	doc := front + responders + timeline + actions
	r.Write(".pm.yaml", settings)
	r.Write(pmPath, doc)
	r.Commit("base", now, ".pm.yaml", pmPath)
	f, _, _ := cmdutil.TestFactory(r.Dir, now, r.Env)
	args := []string{"slack", export, "--channel", "inc-big", "--from", "2026-11-01", "--to", "2026-12-10", "--responders", "--todos", "--no-commit"}
	for b.Loop() {
		b.StopTimer()
		r.Write(pmPath, doc)
		b.StartTimer()
		if _, errOut, code := testrepo.Run(f, newCmd, args...); code != 0 {
			b.Fatal(errOut)
		}
	}
}
