package gitindex

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite the seed indexes under testdata/")

// scenario makes a repository whose index git wrote in some particular shape; opts is the
// configuration the scenario gave git, as the caller of Encode would read it.
// Setups set the configuration that shapes the index after the files of a fixture (basicFiles,
// committed): git adds or drops the extensions it asks for the next time it writes the index.
type scenario struct {
	name  string
	setup func(r *gitRepo)
	// fixture, when set, is the whole setup: the test reads the fixture's repository itself.
	fixture *fixture
	opts    EncodeOptions
	seed    bool // small enough to keep under testdata/ as a fuzzing seed
	// full marks a scenario that only widens others (the same extension in another state,
	// more entries): it runs in the full tier only.
	full bool
}

// longPath is a path longer than the 12-bit name length of an entry (0xfff bytes).
var longPath = strings.Repeat(strings.Repeat("x", 99)+"/", 42) + "long.txt"

// basicFiles makes a tree with regular, executable, symlink and gitlink entries and nested
// directories.
func basicFiles(r *gitRepo) {
	if !r.fromFixture(basicFixture) {
		makeBasicFiles(r)
	}
}

var basicFixture = &fixture{name: "basic", build: makeBasicFiles}

func makeBasicFiles(r *gitRepo) {
	r.write("README.md", "hello\n")
	r.write("docs/a.md", "a\n")
	r.write("docs/sub/b.md", "b\n")
	r.write("docs.txt", "sorts between docs and docs/\n")
	r.write("tools/run.sh", "#!/bin/sh\n")
	if err := os.Chmod(filepath.Join(r.dir, "tools/run.sh"), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.Symlink("docs/a.md", filepath.Join(r.dir, "link")); err != nil {
		r.t.Fatal(err)
	}
	r.git("add", ".")
	// git reads no object for a gitlink: a blob's name stands for the commit.
	r.git("update-index", "--add", "--cacheinfo", "160000,"+blobHash("sub\n").String()+",vendor/lib")
}

// basicCommitted commits basicFiles as "first".
func basicCommitted(r *gitRepo) {
	if !r.fromFixture(basicCommittedFixture) {
		makeBasicCommitted(r)
	}
}

var basicCommittedFixture = &fixture{name: "basic-committed", build: makeBasicCommitted}

func makeBasicCommitted(r *gitRepo) {
	basicFiles(r)
	r.git("commit", "-qm", "first")
}

// withLongPath adds to basicFiles a name too long for the 12-bit length in the flags word.
func withLongPath(r *gitRepo) {
	if !r.fromFixture(longPathFixture) {
		makeWithLongPath(r)
	}
}

var longPathFixture = &fixture{name: "long-path", build: makeWithLongPath}

func makeWithLongPath(r *gitRepo) {
	basicFiles(r)
	blob := r.hashObject("long\n")
	r.git("update-index", "--add", "--cacheinfo", "100644,"+blob.String()+","+longPath)
}

// conflict leaves a merge conflict on f.txt (stages 1-3) and one on g.txt.
func conflict(r *gitRepo) {
	if !r.fromFixture(conflictFixture) {
		makeConflict(r)
	}
}

var conflictFixture = &fixture{name: "conflict", build: makeConflict}

func makeConflict(r *gitRepo) {
	r.write("f.txt", "base\n")
	r.write("g.txt", "base g\n")
	r.write("dir/keep.txt", "keep\n")
	r.git("add", ".")
	r.git("commit", "-qm", "base")
	r.git("checkout", "-qb", "side")
	r.write("f.txt", "side\n")
	r.write("g.txt", "side g\n")
	r.git("commit", "-qam", "side")
	r.git("checkout", "-q", "main")
	r.write("f.txt", "main\n")
	r.write("g.txt", "main g\n")
	r.git("commit", "-qam", "main")
	if out, err := r.run(nil, "merge", "-q", "side"); err == nil {
		r.t.Fatalf("merge did not conflict: %s", out)
	}
}

func fsmonitorHook(r *gitRepo) {
	hook := filepath.Join(r.dir, ".git", "fsmonitor-hook")
	if err := os.WriteFile(hook, []byte("#!/bin/sh\nprintf 'token-42\\0'\n"), 0o755); err != nil {
		r.t.Fatal(err)
	}
	r.setConfig("core.fsmonitor", hook)
	r.setConfig("core.fsmonitorHookVersion", "2")
}

var scenarios = []scenario{
	{name: "v2", seed: true, fixture: longPathFixture},
	// Edits and UpdateTree meet the intent-to-add flag in the quick tier, v4 skip-worktree.
	{name: "v3-intent-to-add-skip-worktree", seed: true, full: true, setup: func(r *gitRepo) {
		basicFiles(r)
		r.write("new/planned.md", "later\n")
		r.git("add", "-N", "new/planned.md")
		r.git("update-index", "--skip-worktree", "docs/a.md")
	}},
	{name: "v4", seed: true, setup: func(r *gitRepo) {
		withLongPath(r)
		r.git("update-index", "--skip-worktree", "docs/sub/b.md")
		r.git("update-index", "--index-version", "4")
	}},
	// committed, which the edits start from, has README.md assumed unchanged.
	{name: "assume-unchanged", seed: true, full: true, setup: func(r *gitRepo) {
		basicFiles(r)
		r.git("update-index", "--assume-unchanged", "docs/a.md", "README.md")
	}},
	// tree-partly-invalid has valid nodes too.
	{name: "tree-after-commit", seed: true, full: true, setup: func(r *gitRepo) {
		withLongPath(r)
		r.git("commit", "-qm", "first")
	}},
	{name: "tree-partly-invalid", seed: true, setup: func(r *gitRepo) {
		basicCommitted(r)
		r.write("docs/sub/b.md", "b changed\n")
		r.write("docs/sub/deeper/c.md", "c\n")
		r.git("add", "docs")
	}},
	{name: "tree-write-tree", full: true, setup: func(r *gitRepo) {
		basicFiles(r)
		r.git("write-tree")
	}},
	{name: "tree-intent-to-add", seed: true, full: true, setup: func(r *gitRepo) {
		basicFiles(r)
		r.write("docs/sub/planned.md", "later\n")
		r.write("only-ita/x.md", "later\n")
		r.git("add", "-N", "docs/sub/planned.md", "only-ita/x.md")
		r.git("write-tree")
	}},
	{name: "conflict", seed: true, fixture: conflictFixture},
	// The edit "resolve conflicts" decodes and writes back git's REUC.
	{name: "resolve-undo", seed: true, full: true, setup: func(r *gitRepo) {
		conflict(r)
		r.write("f.txt", "resolved\n")
		r.git("add", "f.txt")
		r.git("rm", "-q", "--cached", "g.txt")
	}},
	{name: "untracked-cache", seed: true, setup: func(r *gitRepo) {
		basicCommitted(r)
		r.setConfig("core.untrackedCache", "true")
		r.write(".gitignore", "*.log\n")
		r.write("docs/.gitignore", "tmp/\n")
		r.write("docs/untracked.md", "u\n")
		r.write("docs/sub/deep/new.md", "n\n")
		r.write("docs/tmp/x", "ignored\n")
		r.write("newdir/a/b.md", "n\n")
		r.write("x.log", "ignored\n")
		r.git("status", "--porcelain")
		r.git("status", "--porcelain")
	}},
	{name: "untracked-cache-all", seed: true, full: true, setup: func(r *gitRepo) {
		basicFiles(r)
		r.setConfig("core.untrackedCache", "true")
		r.write("newdir/a/b.md", "n\n")
		r.write("docs/u.md", "u\n")
		r.git("status", "--porcelain", "-uall")
		r.git("status", "--porcelain", "-uall")
	}},
	{name: "fsmonitor", seed: true, setup: func(r *gitRepo) {
		basicFiles(r)
		fsmonitorHook(r)
		r.setConfig("core.untrackedCache", "true")
		r.git("commit", "-qm", "first")
		r.write("docs/untracked.md", "u\n")
		r.git("status", "--porcelain")
		r.write("docs/a.md", "a changed\n")
		r.git("add", "docs/a.md")
	}},
	{name: "fsmonitor-runs", full: true, setup: func(r *gitRepo) {
		// Gitlinks are never fsmonitor-valid: 200 of them make runs in the bitmap.
		fsmonitorHook(r)
		r.writeMany(150)
		r.git("add", ".")
		blob := r.hashObject("x")
		var info strings.Builder
		for i := 0; i < 200; i++ {
			fmt.Fprintf(&info, "160000 %s\tmods/m%03d\n", blob, i)
		}
		r.gitInput([]byte(info.String()), "update-index", "--index-info")
		r.git("status", "--porcelain")
	}},
	{name: "sparse-index", seed: true, setup: func(r *gitRepo) {
		basicFiles(r)
		r.write("other/deep/x.md", "x\n")
		r.write("other/y.md", "y\n")
		r.git("add", ".")
		r.git("commit", "-qm", "first")
		r.git("sparse-checkout", "set", "--cone", "docs")
		r.setConfig("index.sparse", "true")
		r.git("sparse-checkout", "reapply")
	}},
	{name: "skip-hash", seed: true, setup: func(r *gitRepo) {
		basicFiles(r)
		b := r.index()
		copy(b[len(b)-hashSize:], make([]byte, hashSize))
		r.setIndex(b)
	}, opts: EncodeOptions{SkipHash: true}},
	{name: "empty", seed: true, full: true, setup: func(r *gitRepo) {
		basicFiles(r)
		r.git("read-tree", "--empty")
	}},
	// threads-4-no-offset-table writes EOIE without IEOT in the quick tier.
	{name: "eoie-only", seed: true, full: true, setup: func(r *gitRepo) {
		basicFiles(r)
		r.setConfig("index.recordEndOfIndexEntries", "true")
		r.git("commit", "-qm", "first")
	}, opts: EncodeOptions{RecordEndOfIndexEntries: boolPtr(true)}},
	// The edit "threaded index" writes a version 2 IEOT in the quick tier.
	{name: "threads-4-ieot", full: true, setup: func(r *gitRepo) {
		r.setConfig("index.threads", "4")
		r.writeMany(3000)
		r.git("add", ".")
		r.git("commit", "-qm", "many")
	}, opts: EncodeOptions{ThreadsSet: true, Threads: 4}},
	{name: "threads-3-ieot-v4", full: true, setup: func(r *gitRepo) {
		r.setConfig("index.threads", "3")
		r.writeMany(1000)
		r.git("add", ".")
		r.git("update-index", "--index-version", "4")
	}, opts: EncodeOptions{ThreadsSet: true, Threads: 3}},
	{name: "threads-2-ieot-small", seed: true, setup: func(r *gitRepo) {
		r.setConfig("index.threads", "2")
		r.git("update-index", "--index-version", "4")
		r.writeMany(20)
		r.git("add", ".")
	}, opts: EncodeOptions{ThreadsSet: true, Threads: 2}},
	{name: "threads-true", full: true, setup: func(r *gitRepo) {
		// One block per 10,000 entries, at most CPUs-1: none for fewer entries, but EOIE.
		r.setConfig("index.threads", "true")
		r.writeMany(1000)
		r.git("add", ".")
	}, opts: EncodeOptions{ThreadsSet: true, Threads: 0}},
	{name: "threads-4-no-offset-table", setup: func(r *gitRepo) {
		r.setConfig("index.threads", "4")
		r.setConfig("index.recordOffsetTable", "false")
		r.writeMany(testenv.Inputs(10, 300))
		r.git("add", ".")
	}, opts: EncodeOptions{ThreadsSet: true, Threads: 4, RecordOffsetTable: boolPtr(false)}},
}

// TestRoundTripGit: for indexes written by git in every shape pm may meet, Decode then Encode
// gives back the file byte for byte, and what Decode found is what git ls-files reports.
func TestRoundTripGit(t *testing.T) {
	t.Parallel()
	requireGit(t)
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			if sc.full {
				testenv.Exhaustive(t)
			}
			t.Parallel()
			var r *gitRepo
			if sc.fixture != nil {
				r = sc.fixture.get(t)
			} else {
				r = newGitRepo(t)
				sc.setup(r)
			}
			data := r.index()
			x := mustDecode(t, data)
			sameBytes(t, "re-encoded index", data, mustEncode(t, x, sc.opts))
			want := r.git("-c", "core.quotepath=false", "ls-files", "--sparse", "-s", "-v", "--debug")
			if got := lsFilesDebug(x); got != want {
				t.Errorf("entries as decoded:\n%s\ngit ls-files:\n%s", got, want)
			}
			if *update && sc.seed {
				if err := os.WriteFile(filepath.Join("testdata", sc.name+".index"), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// lsFilesDebug renders entries as git ls-files -s -v --debug prints them (the flags are
// git's in-memory ones, where the fsmonitor bit is CE_FSMONITOR_VALID).
func lsFilesDebug(x *Index) string {
	var b strings.Builder
	for i := range x.Entries {
		e := &x.Entries[i]
		tag := "H"
		switch {
		case e.Stage() != 0:
			tag = "M"
		case e.SkipWorktree():
			tag = "S"
		}
		if e.AssumeValid() {
			tag = strings.ToLower(tag)
		}
		fmt.Fprintf(&b, "%s %06o %s %d\t%s\n", tag, e.Mode, e.Hash, e.Stage(), e.Name)
		flags := uint32(e.Flags) | uint32(e.ExtFlags)<<16
		if e.ExtFlags != 0 {
			flags |= uint32(flagExtended)
		}
		if e.FSMonitorValid {
			flags |= 1 << 21 // CE_FSMONITOR_VALID
		}
		fmt.Fprintf(&b, "  ctime: %d:%d\n  mtime: %d:%d\n  dev: %d\tino: %d\n  uid: %d\tgid: %d\n  size: %d\tflags: %x\n",
			e.CtimeSec, e.CtimeNsec, e.MtimeSec, e.MtimeNsec, e.Dev, e.Ino, e.UID, e.GID, e.Size, flags)
	}
	return strings.TrimRight(b.String(), "\n")
}

// TestOffsetTableLayout: IEOT records how git split the entries among its reading threads,
// which depends on index.threads and, for index.threads=true, the CPUs git saw. Written with
// another layout, the index is not git's bytes, but git reads it the same: ls-files, status
// and fsck agree, with and without threaded reading.
func TestOffsetTableLayout(t *testing.T) {
	t.Parallel()
	r := newGitRepo(t)
	r.setConfig("index.threads", "4")
	r.writeMany(testenv.Inputs(10, 1000))
	r.git("add", ".")
	r.git("update-index", "--index-version", "4")
	r.git("commit", "-qm", "many")
	r.write("d01/s1/changed.md", "new\n")
	r.write("untracked.md", "u\n")
	r.git("add", "d01/s1/changed.md")

	state := func(threads string) string {
		return r.git("-c", "index.threads="+threads, "ls-files", "-s", "-v", "--debug") + "\n" +
			r.git("-c", "index.threads="+threads, "status", "--porcelain=v2")
	}
	data := r.index()
	want := state("4")
	// The quick tier reads each layout with git's four threads and has fsck check the first;
	// the full tier also reads without threads and with three, and runs fsck on every layout.
	// The quick tier leaves out the layout with more blocks than git's, which only widens
	// the one with fewer.
	readThreads := []string{"4", "1", "3"}[:testenv.Inputs(1, 3)]
	for i, opts := range []EncodeOptions{
		{ThreadsSet: true, Threads: 3},
		{ThreadsSet: true, Threads: 0, CPUs: 64}, // no IEOT for under 10,000 entries, EOIE only
		{},                                       // neither
		{ThreadsSet: true, Threads: 7},
	}[:testenv.Inputs(3, 4)] {
		x := mustDecode(t, data)
		out := mustEncode(t, x, opts)
		if bytes.Equal(out, data) {
			t.Fatalf("%+v: expected another layout than git's", opts)
		}
		r.setIndex(out)
		for _, threads := range readThreads {
			if got := state(threads); got != want {
				t.Errorf("%+v, read with %s threads: git sees\n%s\nwant\n%s", opts, threads, got, want)
			}
		}
		if i == 0 || testenv.Full() {
			r.git("fsck", "--no-progress")
		}
		// Decode ignores the layout: the same index comes back.
		sameBytes(t, "re-encoded with git's options", data, mustEncode(t, mustDecode(t, out), EncodeOptions{ThreadsSet: true, Threads: 4}))
	}
}

// TestFSMonitorVersion1: git turns a version 1 FSMN extension (a timestamp) into version 2
// (the timestamp as its token) when it rewrites the index; Encode does the same.
func TestFSMonitorVersion1(t *testing.T) {
	t.Parallel()
	r := newGitRepo(t)
	basicFiles(r)
	x := mustDecode(t, r.index())
	x.FSMonitor = &FSMonitor{Version: 2, Token: "1700000000000000000"}
	for i := range x.Entries {
		// git never trusts the monitor about a gitlink.
		x.Entries[i].FSMonitorValid = i%2 == 0 && x.Entries[i].Mode != ModeGitlink
	}
	v2 := mustEncode(t, x, EncodeOptions{})
	// Hand-make the version 1 form of the same extension.
	at := bytes.Index(v2, []byte("FSMN"))
	ext := v2[at+8 : len(v2)-hashSize]
	tail := ext[4+len("1700000000000000000")+1:]
	v1ext := binary.BigEndian.AppendUint32(nil, 1)
	v1ext = binary.BigEndian.AppendUint64(v1ext, 1700000000000000000)
	v1ext = append(v1ext, tail...)
	v1 := append(bytes.Clone(v2[:at]), "FSMN"...)
	v1 = binary.BigEndian.AppendUint32(v1, uint32(len(v1ext)))
	v1 = appendChecksum(append(v1, v1ext...))
	y := mustDecode(t, v1)
	if y.FSMonitor == nil || y.FSMonitor.Version != 1 || y.FSMonitor.Token != "1700000000000000000" {
		t.Fatalf("FSMonitor %+v", y.FSMonitor)
	}
	sameBytes(t, "version 1 rewritten", v2, mustEncode(t, y, EncodeOptions{}))
}

func appendChecksum(b []byte) []byte {
	sum := sha1.Sum(b)
	return append(b, sum[:]...)
}

// TestDecodeErrors: damage and unsupported layouts are errors, each with its sentinel.
func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	requireGit(t)
	r := newGitRepo(t)
	basicFiles(r)
	good := r.index()
	r.git("update-index", "--index-version", "4")
	goodV4 := r.index()

	withSum := func(b []byte) []byte { return appendChecksum(b[:len(b)-hashSize]) }
	mutate := func(src []byte, f func(b []byte) []byte) []byte { return withSum(f(bytes.Clone(src))) }
	withExt := func(ext string) []byte {
		return appendChecksum(append(bytes.Clone(good[:len(good)-hashSize]), ext...))
	}
	nEntries := len(mustDecode(t, good).Entries)
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"empty file", nil, ErrCorrupt},
		{"bad signature", mutate(good, func(b []byte) []byte { b[0] = 'X'; return b }), ErrCorrupt},
		{"version 1", mutate(good, func(b []byte) []byte { b[7] = 1; return b }), ErrVersion},
		{"version 5", mutate(good, func(b []byte) []byte { b[7] = 5; return b }), ErrVersion},
		{"wrong checksum", func() []byte { b := bytes.Clone(good); b[len(b)-1] ^= 1; return b }(), ErrChecksum},
		{"flipped byte", func() []byte { b := bytes.Clone(good); b[40] ^= 1; return b }(), ErrChecksum},
		{"truncated", withSum(good[:200]), ErrCorrupt},
		{"huge count", mutate(good, func(b []byte) []byte { b[8] = 0x7f; return b }), ErrCorrupt},
		{"one entry too many", mutate(good, func(b []byte) []byte { b[11] = byte(nEntries + 1); return b }), ErrCorrupt},
		{"name not terminated", mutate(good, func(b []byte) []byte {
			// The first entry's name is "README.md" (9 bytes) at offset 12+62.
			b[12+62+9] = 'x'
			return b
		}), ErrCorrupt},
		{"name length too long", mutate(good, func(b []byte) []byte { b[12+61] = 12; return b }), ErrCorrupt},
		{"out of order", mutate(good, func(b []byte) []byte { b[12+62] = 'z'; return b }), ErrCorrupt},
		{"extended flag in v2", mutate(good, func(b []byte) []byte { b[12+60] |= 0x40; return b }), ErrCorrupt},
		{"v4 strip too long", mutate(goodV4, func(b []byte) []byte {
			// The second entry starts after the first (62 + varint 0 + "README.md\0").
			b[12+62+1+10+62] = 100
			return b
		}), ErrCorrupt},
		{"link extension", withExt("link\x00\x00\x00\x00"), ErrSplitIndex},
		{"unknown mandatory extension", withExt("abcd\x00\x00\x00\x01x"), ErrMandatoryExtension},
		{"extension past the end", withExt("ABCD\x00\x00\x01\x00xyz"), ErrCorrupt},
		{"stray bytes", withExt("ABCD\x00\x00\x00\x00xyz"), ErrCorrupt},
		{"sdir then link", withExt("sdir\x00\x00\x00\x00link\x00\x00\x00\x00"), ErrSplitIndex},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, err := Decode(tc.data)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Decode: %v (index %v), want %v", err, x != nil, tc.want)
			}
			// DecodeUnverified finds the same damage, but for the checksum, which it does not check.
			x, err = DecodeUnverified(tc.data)
			switch {
			case tc.want == ErrChecksum && tc.name == "wrong checksum":
				if err != nil || len(x.Entries) != nEntries {
					t.Fatalf("DecodeUnverified with only the checksum wrong: %v", err)
				}
			case tc.want == ErrChecksum:
				// a flipped byte in an entry's stat data reads as git reads it
			case !errors.Is(err, tc.want):
				t.Fatalf("DecodeUnverified: %v (index %v), want %v", err, x != nil, tc.want)
			}
		})
	}
}

// TestSplitIndexRefused: an index git wrote with core.splitIndex is ErrSplitIndex.
func TestSplitIndexRefused(t *testing.T) {
	t.Parallel()
	r := newGitRepo(t)
	basicFiles(r)
	r.git("update-index", "--split-index")
	r.write("docs/more.md", "more\n")
	r.git("add", "docs/more.md")
	if _, err := Decode(r.index()); !errors.Is(err, ErrSplitIndex) {
		t.Fatalf("Decode of a split index: %v", err)
	}
}

// TestUnknownOptionalExtension: an optional extension pm does not know is kept, raw and in
// order, dropped by Encode as git drops it, and written back on request.
func TestUnknownOptionalExtension(t *testing.T) {
	t.Parallel()
	r := newGitRepo(t)
	basicCommitted(r)
	good := r.index()
	body := bytes.Clone(good[:len(good)-hashSize])
	// Put two unknown extensions before TREE, which git would have written first.
	x := mustDecode(t, good)
	entriesEnd := bytes.Index(body, []byte("TREE"))
	withExt := append(bytes.Clone(body[:entriesEnd]), "ZZZZ\x00\x00\x00\x03abcQQQQ\x00\x00\x00\x00"...)
	withExt = appendChecksum(append(withExt, body[entriesEnd:]...))
	y := mustDecode(t, withExt)
	if len(y.Unknown) != 2 || string(y.Unknown[0].Signature[:]) != "ZZZZ" || string(y.Unknown[0].Data) != "abc" ||
		string(y.Unknown[1].Signature[:]) != "QQQQ" || len(y.Unknown[1].Data) != 0 {
		t.Fatalf("Unknown = %+v", y.Unknown)
	}
	sameBytes(t, "unknown extensions dropped", good, mustEncode(t, y, EncodeOptions{}))
	kept := mustEncode(t, y, EncodeOptions{WriteUnknown: true})
	z := mustDecode(t, kept)
	if len(z.Unknown) != 2 || z.Tree == nil || len(z.Entries) != len(x.Entries) {
		t.Fatalf("written back: %d unknown, tree %v", len(z.Unknown), z.Tree != nil)
	}
	// git reads it (ignoring both) and sees the same index.
	want := r.git("status", "--porcelain=v2")
	r.setIndex(kept)
	if got := r.git("status", "--porcelain=v2"); got != want {
		t.Errorf("status with unknown extensions:\n%s\nwant\n%s", got, want)
	}
}

// TestDamagedCacheExtensions: git drops a damaged TREE, REUC or UNTR (caches it rebuilds) and
// still reads the index; Decode does the same.
func TestDamagedCacheExtensions(t *testing.T) {
	t.Parallel()
	r := newGitRepo(t)
	basicCommitted(r)
	good := r.index()
	at := bytes.Index(good, []byte("TREE"))
	b := bytes.Clone(good)
	b[at+8] = 'x' // the root must have an empty name
	b = appendChecksum(b[:len(b)-hashSize])
	x := mustDecode(t, b)
	if x.Tree != nil || len(x.Entries) == 0 {
		t.Fatalf("damaged TREE kept: %+v", x.Tree)
	}
	r.setIndex(b)
	if out, err := r.run(nil, "ls-files"); err != nil {
		t.Fatalf("git refuses the damaged TREE too: %s", out)
	}
}
