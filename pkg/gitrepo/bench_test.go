package gitrepo

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// TestMain removes the benchmark repository and the template repositories, built at most once per
// process.
func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	removeTemplates()
	os.Exit(code)
}

// bench is a repository with PM_BENCH_FILES tracked files (default 2000),
// shared by the benchmarks of one process.
var bench struct {
	once sync.Once
	dir  string // holds repo/ and home/
	err  error
	seq  atomic.Int64 // names new files uniquely across benchmark rounds
}

func benchFiles(b *testing.B) int {
	n := 2000
	if v := os.Getenv("PM_BENCH_FILES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("PM_BENCH_FILES=%q is not a positive count", v)
		}
	}
	return n
}

// benchRepo returns the benchmark repository and its private HOME, building
// them with the git CLI on first use.
func benchRepo(b *testing.B) (repo, home string) {
	b.Helper()
	testenv.NeedGit(b)
	n := benchFiles(b)
	bench.once.Do(func() {
		bench.dir, bench.err = os.MkdirTemp("", "pm-gitrepo-bench-")
		if bench.err != nil {
			return
		}
		repo, home := filepath.Join(bench.dir, "repo"), filepath.Join(bench.dir, "home")
		start := time.Now()
		for i := 0; i < n; i++ {
			p := filepath.Join(repo, "pm", fmt.Sprintf("%03d", i/100), fmt.Sprintf("2026-01-01-incident-%06d.md", i))
			if i%100 == 0 {
				if bench.err = os.MkdirAll(filepath.Dir(p), 0o755); bench.err != nil {
					return
				}
			}
			body := fmt.Sprintf("---\nid: %d\nstatus: draft\n---\n# Incident %d\n\nSomething broke.\n", i, i)
			if bench.err = os.WriteFile(p, []byte(body), 0o644); bench.err != nil {
				return
			}
		}
		if bench.err = os.MkdirAll(home, 0o755); bench.err != nil {
			return
		}
		for _, args := range [][]string{
			{"init", "-q"},
			{"config", "gc.auto", "0"}, // no background gc during the measurements
			{"add", "-A"},
			{"commit", "-q", "-m", "base"},
			{"gc", "-q"}, // objects packed, as in a clone
		} {
			if bench.err = runBenchGit(repo, home, args...); bench.err != nil {
				return
			}
		}
		b.Logf("benchmark repository: %d files built in %v", n, time.Since(start).Round(time.Millisecond))
	})
	if bench.err != nil {
		b.Fatalf("build benchmark repository: %v", bench.err)
	}
	return filepath.Join(bench.dir, "repo"), filepath.Join(bench.dir, "home")
}

func runBenchGit(dir, home string, args ...string) error {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv(home)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

// newBenchFile writes a new small file and returns its root-relative path.
func newBenchFile(b *testing.B, repo string) string {
	b.Helper()
	p := fmt.Sprintf("pm/new/2026-11-20-bench-%06d.md", bench.seq.Add(1))
	name := filepath.Join(repo, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(name, []byte("# Bench\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkGitCLIAddCommit is the reference: `git add f && git commit -m x`.
func BenchmarkGitCLIAddCommit(b *testing.B) {
	repo, home := benchRepo(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		p := newBenchFile(b, repo)
		b.StartTimer()
		if err := runBenchGit(repo, home, "add", "--", p); err != nil {
			b.Fatal(err)
		}
		if err := runBenchGit(repo, home, "commit", "-q", "-m", "x"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCommitOnly measures what `pm` does per commit: open the repository,
// resolve the identity and commit one new file.
func BenchmarkCommitOnly(b *testing.B) {
	repo, home := benchRepo(b)
	env := map[string]string{
		"HOME": home, "GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
		"GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com",
	}
	getenv := func(k string) string { return env[k] }
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		p := newBenchFile(b, repo)
		b.StartTimer()
		r, err := OpenWithEnv(repo, getenv)
		if err != nil {
			b.Fatal(err)
		}
		author, committer, err := r.Identity(getenv, nil, now)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.CommitOnly([]string{p}, "x", author, committer); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChangedSince walks the whole work tree (what `pm lint --changed-since`
// costs), for comparison with BenchmarkGitCLIStatus.
func BenchmarkChangedSince(b *testing.B) {
	repo, home := benchRepo(b)
	getenv := func(k string) string { return map[string]string{"HOME": home, "GIT_CONFIG_NOSYSTEM": "1"}[k] }
	r, err := OpenWithEnv(repo, getenv)
	if err != nil {
		b.Fatal(err)
	}
	newBenchFile(b, repo) // one untracked file to find
	md := func(p string) bool { return strings.HasSuffix(p, ".md") }
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.ChangedSince("HEAD", md); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGitCLIStatus is the reference for BenchmarkChangedSince.
func BenchmarkGitCLIStatus(b *testing.B) {
	repo, home := benchRepo(b)
	for i := 0; i < b.N; i++ {
		if err := runBenchGit(repo, home, "status", "--porcelain"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStagedFiles reads the index and compares it with HEAD.
func BenchmarkStagedFiles(b *testing.B) {
	repo, home := benchRepo(b)
	getenv := func(k string) string { return map[string]string{"HOME": home, "GIT_CONFIG_NOSYSTEM": "1"}[k] }
	r, err := OpenWithEnv(repo, getenv)
	if err != nil {
		b.Fatal(err)
	}
	md := func(p string) bool { return strings.HasSuffix(p, ".md") }
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.StagedFiles(md); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStagedFilesOf measures Open and StagedFiles on the repository PM_BENCH_REPO names (skipped
// without it), with the process's HOME: scripts/bench.sh's repository of 10,000 postmortems in one
// folder with one staged change, say, which is pm lint --staged in a pre-commit hook.
func BenchmarkStagedFilesOf(b *testing.B) {
	dir := os.Getenv("PM_BENCH_REPO")
	if dir == "" {
		b.Skip("PM_BENCH_REPO is not set")
	}
	for i := 0; i < b.N; i++ {
		r, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.StagedFiles(nil); err != nil {
			b.Fatal(err)
		}
	}
}
