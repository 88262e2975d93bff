package gitrepo

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestReadLoose reads each kind of loose object git writes and compares it with git cat-file; the
// wrong type, and a missing object, are told apart.
func TestReadLoose(t *testing.T) {
	f := newFixture(t)
	f.write("a.md", "# a\n\nnon-ASCII: 日本語\n")
	f.write("dir/b.md", "")
	f.git(f.root, "add", "-A")
	f.git(f.root, "-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-q", "-m", "first\n\nbody")
	f.git(f.root, "-c", "user.name=A", "-c", "user.email=a@example.com", "tag", "-a", "-m", "the tag", "v1")
	f.reopen()
	for _, c := range []struct {
		typ plumbing.ObjectType
		rev string
	}{
		{plumbing.BlobObject, "HEAD:a.md"}, {plumbing.BlobObject, "HEAD:dir/b.md"}, {plumbing.TreeObject, "HEAD^{tree}"},
		{plumbing.TreeObject, "HEAD:dir"}, {plumbing.CommitObject, "HEAD"}, {plumbing.TagObject, "v1"},
	} {
		h := plumbing.NewHash(f.git(f.root, "rev-parse", c.rev))
		got, err := f.repo.readLoose(c.typ, h)
		if err != nil {
			t.Errorf("%s: %v", c.rev, err)
			continue
		}
		if want := f.gitRaw("cat-file", c.typ.String(), h.String()); !bytes.Equal(got, want) {
			t.Errorf("%s: read %q, git cat-file gives %q", c.rev, got, want)
		}
		if _, err := f.repo.readLoose(plumbing.CommitObject+plumbing.TreeObject-c.typ, h); err == nil || !strings.Contains(err.Error(), "not a") {
			t.Errorf("%s read as another type: %v", c.rev, err)
		}
	}
	missing := plumbing.NewHash(strings.Repeat("ab", 20))
	if _, err := f.repo.readLoose(plumbing.BlobObject, missing); !errors.Is(err, errNoLoose) {
		t.Errorf("a missing object: %v, want errNoLoose", err)
	}
	// readObject (packs, loose files, then go-git) reads the same
	h := plumbing.NewHash(f.git(f.root, "rev-parse", "HEAD"))
	if got, err := f.repo.readObject(plumbing.CommitObject, h); err != nil || !bytes.Equal(got, f.gitRaw("cat-file", "commit", "HEAD")) {
		t.Errorf("readObject(HEAD) = %q, %v", got, err)
	}
}

// TestReadLooseDamaged writes damaged loose objects (with a commit's header, which git reads whole
// where it streams a blob) in place of a blob: pm refuses each with an error
// naming the object, and never panics. git refuses them too, but for content longer or shorter than
// the header says: git 2.39 cuts it to the header's size, or pads it with zero bytes, and says
// nothing; pm does not read a damaged object as something else.
func TestReadLooseDamaged(t *testing.T) {
	f := newFixture(t)
	f.write("a.md", "abc")
	f.git(f.root, "add", "a.md")
	h := plumbing.NewHash(f.git(f.root, "rev-parse", ":a.md"))
	name := filepath.Join(f.root, ".git", "objects", h.String()[:2], h.String()[2:])
	deflate := func(s string) []byte { return zlibOf([]byte(s)) }
	good := deflate("commit 3\x00abc")
	badSum := bytes.Clone(good)
	badSum[len(badSum)-1] ^= 0xff
	for _, c := range []struct {
		what     string
		data     []byte
		gitReads bool
	}{
		{"content longer than its header", deflate("commit 2\x00abc"), true},
		{"content shorter than its header", deflate("commit 4\x00abc"), true},
		{"a header claiming more than its file can hold", deflate("commit 99999999999\x00abc"), false},
		{"no type", deflate("frob 3\x00abc"), false},
		{"a signed size", deflate("commit +3\x00abc"), false},
		{"a negative size", deflate("commit -3\x00abc"), false},
		{"no size", deflate("commit\x00abc"), false},
		{"no end to the header", deflate("commit 3"), false},
		{"a wrong checksum", badSum, false},
		{"garbage after the zlib stream", append(bytes.Clone(good), "junk"...), false},
		{"cut short", good[:len(good)-6], false},
		{"not zlib data", []byte("commit 3\x00abc"), false},
		{"empty", nil, false},
	} {
		mustNoErr(t, os.Chmod(name, 0o644))
		mustNoErr(t, os.WriteFile(name, c.data, 0o444))
		f.reopen()
		_, err := f.repo.readLoose(plumbing.CommitObject, h)
		if err == nil || errors.Is(err, errNoLoose) || !strings.Contains(err.Error(), h.String()) {
			t.Errorf("%s: %v, want an error naming %s", c.what, err, h)
		}
		if _, gitErr := f.gitErr(f.root, "cat-file", "commit", h.String()); (gitErr == nil) != c.gitReads {
			t.Errorf("%s: git cat-file fails: %t, want %t", c.what, gitErr != nil, !c.gitReads)
		}
	}
	mustNoErr(t, os.Chmod(name, 0o644))
	mustNoErr(t, os.WriteFile(name, good, 0o444))
	f.reopen()
	if got, err := f.repo.readLoose(plumbing.CommitObject, h); err != nil || string(got) != "abc" {
		t.Errorf("the object written again: %q, %v", got, err)
	}
}

// zlibOf is b deflated as a loose object's file holds it.
func zlibOf(b []byte) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(b)
	zw.Close()
	return z.Bytes()
}

// gitRaw runs git in the fixture's root and returns its standard output as it is.
func (f *fixture) gitRaw(args ...string) []byte {
	f.t.Helper()
	needGit(f.t)
	cmd := exec.Command("git", args...)
	cmd.Dir, cmd.Env = f.root, gitEnv(f.home, f.gitEnv...)
	out, err := cmd.Output()
	if err != nil {
		f.t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return out
}

// TestPatchRefusesOverstatedSize gives the delta reader deltas whose header claims an object far
// larger than their instructions can make: each is refused before memory is set aside for it.
func TestPatchRefusesOverstatedSize(t *testing.T) {
	varint := func(b []byte, n uint64) []byte {
		for n >= 0x80 {
			b = append(b, byte(n)|0x80)
			n >>= 7
		}
		return append(b, byte(n))
	}
	base := []byte("abc")
	r := &packReader{cache: map[packKey]packObject{}, limit: 1 << 20}
	for _, size := range []uint64{1 << 40, 1 << 33, 0x10000*2 + 1} {
		delta := append(varint(varint(nil, uint64(len(base))), size), 0x80, 0x80) // two copies of 64 KB at most
		if _, err := r.patch(base, delta); !errors.Is(err, errBadDelta) {
			t.Errorf("a delta claiming %d bytes: %v, want errBadDelta", size, err)
		}
	}
	// a delta that makes what it says still works
	delta := append(varint(varint(nil, 3), 3), 0x91, 0, 3) // copy 3 bytes from offset 0
	if got, err := r.patch(base, delta); err != nil || string(got) != "abc" {
		t.Errorf("patch = %q, %v", got, err)
	}
}

// TestReadLooseMapped reads a loose object large enough to be mapped rather than read (a blob of
// random bytes, which deflate cannot shrink), as it is and damaged: the mapping is read as the file
// is.
func TestReadLooseMapped(t *testing.T) {
	f := newFixture(t)
	big := make([]byte, 3*mappedLoose/2)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range big {
		big[i] = byte(rng.Uint32())
	}
	f.write("big.bin", string(big))
	f.git(f.root, "add", "big.bin")
	h := plumbing.NewHash(f.git(f.root, "rev-parse", ":big.bin"))
	name := filepath.Join(f.root, ".git", "objects", h.String()[:2], h.String()[2:])
	good, err := os.ReadFile(name)
	mustNoErr(t, err)
	if len(good) < mappedLoose {
		t.Fatalf("the loose object is %d bytes, too small to be mapped", len(good))
	}
	f.reopen()
	if got, err := f.repo.readLoose(plumbing.BlobObject, h); err != nil || !bytes.Equal(got, big) {
		t.Fatalf("readLoose of a mapped object: %d bytes, %v", len(got), err)
	}
	badSum := bytes.Clone(good)
	badSum[len(badSum)-1] ^= 0xff
	for what, data := range map[string][]byte{
		"garbage after the zlib stream": append(bytes.Clone(good), "junk"...),
		"a wrong checksum":              badSum,
		"cut short":                     good[:len(good)-100],
	} {
		mustNoErr(t, os.Chmod(name, 0o644))
		mustNoErr(t, os.WriteFile(name, data, 0o444))
		f.reopen()
		if _, err := f.repo.readLoose(plumbing.BlobObject, h); err == nil || !strings.Contains(err.Error(), h.String()) {
			t.Errorf("%s: %v, want an error naming %s", what, err, h)
		}
	}
}

// TestReadObjectsOfEveryCompression reads objects git wrote with each core.compression level (0
// stores, 1 and 9 deflate differently) and packed with pack.compression 0 and 9, loose and packed,
// and compares each with git cat-file: git's own zlib streams through pm's inflater.
func TestReadObjectsOfEveryCompression(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	random := make([]byte, 200_000)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	var text strings.Builder
	for i := 0; text.Len() < 300_000; i++ {
		fmt.Fprintf(&text, "| 2026-11-%02d 10:%02d | paged the on-call for incident %d |\n", i%28+1, i%60, i)
	}
	contents := map[string]string{
		"random.bin": string(random),
		"text.md":    text.String(),
		"runs.txt":   strings.Repeat("a", 70_000) + strings.Repeat("ab", 40_000) + string(random[:40_000]) + string(random[:1000]),
		"small.md":   "# small\n",
		"empty.md":   "",
	}
	for _, level := range []string{"0", "1", "9"} {
		t.Run("level "+level, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			needGit(t)
			f.git(f.root, "config", "core.compression", level)
			f.git(f.root, "config", "pack.compression", level)
			for name, data := range contents {
				f.write(name, data)
			}
			f.git(f.root, "add", "-A")
			f.git(f.root, "-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-q", "-m", "all")
			check := func(where string) {
				t.Helper()
				f.reopen()
				for name, data := range contents {
					h := plumbing.NewHash(f.git(f.root, "rev-parse", "HEAD:"+name))
					got, err := f.repo.readObject(plumbing.BlobObject, h)
					if err != nil || string(got) != data {
						t.Errorf("%s, %s: %d bytes, %v; want %d bytes", where, name, len(got), err, len(data))
					}
				}
				tree := plumbing.NewHash(f.git(f.root, "rev-parse", "HEAD^{tree}"))
				if got, err := f.repo.readObject(plumbing.TreeObject, tree); err != nil || !bytes.Equal(got, f.gitRaw("cat-file", "tree", tree.String())) {
					t.Errorf("%s, the tree: %v", where, err)
				}
			}
			check("loose")
			f.git(f.root, "repack", "-adq", "-F")
			check("packed")
		})
	}
}
