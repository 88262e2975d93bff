package gitrepo

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// templates are repositories built once per test binary, by the git CLI (or by pm, for fixtures
// pm commits in); a test that starts from one gets a copy (copyRepo) instead of running git init,
// add and commit itself, which cost most of this package's test time. A copy is what was left: the
// same objects, refs, config and index, with the index's stat data made to match the copied files.
var templates struct {
	mu     sync.Mutex
	dir    string // the folder holding every template; removed by TestMain
	byName map[string]*template
}

type template struct {
	once sync.Once
	dir  string
	err  error
}

// removeTemplates deletes what the templates left on disk.
func removeTemplates() {
	templates.mu.Lock()
	defer templates.mu.Unlock()
	if templates.dir != "" {
		os.RemoveAll(templates.dir)
	}
}

// templateRepo returns the folder of the template called name, which build makes on first use in
// an empty folder (its first argument) with a private HOME (its second).
func templateRepo(t testing.TB, name string, build func(dir, home string) error) string {
	t.Helper()
	templates.mu.Lock()
	if templates.byName == nil {
		templates.byName = map[string]*template{}
	}
	tp := templates.byName[name]
	if tp == nil {
		tp = &template{}
		templates.byName[name] = tp
	}
	if templates.dir == "" {
		dir, err := os.MkdirTemp("", "pm-gitrepo-templates-")
		if err != nil {
			templates.mu.Unlock()
			t.Fatal(err)
		}
		templates.dir = dir
	}
	root := templates.dir
	templates.mu.Unlock()
	tp.once.Do(func() {
		base := filepath.Join(root, name)
		tp.dir, tp.err = filepath.Join(base, "repo"), os.MkdirAll(filepath.Join(base, "home"), 0o755)
		if tp.err == nil {
			tp.err = os.MkdirAll(tp.dir, 0o755)
		}
		if tp.err == nil {
			tp.err = build(tp.dir, filepath.Join(base, "home"))
		}
	})
	if tp.err != nil {
		t.Fatalf("template %s: %v", name, tp.err)
	}
	return tp.dir
}

// copyRepo copies the repository (work tree and .git) at src into dst, which may exist, keeping
// modes and modification times, and makes the index's stat data match the copied files.
func copyRepo(t testing.TB, src, dst string) {
	t.Helper()
	if err := copyTree(src, dst); err != nil {
		t.Fatalf("copy %s: %v", src, err)
	}
	if err := restatIndex(dst, filepath.Join(dst, ".git", "index")); err != nil {
		t.Fatalf("copy %s: %v", src, err)
	}
}

// copyTree copies the files, folders and symbolic links under src into dst, but for what git init
// puts in a git directory that neither git nor pm reads: the sample hooks, the description, the
// empty folders git makes on demand. Creating files is what copies cost most. Read-only files are
// linked rather than copied.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if unread(p, d) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return os.MkdirAll(to, info.Mode().Perm())
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, to)
		case info.Mode().IsRegular() && info.Mode().Perm()&0o222 == 0:
			// A file nobody may write (git's objects and packs, which git and go-git replace but
			// never change) is shared: a link costs no new file.
			if os.Link(p, to) == nil {
				return nil
			}
			fallthrough
		case info.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if err := os.WriteFile(to, data, info.Mode().Perm()); err != nil {
				return err
			}
			// An older time than the index's own keeps the entries from being racily clean.
			return os.Chtimes(to, info.ModTime(), info.ModTime())
		default:
			return fmt.Errorf("%s: not a file, folder or link", p)
		}
	})
}

// unread reports whether p, a file or folder git init makes in a git directory, is one neither git
// nor pm reads: a sample hook, the description, the empty hooks, branches, objects/info,
// objects/pack and refs/tags folders.
func unread(p string, d fs.DirEntry) bool {
	dir := filepath.Dir(p)
	parent, name := filepath.Base(dir), d.Name()
	gitDir := func(dir string) bool {
		return exists(filepath.Join(dir, "HEAD")) && exists(filepath.Join(dir, "objects"))
	}
	if !d.IsDir() {
		return parent == "hooks" && strings.HasSuffix(name, ".sample") && gitDir(filepath.Dir(dir)) ||
			name == "description" && gitDir(dir)
	}
	switch {
	case name == "hooks" || name == "branches":
		if !gitDir(dir) {
			return false
		}
	case (name == "info" || name == "pack") && parent == "objects" && gitDir(filepath.Dir(dir)),
		name == "tags" && parent == "refs" && gitDir(filepath.Dir(dir)):
	default:
		return false
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !unread(filepath.Join(p, e.Name()), e) {
			return false
		}
	}
	return true
}

// restatIndex rewrites the stat data of the index entries whose file under root holds exactly the
// entry's blob, as git's refresh would, and the index checksum. Entries git does not refresh
// (assume-unchanged, skip-worktree, intent-to-add, unmerged) and files that differ from their blob
// are left as they are: git and pm find those by content. A missing index is no error.
func restatIndex(root, name string) error {
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	entries, err := indexEntries(data)
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	for _, e := range entries {
		if e.flags()&0xb000 == 0 && e.extFlags == 0 { // not assume-valid, stage 0, no extended flags
			if err := restatEntry(e.fixed, filepath.Join(root, filepath.FromSlash(e.path))); err != nil {
				return err
			}
		}
	}
	sum := data[len(data)-20:]
	if !bytes.Equal(sum, make([]byte, 20)) { // index.skipHash writes no checksum
		h := sha1.Sum(data[:len(data)-20])
		copy(sum, h[:])
	}
	tmp := name + ".restat"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// indexEntry is an entry of an index file: its fixed part (stat data, mode, object name and
// flags, in the file's data), its extended flags and its path.
type indexEntry struct {
	fixed    []byte
	extFlags uint16
	path     string
}

func (e indexEntry) flags() uint16 { return binary.BigEndian.Uint16(e.fixed[60:62]) }

// indexEntries reads the entries of an index file (versions 2 to 4), after checking its header and
// its checksum (zeros where index.skipHash left none).
func indexEntries(data []byte) ([]indexEntry, error) {
	if len(data) < 32 || string(data[:4]) != "DIRC" {
		return nil, errors.New("not an index")
	}
	if sum := data[len(data)-20:]; !bytes.Equal(sum, make([]byte, 20)) {
		if h := sha1.Sum(data[:len(data)-20]); !bytes.Equal(sum, h[:]) {
			return nil, errors.New("bad checksum")
		}
	}
	version := binary.BigEndian.Uint32(data[4:8])
	if version < 2 || version > 4 {
		return nil, fmt.Errorf("index version %d", version)
	}
	n := int(binary.BigEndian.Uint32(data[8:12]))
	entries := make([]indexEntry, 0, n)
	off := 12
	var prev string
	for i := 0; i < n; i++ {
		e := data[off : len(data)-20]
		if len(e) < 62 {
			return nil, fmt.Errorf("entry %d cut short", i)
		}
		entry := indexEntry{fixed: e[:62]}
		head := 62
		if entry.flags()&0x4000 != 0 {
			if version < 3 || len(e) < 64 {
				return nil, fmt.Errorf("entry %d: extended flags in a version-%d index", i, version)
			}
			entry.extFlags = binary.BigEndian.Uint16(e[62:64])
			head = 64
		}
		var size int
		if version == 4 {
			strip, k := binary.Uvarint(e[head:])
			if k <= 0 || int(strip) > len(prev) {
				return nil, fmt.Errorf("entry %d: bad path compression", i)
			}
			end := bytes.IndexByte(e[head+k:], 0)
			if end < 0 {
				return nil, fmt.Errorf("entry %d: path not ended", i)
			}
			entry.path = prev[:len(prev)-int(strip)] + string(e[head+k:head+k+end])
			size = head + k + end + 1
		} else {
			end := bytes.IndexByte(e[head:], 0)
			if end < 0 || (head+end+8)&^7 > len(e) {
				return nil, fmt.Errorf("entry %d: path not ended", i)
			}
			entry.path = string(e[head : head+end])
			size = (head + end + 8) &^ 7
		}
		prev = entry.path
		entries = append(entries, entry)
		off += size
	}
	return entries, nil
}

// restatEntry puts the stat data of file into the entry's fixed part e when file is a regular
// file, of the entry's executable bit, holding the entry's blob.
func restatEntry(e []byte, file string) error {
	mode := binary.BigEndian.Uint32(e[24:28])
	if mode&0o170000 != 0o100000 {
		return nil
	}
	fi, err := os.Lstat(file)
	if err != nil || !fi.Mode().IsRegular() || (fi.Mode()&0o100 != 0) != (mode&0o100 != 0) {
		return nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	h := sha1.New()
	h.Write([]byte("blob " + strconv.Itoa(len(data)) + "\x00"))
	h.Write(data)
	if !bytes.Equal(h.Sum(nil), e[40:60]) {
		return nil
	}
	// What pm itself records for a file it adds (statData), so the copy is as clean as after git add.
	st := statData(fi)
	for i, v := range []uint32{st.CtimeSec, st.CtimeNsec, st.MtimeSec, st.MtimeNsec, st.Dev, st.Ino} {
		binary.BigEndian.PutUint32(e[4*i:], v)
	}
	binary.BigEndian.PutUint32(e[28:], st.UID)
	binary.BigEndian.PutUint32(e[32:], st.GID)
	binary.BigEndian.PutUint32(e[36:], st.Size)
	return nil
}

// runGit runs git in dir with env (NAME=value settings on top of gitEnv's for home) and fails with
// git's output when git fails.
func runGit(dir, home string, env []string, args ...string) error {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv(home, env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

// noMaintenance keeps git commit from starting `git maintenance run --auto` after each commit: a
// process per commit that, in repositories this small, never has anything to do.
var noMaintenance = []string{"-c", "maintenance.auto=false"}

// setupArgs is args with noMaintenance in front when they make a commit.
func setupArgs(args []string) []string {
	if len(args) > 0 && args[0] == "commit" {
		return append(append([]string{}, noMaintenance...), args...)
	}
	return args
}

// initTemplate is a repository as `git init -q args...` makes it, with no commit.
func initTemplate(t testing.TB, args ...string) string {
	testenv.NeedGit(t)
	return templateRepo(t, "init "+strings.Join(args, " "), func(dir, home string) error {
		return runGit(dir, home, nil, append([]string{"init", "-q"}, args...)...)
	})
}

// copyInit makes at dst a repository as `git init -q args... dst` would: a copy of initTemplate's.
func copyInit(t testing.TB, dst string, args ...string) {
	t.Helper()
	copyRepo(t, initTemplate(t, args...), dst)
}

// labTemplate is what lab.repo makes: a repository with one commit on main holding
// postmortems/a.md, made by Setup in UTC.
func labTemplate(t testing.TB) string {
	testenv.NeedGit(t)
	return templateRepo(t, "lab", func(dir, home string) error {
		env := []string{"TZ=UTC"}
		if err := runGit(dir, home, env, "init", "-q", "-b", "main"); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dir, "postmortems"), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "postmortems", "a.md"), []byte("# a\n"), 0o644); err != nil {
			return err
		}
		if err := runGit(dir, home, env, "add", "."); err != nil {
			return err
		}
		return runGit(dir, home, env, append(noMaintenance, "commit", "-q", "-m", "first")...)
	})
}

// pmTemplate is a fixture whose repository is a copy of one made once per test binary: build
// makes it from an empty repository as newFixture makes one, with pm's own commits.
func pmTemplate(t *testing.T, name string, build func(r *Repo, root string) error) *fixture {
	t.Helper()
	src := templateRepo(t, name, func(dir, home string) error {
		if err := plainInit(dir); err != nil {
			return err
		}
		env := map[string]string{"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, ".config"), "GIT_CONFIG_NOSYSTEM": "1"}
		r, err := OpenWithEnv(dir, func(k string) string { return env[k] })
		if err != nil {
			return err
		}
		return build(r, dir)
	})
	f := newEmptyFixture(t)
	copyRepo(t, src, f.root)
	f.reopen()
	return f
}

// pmBase is a fixture with a.md ("a\n") committed by pm as "base", and that commit.
func pmBase(t *testing.T) (*fixture, string) {
	t.Helper()
	f := pmTemplate(t, "pm-base", func(r *Repo, root string) error {
		if err := writeFiles(root, "a.md", "a\n"); err != nil {
			return err
		}
		_, err := r.CommitOnly([]string{"a.md"}, "base", sig("Author"), sig("Committer"))
		return err
	})
	return f, refHash(t, filepath.Join(f.root, ".git"), "HEAD")
}
