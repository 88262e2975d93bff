//go:build unix

package gitrepo

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// The tests of objects.go hold pm's object codec to go-git's object package (which pm used before;
// tests may still import it) and to git itself.

// zone is a fixed time zone east of UTC by h hours and m minutes (both negative for west).
func zone(h, m int) *time.Location { return time.FixedZone("", h*3600+m*60) }

// person is a signature at Unix time secs in zone loc.
func person(name, email string, secs int64, loc *time.Location) Signature {
	return Signature{Name: name, Email: email, When: time.Unix(secs, 0).In(loc)}
}

// encodeCase is a commit as pm may write it; parents counts the parents it has (0, 1 or 2).
type encodeCase struct {
	name    string
	parents int
	c       gitCommit
}

func encodeCases() []encodeCase {
	tree := plumbing.NewHash("4b825dc642cb6eb9a060e54bf8d69288fbee4904")
	return []encodeCase{
		{"root commit in UTC", 0, gitCommit{TreeHash: tree,
			Author: person("Ann", "ann@example.com", 1700000000, time.UTC), Committer: person("Ann", "ann@example.com", 1700000000, time.UTC),
			Message: "first\n"}},
		{"one parent, west and east zones", 1, gitCommit{TreeHash: tree,
			Author:    person("Bo Li", "bo@example.com", 1700000100, zone(-5, 0)),
			Committer: person("Cy", "cy@example.com", 1700000200, zone(9, 0)),
			Message:   "fix: retry the payment call\n"}},
		{"two parents, half and three-quarter hours", 2, gitCommit{TreeHash: tree,
			Author:    person("Dee", "dee@example.com", 1700000300, zone(5, 30)),
			Committer: person("Eve", "eve@example.com", 1700000400, zone(5, 45)),
			Message:   "Merge branch 'topic'\n"}},
		{"encoding header", 1, gitCommit{TreeHash: tree, Encoding: "ISO-8859-1",
			Author:    person("Fay", "fay@example.com", 1700000500, zone(1, 0)),
			Committer: person("Fay", "fay@example.com", 1700000500, zone(1, 0)),
			Message:   "caf\xe9 cr\xe8me\n"}},
		{"UTF-8 named as the encoding writes no header", 1, gitCommit{TreeHash: tree, Encoding: "UTF-8",
			Author:    person("Gus", "gus@example.com", 1700000600, zone(-3, -30)),
			Committer: person("Gus", "gus@example.com", 1700000600, zone(-3, -30)),
			Message:   "plain\n"}},
		{"multi-line message, west half hours", 1, gitCommit{TreeHash: tree,
			Author:    person("Hal", "hal@example.com", 1700000700, zone(-9, -30)),
			Committer: person("Hal", "hal@example.com", 1700000800, zone(-9, -30)),
			Message:   "postmortem: cache stampede\n\nImpact: 40 minutes of errors.\n\n- one\n- two\n"}},
		{"non-ASCII names and message, just west of UTC", 1, gitCommit{TreeHash: tree,
			Author:    person("山田 太郎", "taro@例え.jp", 1700000900, zone(0, -30)),
			Committer: person("José Ñúñez", "jose@example.com", 1700001000, zone(14, 0)),
			Message:   "障害報告: キャッシュの再計算 ✓\n\n詳細は本文に。\n"}},
		{"message without a final newline", 0, gitCommit{TreeHash: tree,
			Author:    person("Ivy", "ivy@example.com", 1700001100, zone(-12, 0)),
			Committer: person("Ivy", "ivy@example.com", 1700001100, zone(-12, 0)),
			Message:   "no newline"}},
		{"empty message", 0, gitCommit{TreeHash: tree,
			Author:    person("Jo", "jo@example.com", 1700001200, zone(2, 0)),
			Committer: person("Jo", "jo@example.com", 1700001200, zone(2, 0))}},
	}
}

// withParents returns c with n of the given parents.
func withParents(c gitCommit, n int, parents []plumbing.Hash) gitCommit {
	c.ParentHashes = parents[:n]
	return c
}

// goGitCommit is c as go-git's object.Commit.
func goGitCommit(c gitCommit) *object.Commit {
	sig := func(s Signature) object.Signature {
		return object.Signature{Name: s.Name, Email: s.Email, When: s.When}
	}
	return &object.Commit{TreeHash: c.TreeHash, ParentHashes: c.ParentHashes, Author: sig(c.Author), Committer: sig(c.Committer),
		Encoding: object.MessageEncoding(c.Encoding), Message: c.Message}
}

// content is the whole content of an encoded object.
func content(t testing.TB, o plumbing.EncodedObject) []byte {
	t.Helper()
	data, err := encodedBytes(o)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestCommitEncodeMatchesGoGit(t *testing.T) {
	t.Parallel()
	parents := []plumbing.Hash{plumbing.NewHash(strings.Repeat("1a", 20)), plumbing.NewHash(strings.Repeat("2b", 20))}
	for _, tc := range encodeCases() {
		c := withParents(tc.c, tc.parents, parents)
		o := &plumbing.MemoryObject{}
		if err := goGitCommit(c).Encode(o); err != nil {
			t.Fatalf("%s: go-git: %v", tc.name, err)
		}
		if got, want := c.encode(), content(t, o); !bytes.Equal(got, want) {
			t.Errorf("%s:\n--- pm:\n%s\n--- go-git:\n%s", tc.name, got, want)
		}
		// And pm reads back what it wrote.
		h := plumbing.ComputeHash(plumbing.CommitObject, c.encode())
		back, err := decodeCommit(h, c.encode())
		if err != nil {
			t.Fatalf("%s: decode: %v", tc.name, err)
		}
		c.Hash = h
		if c.Encoding == "UTF-8" {
			c.Encoding = "" // not written
		}
		if diff := commitDiff(back, &c); diff != "" {
			t.Errorf("%s: decoded back: %s", tc.name, diff)
		}
	}
}

// commitDiff describes how two decoded commits differ ("" when they do not).
func commitDiff(a, b *gitCommit) string {
	var d []string
	if a.Hash != b.Hash {
		d = append(d, fmt.Sprintf("hash %s vs %s", a.Hash, b.Hash))
	}
	if a.TreeHash != b.TreeHash {
		d = append(d, fmt.Sprintf("tree %s vs %s", a.TreeHash, b.TreeHash))
	}
	if !slices.Equal(a.ParentHashes, b.ParentHashes) {
		d = append(d, fmt.Sprintf("parents %v vs %v", a.ParentHashes, b.ParentHashes))
	}
	for _, p := range []struct {
		role string
		a, b Signature
	}{{"author", a.Author, b.Author}, {"committer", a.Committer, b.Committer}} {
		if !sameSignature(p.a, p.b) {
			d = append(d, fmt.Sprintf("%s %q <%q> %v vs %q <%q> %v", p.role, p.a.Name, p.a.Email, p.a.When, p.b.Name, p.b.Email, p.b.When))
		}
	}
	// go-git reads a commit without an encoding header as UTF-8; pm as no header.
	if enc := func(e string) string { return cmp.Or(e, "UTF-8") }; enc(a.Encoding) != enc(b.Encoding) {
		d = append(d, fmt.Sprintf("encoding %q vs %q", a.Encoding, b.Encoding))
	}
	if a.Message != b.Message {
		d = append(d, fmt.Sprintf("message %q vs %q", a.Message, b.Message))
	}
	return strings.Join(d, "; ")
}

// sameSignature: same name, email, instant and zone offset.
func sameSignature(a, b Signature) bool {
	_, ao := a.When.Zone()
	_, bo := b.When.Zone()
	return a.Name == b.Name && a.Email == b.Email && a.When.Equal(b.When) && ao == bo
}

// fromGoGit is what go-git decoded of a commit, as pm's type.
func fromGoGit(c *object.Commit) *gitCommit {
	sig := func(s object.Signature) Signature { return Signature{Name: s.Name, Email: s.Email, When: s.When} }
	return &gitCommit{Hash: c.Hash, TreeHash: c.TreeHash, ParentHashes: c.ParentHashes, Author: sig(c.Author),
		Committer: sig(c.Committer), Encoding: string(c.Encoding), Message: c.Message}
}

// gitIn runs git with input on its standard input and returns its trimmed standard output.
func (l *lab) gitIn(dir string, extra map[string]string, input []byte, args ...string) string {
	l.t.Helper()
	cmd := l.command(dir, extra, args...)
	cmd.Stdin = bytes.NewReader(input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		l.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return strings.TrimSpace(string(out))
}

// identEnv is the environment that makes git write s as the author and committer.
func identEnv(author, committer Signature) map[string]string {
	date := func(s Signature) string { return fmt.Sprintf("@%d %s", s.When.Unix(), s.When.Format("-0700")) }
	return map[string]string{
		"GIT_AUTHOR_NAME": author.Name, "GIT_AUTHOR_EMAIL": author.Email, "GIT_AUTHOR_DATE": date(author),
		"GIT_COMMITTER_NAME": committer.Name, "GIT_COMMITTER_EMAIL": committer.Email, "GIT_COMMITTER_DATE": date(committer),
	}
}

// commitTree is the commit git commit-tree makes of c (its encoding set as i18n.commitencoding).
func (l *lab) commitTree(dir string, c gitCommit) string {
	l.t.Helper()
	args := []string{"-c", "i18n.commitEncoding=" + c.Encoding, "commit-tree", c.TreeHash.String()}
	if c.Encoding == "" {
		args = args[2:]
	}
	for _, p := range c.ParentHashes {
		args = append(args, "-p", p.String())
	}
	return l.gitIn(dir, identEnv(c.Author, c.Committer), []byte(c.Message), args...)
}

// TestCommitEncodeMatchesGit has git commit-tree make each commit of encodeCases from the same
// tree, parents, people, times, encoding and message: it must name the object pm's bytes hash to.
func TestCommitEncodeMatchesGit(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	dir := l.repo("zones")
	first := plumbing.NewHash(l.head(dir))
	l.write(dir, "postmortems/b.md", "# b\n")
	l.git(dir, "add", ".")
	l.git(dir, "commit", "-q", "-m", "second")
	parents := []plumbing.Hash{plumbing.NewHash(l.head(dir)), first}
	tree := plumbing.NewHash(l.git(dir, "rev-parse", "HEAD^{tree}"))
	for _, tc := range encodeCases() {
		c := withParents(tc.c, tc.parents, parents)
		c.TreeHash = tree
		want := l.commitTree(dir, c)
		if got := plumbing.ComputeHash(plumbing.CommitObject, c.encode()).String(); got != want {
			t.Errorf("%s: pm's bytes hash to %s, git commit-tree made %s:\n--- pm:\n%s\n--- git:\n%s",
				tc.name, got, want, c.encode(), l.git(dir, "cat-file", "commit", want))
		}
	}
}

// TestCommitOnlyWritesWhatGitWrites commits with pm (CommitOnly), in zones on both sides of UTC, with
// non-ASCII names and with i18n.commitEncoding set, then has git commit-tree make the commit of the
// same tree, parent, people, times and message: git must arrive at the same object, and fsck it.
func TestCommitOnlyWritesWhatGitWrites(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	dir := l.repo("pm")
	cases := []struct {
		encoding          string
		author, committer Signature
		msg               string
	}{
		{"", person("山田 太郎", "taro@example.jp", 1700000000, zone(9, 0)), person("José Ñúñez", "jose@example.com", 1700000060, zone(-3, -30)), "障害報告\n\n本文 ✓"},
		{"", person("Ann", "ann@example.com", 1700000120, zone(5, 45)), person("Bo", "bo@example.com", 1700000180, zone(0, -30)), "one line"},
		{"ISO-8859-1", person("Cy", "cy@example.com", 1700000240, zone(-8, 0)), person("Cy", "cy@example.com", 1700000240, zone(-8, 0)), "caf\xe9\n\nline two\nline three"},
	}
	for i, tc := range cases {
		if tc.encoding != "" {
			l.config(filepath.Join(dir, ".git"), "i18n.commitEncoding", tc.encoding)
		}
		r, err := OpenWithEnv(dir, l.getenv(nil))
		mustNoErr(t, err)
		name := fmt.Sprintf("postmortems/%d.md", i)
		l.write(dir, name, fmt.Sprintf("# %d\n", i))
		parent := plumbing.NewHash(l.head(dir))
		h, err := r.CommitOnly([]string{name}, tc.msg, tc.author, tc.committer)
		if err != nil {
			t.Fatalf("case %d: CommitOnly: %v", i, err)
		}
		raw := l.git(dir, "cat-file", "commit", h)
		_, msg, _ := strings.Cut(raw, "\n\n")
		c := gitCommit{TreeHash: plumbing.NewHash(l.git(dir, "rev-parse", h+"^{tree}")), ParentHashes: []plumbing.Hash{parent},
			Author: tc.author, Committer: tc.committer, Encoding: tc.encoding, Message: msg + "\n"}
		if want := l.commitTree(dir, c); want != h {
			t.Errorf("case %d: pm wrote %s, git commit-tree made %s:\n--- pm:\n%s\n--- git:\n%s", i, h, want, raw, l.git(dir, "cat-file", "commit", want))
		}
	}
	l.git(dir, fsck(filepath.Join(dir, ".git", "objects"))...)
}

// objectZoo makes a repository whose objects are of every kind pm reads: commits of git's own
// making in zones on both sides of UTC, with non-ASCII people and an encoding header; commits with
// a gpgsig, a mergetag and an unknown multi-line header (signed by git with an SSH key where
// ssh-keygen is installed, and in OpenPGP's form through hash-object); merges, a criss-cross among
// them; annotated tags, signed or not, and a tag of a tag; trees with
// every mode (file, executable, symbolic link, submodule, folder), a folder becoming a file and
// back, a file becoming a link of the same content. It returns the repository's path.
func objectZoo(l *lab) string {
	dir := l.repo("zoo")
	at := func(secs int64, z string) map[string]string {
		d := fmt.Sprintf("@%d %s", secs, z)
		return map[string]string{"GIT_AUTHOR_NAME": "Zoë Ünal", "GIT_AUTHOR_EMAIL": "zoe@example.com", "GIT_AUTHOR_DATE": d,
			"GIT_COMMITTER_NAME": "山田 花子", "GIT_COMMITTER_EMAIL": "hanako@example.jp", "GIT_COMMITTER_DATE": d}
	}
	secs := int64(1700000000)
	commit := func(z, msg string, args ...string) {
		l.t.Helper()
		secs += 3600
		if _, err := l.run(dir, at(secs, z), append([]string{"commit", "-q", "--allow-empty", "-m", msg}, args...)...); err != nil {
			l.t.Fatalf("commit %q: %v", msg, err)
		}
	}
	mustNoErr(l.t, os.MkdirAll(filepath.Join(dir, "bin"), 0o755))
	l.write(dir, "bin/run", "#!/bin/sh\necho run\n")
	mustNoErr(l.t, os.Chmod(filepath.Join(dir, "bin/run"), 0o755))
	mustNoErr(l.t, os.Symlink("a.md", filepath.Join(dir, "postmortems/link.md")))
	l.write(dir, "docs/x/y.md", "y\n")
	l.git(dir, "add", ".")
	l.git(dir, "update-index", "--add", "--cacheinfo", "160000,"+l.head(dir)+",vendor/lib")
	commit("+0530", "every mode")
	l.git(dir, "switch", "-q", "-c", "topic")
	l.write(dir, "postmortems/topic.md", "t\n")
	l.git(dir, "add", ".")
	commit("-0930", "topic work\n\nwith a body")
	l.git(dir, "switch", "-q", "main")
	l.write(dir, "postmortems/a.md", "# a, changed\n")
	l.git(dir, "add", ".")
	commit("-0030", "main work")
	l.git(dir, "merge", "-q", "--no-ff", "--no-edit", "topic")
	// A criss-cross: each branch merges the other's tip of before.
	l.git(dir, "switch", "-q", "topic")
	l.write(dir, "postmortems/topic.md", "t2\n")
	l.git(dir, "add", ".")
	commit("+1400", "topic again")
	topicTip := l.head(dir)
	l.git(dir, "switch", "-q", "main")
	mainTip := l.head(dir)
	l.git(dir, "merge", "-q", "--no-ff", "--no-edit", topicTip)
	l.git(dir, "switch", "-q", "topic")
	l.git(dir, "merge", "-q", "--no-ff", "--no-edit", mainTip)
	l.git(dir, "switch", "-q", "main")
	l.git(dir, "merge", "-q", "--no-ff", "--no-edit", "topic")
	// A folder becomes a file, a file a link to the same bytes, an executable a plain file.
	l.git(dir, "rm", "-q", "-r", "docs/x")
	l.write(dir, "docs/x", "now a file\n")
	mustNoErr(l.t, os.Remove(filepath.Join(dir, "postmortems/link.md")))
	l.write(dir, "postmortems/link.md", "a.md")
	mustNoErr(l.t, os.Chmod(filepath.Join(dir, "bin/run"), 0o644))
	l.git(dir, "add", "-A")
	l.git(dir, "update-index", "--add", "--cacheinfo", "160000,"+mainTip+",vendor/lib")
	commit("-0800", "shapes change")
	l.git(dir, "rm", "-q", "docs/x")
	l.write(dir, "docs/x/z.md", "z\n")
	l.git(dir, "add", "-A")
	commit("+0545", "and back")
	if _, err := l.run(dir, at(secs+60, "+0100"), "-c", "i18n.commitEncoding=ISO-8859-1", "commit", "-q", "--allow-empty", "-m", "caf\xe9"); err != nil {
		l.t.Fatalf("latin-1 commit: %v", err)
	}
	l.git(dir, "tag", "-a", "-m", "release 1\n\nnotes", "v1")
	l.git(dir, "tag", "-a", "-m", "a tag of a tag", "v1-outer", "v1")
	l.git(dir, "tag", "light")
	// Signed for real where ssh-keygen is at hand (git signs with SSH keys without an agent): a
	// signed commit, a signed tag, and a signed merge of that tag, which carries it as a mergetag.
	if keygen, err := exec.LookPath("ssh-keygen"); err == nil {
		key := l.path("signing-key")
		if out, err := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-f", key).CombinedOutput(); err != nil {
			l.t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
		sign := []string{"-c", "gpg.format=ssh", "-c", "user.signingKey=" + key}
		l.git(dir, append(sign, "commit", "-q", "-S", "--allow-empty", "-m", "signed")...)
		l.git(dir, "switch", "-q", "-c", "signed-topic")
		commit("+0200", "to be tagged")
		l.git(dir, append(sign, "tag", "-s", "-m", "signed tag", "v2")...)
		l.git(dir, "switch", "-q", "main")
		l.git(dir, append(sign, "merge", "-q", "-S", "--no-ff", "--no-edit", "v2")...)
	}

	// Headers git writes for signed commits and merges of signed tags, in the form git gives them.
	tree := l.git(dir, "rev-parse", "HEAD^{tree}")
	head := l.head(dir)
	tagText := l.git(dir, "cat-file", "tag", "v1")
	sig := "-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEEexample\n=abcd\n-----END PGP SIGNATURE-----\n"
	indent := func(s string) string { return strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n ") }
	people := "author Zoë Ünal <zoe@example.com> 1700100000 +0900\ncommitter 山田 花子 <hanako@example.jp> 1700100000 -0700\n"
	signed := "tree " + tree + "\nparent " + head + "\n" + people +
		"gpgsig " + indent(sig) + "\n\nsigned commit\n"
	signedHash := l.gitIn(dir, nil, []byte(signed), "hash-object", "-t", "commit", "-w", "--stdin")
	merged := "tree " + tree + "\nparent " + signedHash + "\nparent " + topicTip + "\n" + people +
		"mergetag " + indent(tagText+"\n"+sig) + "\nx-unknown first\n second line\n" +
		"gpgsig " + indent(sig) + "\n\nMerge tag 'v1'\n\n# gpg: Signature made\n"
	mergedHash := l.gitIn(dir, nil, []byte(merged), "hash-object", "-t", "commit", "-w", "--stdin")
	l.git(dir, "update-ref", "refs/heads/main", mergedHash)
	l.git(dir, fsck(filepath.Join(dir, ".git", "objects"))...)
	return dir
}

// rawObject is one object of a repository as git cat-file --batch gives it.
type rawObject struct {
	hash plumbing.Hash
	typ  string
	data []byte
}

// allObjects is every object of the repository at dir.
func allObjects(l *lab, dir string) []rawObject {
	l.t.Helper()
	cmd := l.command(dir, nil, "cat-file", "--batch-all-objects", "--batch")
	out, err := cmd.Output()
	mustNoErr(l.t, err)
	br := bufio.NewReader(bytes.NewReader(out))
	var objs []rawObject
	for {
		line, err := br.ReadString('\n')
		if err == io.EOF {
			return objs
		}
		mustNoErr(l.t, err)
		f := strings.Fields(line)
		size, err := strconv.Atoi(f[2])
		mustNoErr(l.t, err)
		data := make([]byte, size+1)
		_, err = io.ReadFull(br, data)
		mustNoErr(l.t, err)
		objs = append(objs, rawObject{plumbing.NewHash(f[0]), f[1], data[:size]})
	}
}

// TestDecodersMatchGoGit decodes every commit, tree and tag of objectZoo with pm and with go-git's
// object package: the fields pm uses must agree.
func TestDecodersMatchGoGit(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	dir := objectZoo(l)
	seen := map[string]int{}
	modes := map[string]bool{}
	for _, o := range allObjects(l, dir) {
		seen[o.typ]++
		mo := &plumbing.MemoryObject{}
		mo.SetType(map[string]plumbing.ObjectType{"commit": plumbing.CommitObject, "tree": plumbing.TreeObject,
			"tag": plumbing.TagObject, "blob": plumbing.BlobObject}[o.typ])
		_, err := mo.Write(o.data)
		mustNoErr(t, err)
		switch o.typ {
		case "commit":
			gc := &object.Commit{}
			mustNoErr(t, gc.Decode(mo))
			pc, err := decodeCommit(o.hash, o.data)
			mustNoErr(t, err)
			want := fromGoGit(gc)
			want.Author.When = westOfUTC(want.Author.When, pc.Author.When)
			want.Committer.When = westOfUTC(want.Committer.When, pc.Committer.When)
			if d := commitDiff(pc, want); d != "" {
				t.Errorf("commit %s: pm vs go-git: %s", o.hash, d)
			}
			// And the times as git itself reads them, zones included.
			gitTimes := l.git(dir, "show", "-s", "--format=%ad %cd", "--date=format:%s%z", o.hash.String())
			pmTimes := fmt.Sprintf("%d%s %d%s", pc.Author.When.Unix(), pc.Author.When.Format("-0700"), pc.Committer.When.Unix(), pc.Committer.When.Format("-0700"))
			if gitTimes != pmTimes {
				t.Errorf("commit %s: pm reads the times as %s, git as %s", o.hash, pmTimes, gitTimes)
			}
			if strings.Contains(string(o.data), "\ngpgsig ") {
				seen["gpgsig"]++
			}
			if strings.Contains(string(o.data), "\ngpgsig -----BEGIN SSH SIGNATURE") {
				seen["signed by git"]++
			}
			if strings.Contains(string(o.data), "\nmergetag ") {
				seen["mergetag"]++
			}
		case "tree":
			gt := &object.Tree{}
			mustNoErr(t, gt.Decode(mo))
			pt, err := decodeTree(o.hash, o.data)
			mustNoErr(t, err)
			var want []treeItem
			for _, e := range gt.Entries {
				want = append(want, treeItem{Name: e.Name, Mode: e.Mode, Hash: e.Hash})
				modes[e.Mode.String()] = true
			}
			if !slices.Equal(pt, want) {
				t.Errorf("tree %s: pm %v, go-git %v", o.hash, pt, want)
			}
			if data, err := encodeTree(pt); err != nil || !bytes.Equal(data, o.data) {
				t.Errorf("tree %s encoded again: %v\n%q\nwant %q", o.hash, err, data, o.data)
			}
		case "tag":
			gt := &object.Tag{}
			mustNoErr(t, gt.Decode(mo))
			target, err := decodeTagTarget(o.hash, o.data)
			mustNoErr(t, err)
			if target != gt.Target {
				t.Errorf("tag %s: pm's target %s, go-git's %s", o.hash, target, gt.Target)
			}
		}
	}
	kinds := []string{"commit", "tree", "tag", "gpgsig", "mergetag"}
	if _, err := exec.LookPath("ssh-keygen"); err == nil {
		kinds = append(kinds, "signed by git")
	}
	for _, kind := range kinds {
		if seen[kind] == 0 {
			t.Errorf("the zoo has no %s", kind)
		}
	}
	for _, m := range []string{"0100644", "0100755", "0120000", "0160000", "0040000"} {
		if !modes[m] {
			t.Errorf("no tree holds an entry of mode %s (modes: %v)", m, modes)
		}
	}
}

// goGitStorage opens the repository at dir with go-git's storage alone, for the reference walks.
func goGitStorage(dir string) *filesystem.Storage {
	return filesystem.NewStorage(osfs.New(filepath.Join(dir, ".git")), cache.NewObjectLRUDefault())
}

// TestWalksMatchGoGit compares, on objectZoo, the commit walk behind CommitCount with go-git's
// preorder iterator (same commits, same order) and the files HeadCommit lists for each commit with
// go-git's DiffTree against its first parent; and revisions naming tags peel to git's commits.
func TestWalksMatchGoGit(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	dir := objectZoo(l)
	r, err := OpenWithEnv(dir, l.getenv(nil))
	mustNoErr(t, err)
	st := goGitStorage(dir)
	head := plumbing.NewHash(l.head(dir))
	start, err := object.GetCommit(st, head)
	mustNoErr(t, err)
	var want []plumbing.Hash
	mustNoErr(t, object.NewCommitPreorderIter(start, nil, nil).ForEach(func(c *object.Commit) error {
		want = append(want, c.Hash)
		return nil
	}))
	var got []plumbing.Hash
	mustNoErr(t, r.commitLog(head, func(c *gitCommit) error { got = append(got, c.Hash); return nil }))
	if !slices.Equal(got, want) {
		t.Errorf("walk order:\npm     %v\ngo-git %v", got, want)
	}
	if n, err := r.CommitCount(); err != nil || n != len(want) {
		t.Errorf("CommitCount = %d, %v; want %d", n, err, len(want))
	}
	if rl := strings.Fields(l.git(dir, "rev-list", "HEAD")); len(rl) != len(want) {
		t.Errorf("git rev-list lists %d commits, the walk %d", len(rl), len(want))
	}
	diffs := 0
	for _, h := range want {
		c, err := object.GetCommit(st, h)
		mustNoErr(t, err)
		tree, err := c.Tree()
		mustNoErr(t, err)
		var parentTree *object.Tree
		var base plumbing.Hash
		if c.NumParents() > 0 {
			p, err := c.Parent(0)
			mustNoErr(t, err)
			parentTree, err = p.Tree()
			mustNoErr(t, err)
			base = p.TreeHash
		}
		wantFiles := goGitDiff(t, parentTree, tree)
		gotFiles, err := r.changedFiles(base, c.TreeHash, "", nil)
		mustNoErr(t, err)
		slices.Sort(gotFiles)
		if !slices.Equal(gotFiles, wantFiles) {
			t.Errorf("files of %s (%q):\npm     %q\ngo-git %q", h, strings.SplitN(c.Message, "\n", 2)[0], gotFiles, wantFiles)
		}
		diffs += len(wantFiles)
	}
	if diffs == 0 {
		t.Error("no commit of the zoo changed a file")
	}
	info, err := r.HeadCommit()
	mustNoErr(t, err)
	if info.Hash != head.String() || info.Parents != 2 || info.Message != "Merge tag 'v1'\n\n# gpg: Signature made\n" ||
		info.Author.Name != "Zoë Ünal" || info.Committer.Email != "hanako@example.jp" {
		t.Errorf("HeadCommit = %+v", info)
	}
	for _, rev := range []string{"v1", "v1-outer", "light", "v1-outer~2", "v1^{/topic again}"} {
		got, err := r.ResolveCommit(rev)
		if want := l.git(dir, "rev-parse", rev+"^{commit}"); err != nil || got != want {
			t.Errorf("ResolveCommit(%q) = %s, %v; git: %s", rev, got, err, want)
		}
	}
}

// goGitDiff is the sorted paths go-git's DiffTree reports between two trees, as HeadCommit read them.
func goGitDiff(t *testing.T, a, b *object.Tree) []string {
	t.Helper()
	changes, err := object.DiffTree(a, b)
	mustNoErr(t, err)
	var names []string
	for _, ch := range changes {
		names = append(names, cmp.Or(ch.To.Name, ch.From.Name))
	}
	slices.Sort(names)
	return names
}

// TestChangedFilesShapes compares changedFiles with go-git's DiffTree and git diff-tree on pairs of trees written
// with pm's tree encoder: a file replaced by a folder and back, mode changes, a link with a file's
// content, submodules, empty folders, deep additions and removals.
func TestChangedFilesShapes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	blob := func(s string) plumbing.Hash {
		h, err := f.repo.writeBlob([]byte(s))
		mustNoErr(t, err)
		return h
	}
	var tree func(entries ...any) plumbing.Hash
	// tree takes name, mode, hash triples; a hash of zero with mode Dir is the empty tree.
	tree = func(entries ...any) plumbing.Hash {
		var items []treeItem
		for i := 0; i < len(entries); i += 3 {
			items = append(items, treeItem{Name: entries[i].(string), Mode: entries[i+1].(filemode.FileMode), Hash: entries[i+2].(plumbing.Hash)})
		}
		slices.SortFunc(items, func(a, b treeItem) int {
			if treeLess(a, b) {
				return -1
			}
			return 1
		})
		data, err := encodeTree(items)
		mustNoErr(t, err)
		h, err := f.repo.writeObject(plumbing.TreeObject, data)
		mustNoErr(t, err)
		return h
	}
	a, b := blob("a\n"), blob("b\n")
	sub := plumbing.NewHash(strings.Repeat("5c", 20))
	empty := tree()
	inner := tree("x.md", filemode.Regular, a, "y.md", filemode.Regular, b)
	deep := tree("d", filemode.Dir, tree("e", filemode.Dir, inner))
	trees := []plumbing.Hash{
		plumbing.ZeroHash,
		empty,
		tree("a", filemode.Regular, a, "a.b", filemode.Regular, b, "sub", filemode.Submodule, sub),
		tree("a", filemode.Dir, inner, "a.b", filemode.Regular, b, "sub", filemode.Submodule, plumbing.NewHash(strings.Repeat("6d", 20))),
		tree("a", filemode.Executable, a, "a.b", filemode.Symlink, b, "e", filemode.Dir, empty),
		tree("a", filemode.Symlink, a, "a.b", filemode.Dir, deep, "sub", filemode.Regular, sub),
		tree("a", filemode.Dir, deep, "z", filemode.Dir, inner),
		tree("z", filemode.Dir, tree("x.md", filemode.Regular, a, "y.md", filemode.Executable, b)),
	}
	st := goGitStorage(f.root)
	goTree := func(h plumbing.Hash) *object.Tree {
		if h.IsZero() {
			return nil
		}
		t0, err := object.GetTree(st, h)
		mustNoErr(t, err)
		return t0
	}
	for i, x := range trees {
		for j, y := range trees {
			want := goGitDiff(t, goTree(x), goTree(y))
			got, err := f.repo.changedFiles(x, y, "", nil)
			mustNoErr(t, err)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("trees %d → %d:\npm     %q\ngo-git %q", i, j, got, want)
			}
			// and git itself, which names the zero tree by the empty tree's hash
			name := func(h plumbing.Hash) string {
				if h.IsZero() {
					return "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
				}
				return h.String()
			}
			gitFiles := strings.Fields(f.git(f.root, "diff-tree", "-r", "--no-renames", "--name-only", name(x), name(y)))
			slices.Sort(gitFiles)
			if !slices.Equal(got, gitFiles) && !(len(got) == 0 && len(gitFiles) == 0) {
				t.Errorf("trees %d → %d:\npm  %q\ngit %q", i, j, got, gitFiles)
			}
		}
	}
}

// TestMalformedObjects feeds the decoders damaged objects: each gives an error that names the
// object, none panics.
func TestMalformedObjects(t *testing.T) {
	t.Parallel()
	h := plumbing.NewHash(strings.Repeat("ab", 20))
	tree := "tree " + strings.Repeat("0", 40) + "\n"
	commits := []string{
		"",
		"\n",
		"parent " + strings.Repeat("1", 40) + "\n" + tree,
		"tree 123\n",
		"tree " + strings.Repeat("g", 40) + "\n",
		tree + "parent nothex\n",
		"tree\n",
	}
	for _, c := range commits {
		_, err := decodeCommit(h, []byte(c))
		if err == nil || !strings.Contains(err.Error(), h.String()) {
			t.Errorf("decodeCommit(%q) = %v, want an error naming %s", c, err, h)
		}
	}
	entry := "100644 a.md\x00" + strings.Repeat("\x01", 20)
	trees := []string{
		"100644",
		"100644 a.md",
		"100644 a.md\x00short",
		" a.md\x00" + strings.Repeat("\x01", 20),
		"100644 \x00" + strings.Repeat("\x01", 20),
		"10064x a.md\x00" + strings.Repeat("\x01", 20),
		entry + "100644 b.md",
	}
	for _, d := range trees {
		_, err := decodeTree(h, []byte(d))
		if err == nil || !strings.Contains(err.Error(), h.String()) {
			t.Errorf("decodeTree(%q) = %v, want an error naming %s", d, err, h)
		}
	}
	obj := "object " + strings.Repeat("1", 40) + "\n"
	tags := []string{
		"",
		"type commit\n",
		"object 12\n",
		obj,
		obj + "\n",
		obj + "tag v1\n",
		obj + "type nothing\n",
		obj + "type commit\ntagger x\n",
	}
	for _, d := range tags {
		_, err := decodeTagTarget(h, []byte(d))
		if err == nil || !strings.Contains(err.Error(), h.String()) {
			t.Errorf("decodeTagTarget(%q) = %v, want an error naming %s", d, err, h)
		}
	}
}

// TestMalformedObjectsInARepository points HEAD at a damaged commit, then at a commit of a damaged
// tree: what reads them fails with an error naming the object.
func TestMalformedObjectsInARepository(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	dir := l.repo("damaged")
	bad := l.gitIn(dir, nil, []byte("parent 0000\nnot a commit\n"), "hash-object", "--literally", "-t", "commit", "-w", "--stdin")
	setRef := func(h string) { // update-ref refuses a damaged commit
		mustNoErr(t, os.WriteFile(filepath.Join(dir, ".git", "refs", "heads", "main"), []byte(h+"\n"), 0o644))
	}
	setRef(bad)
	r, err := OpenWithEnv(dir, l.getenv(nil))
	mustNoErr(t, err)
	if _, err := r.HeadCommit(); err == nil || !strings.Contains(err.Error(), "commit "+bad+": malformed commit") {
		t.Errorf("HeadCommit on a damaged commit: %v", err)
	}
	if _, err := r.CommitCount(); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("CommitCount on a damaged commit: %v", err)
	}
	if err := r.WalkChanges("", func(Change) error { return nil }); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("WalkChanges on a damaged commit: %v", err)
	}
	badTree := l.gitIn(dir, nil, []byte("100644 a.md\x00short"), "hash-object", "--literally", "-t", "tree", "-w", "--stdin")
	c := l.gitIn(dir, nil, []byte("tree "+badTree+"\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nm\n"),
		"hash-object", "--literally", "-t", "commit", "-w", "--stdin")
	setRef(c)
	if _, err := r.HeadCommit(); err == nil || !strings.Contains(err.Error(), "tree "+badTree) {
		t.Errorf("HeadCommit on a damaged tree: %v", err)
	}
	if _, _, err := r.FileAt("HEAD", "a.md"); err == nil || !strings.Contains(err.Error(), "tree "+badTree) {
		t.Errorf("FileAt in a damaged tree: %v", err)
	}
}

// FuzzDecodeCommit holds decodeCommit to go-git's Commit.Decode on any bytes: both fail or neither
// does, and then they agree on every field pm reads. They differ, by design, in one place: a zone
// whose hours are "-00" with minutes ("-0030") is west of UTC, as git reads it; go-git put it east.
func FuzzDecodeCommit(f *testing.F) {
	parents := []plumbing.Hash{plumbing.NewHash(strings.Repeat("1a", 20)), plumbing.NewHash(strings.Repeat("2b", 20))}
	for _, tc := range encodeCases() {
		c := withParents(tc.c, tc.parents, parents)
		f.Add(c.encode())
	}
	tree := "tree " + strings.Repeat("0", 40) + "\n"
	for _, s := range []string{
		tree + "author A <a@x> 1 -0030\ncommitter <> x\n\nm",
		tree + "committer C <c@x> 5 +0100\nauthor A <a@x> 1 +0000\n\nm\n",
		tree + "parent " + strings.Repeat("1", 40) + "\nauthor A\ncommitter >B< 2\nencoding a\nencoding b\n\n",
		tree + "gpgsig -----BEGIN\n \n line\nencoding x\n continued\n\nmsg\n",
		tree + "mergetag object x\n type commit\nparent " + strings.Repeat("2", 40) + "\n\n",
		tree + "author A <a@x> 99999999999999999999 +0900\n",
		tree + "author A <a@x>  +0900\ncommitter A <a@x> 7 +09\n",
		tree,
		"tree " + strings.Repeat("0", 40),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		h := plumbing.ComputeHash(plumbing.CommitObject, data)
		mo := &plumbing.MemoryObject{}
		mo.SetType(plumbing.CommitObject)
		if _, err := mo.Write(data); err != nil {
			t.Fatal(err)
		}
		gc := &object.Commit{}
		gerr := gc.Decode(mo)
		pc, perr := decodeCommit(h, data)
		if (gerr == nil) != (perr == nil) {
			t.Fatalf("go-git: %v; pm: %v", gerr, perr)
		}
		if perr != nil {
			if !strings.Contains(perr.Error(), h.String()) {
				t.Fatalf("error %q does not name the commit", perr)
			}
			return
		}
		want := fromGoGit(gc)
		want.Author.When = westOfUTC(want.Author.When, pc.Author.When)
		want.Committer.When = westOfUTC(want.Committer.When, pc.Committer.When)
		if d := commitDiff(pc, want); d != "" {
			t.Fatalf("pm vs go-git: %s", d)
		}
	})
}

// westOfUTC is go-git's time g moved to pm's zone p when they differ only as a "-00MM" zone does:
// the same instant, with offsets of opposite signs under 100 minutes.
func westOfUTC(g, p time.Time) time.Time {
	_, gOff := g.Zone()
	_, pOff := p.Zone()
	if g.Equal(p) && pOff == -gOff && gOff != 0 && gOff > -6000 && gOff < 6000 {
		return p
	}
	return g
}

// TestParseIdentZones reads the zones git writes, with "-00MM" as git reads it.
func TestParseIdentZones(t *testing.T) {
	t.Parallel()
	for zoneText, want := range map[string]int{"+0000": 0, "-0000": 0, "+0900": 9 * 3600, "-0500": -5 * 3600,
		"+0530": 5*3600 + 1800, "+0545": 5*3600 + 45*60, "-0930": -(9*3600 + 1800), "-0030": -1800, "+0030": 1800, "+1400": 14 * 3600} {
		s := parseIdent([]byte("A B <a@b> 1700000000 " + zoneText))
		if _, off := s.When.Zone(); off != want || s.When.Unix() != 1700000000 || s.Name != "A B" || s.Email != "a@b" {
			t.Errorf("%s: %q <%q> %v (offset %d), want offset %d", zoneText, s.Name, s.Email, s.When, off, want)
		}
		if got := identLine(s); got != "A B <a@b> 1700000000 "+strings.Replace(zoneText, "-0000", "+0000", 1) {
			t.Errorf("%s written back as %q", zoneText, got)
		}
	}
}

// FuzzDecodeTree holds decodeTree to go-git's Tree.Decode on any bytes: both fail or neither does,
// and then they read the same entries, and what pm's encoder writes of them reads back the same.
// One difference is by design: a mode above 2^31 (no mode git writes) is damage to pm, where
// go-git took it for a submodule.
func FuzzDecodeTree(f *testing.F) {
	hash := strings.Repeat("\x01", 20)
	for _, s := range []string{
		"",
		"100644 a.md\x00" + hash + "40000 b\x00" + hash,
		"100664 old\x00" + hash + "120000 l\x00" + hash + "160000 m\x00" + hash,
		"0100755 x y\x00" + hash,
		"37777777777 big\x00" + hash,
		"100644 a.md\x00short",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		h := plumbing.ComputeHash(plumbing.TreeObject, data)
		mo := &plumbing.MemoryObject{}
		mo.SetType(plumbing.TreeObject)
		if _, err := mo.Write(data); err != nil {
			t.Fatal(err)
		}
		gt := &object.Tree{}
		gerr := gt.Decode(mo)
		pt, perr := decodeTree(h, data)
		if perr != nil && !strings.Contains(perr.Error(), h.String()) {
			t.Fatalf("error %q does not name the tree", perr)
		}
		if gerr == nil && perr != nil && hugeMode(data) {
			return
		}
		if (gerr == nil) != (perr == nil) {
			t.Fatalf("go-git: %v; pm: %v", gerr, perr)
		}
		if perr != nil {
			return
		}
		var want []treeItem
		for _, e := range gt.Entries {
			want = append(want, treeItem{Name: e.Name, Mode: e.Mode, Hash: e.Hash})
		}
		if !slices.Equal(pt, want) {
			t.Fatalf("pm %v, go-git %v", pt, want)
		}
		if again, err := encodeTree(pt); err == nil {
			back, err := decodeTree(h, again)
			if err != nil || !slices.Equal(back, pt) {
				t.Fatalf("encoded as %q, read back as %v, %v", again, back, err)
			}
		}
	})
}

// hugeMode reports whether, reading data's entries as go-git did, one has a mode above 2^31.
func hugeMode(data []byte) bool {
	for len(data) > 0 {
		mode, rest, ok := bytes.Cut(data, []byte{' '})
		if !ok {
			return false
		}
		if n, err := strconv.ParseUint(string(mode), 8, 32); err == nil && n > 1<<31 {
			return true
		}
		_, rest, ok = bytes.Cut(rest, []byte{0})
		if !ok || len(rest) < 20 {
			return false
		}
		data = rest[20:]
	}
	return false
}

// i18n.commitEncoding set to nothing is no UTF-8 to git (is_encoding_utf8 wants "utf" and "8"): git
// writes an encoding header with an empty value, and stores the message's bytes as they are (it
// checks UTF-8 only for a UTF-8 commit). pm's commit must be the same object.
func TestCommitOnlyEmptyCommitEncoding(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	dir := l.repo("pm")
	appendFile(t, filepath.Join(dir, ".git", "config"), "[i18n]\n\tcommitEncoding =\n")
	r, err := OpenWithEnv(dir, l.getenv(nil))
	mustNoErr(t, err)
	l.write(dir, "postmortems/b.md", "# b\n")
	parent := plumbing.NewHash(l.head(dir))
	author := person("Ann", "ann@example.com", 1700000000, zone(9, 0))
	h, err := r.CommitOnly([]string{"postmortems/b.md"}, "caf\xe9", author, author)
	mustNoErr(t, err)
	raw := l.git(dir, "cat-file", "commit", h)
	tree := l.git(dir, "rev-parse", h+"^{tree}")
	want := l.gitIn(dir, identEnv(author, author), []byte("caf\xe9\n"), "commit-tree", tree, "-p", parent.String())
	if want != h {
		t.Errorf("pm wrote %s, git commit-tree made %s:\n--- pm:\n%s\n--- git:\n%s", h, want, raw, l.git(dir, "cat-file", "commit", want))
	}
	if !strings.Contains(raw, "\nencoding \n") {
		t.Errorf("no empty encoding header:\n%s", raw)
	}
}
