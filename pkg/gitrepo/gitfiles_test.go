package gitrepo

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// What git leaves in a repository's files, read as git reads them, for checks that would
// otherwise start a git process each: where a test reads them, git itself has judged the
// repository sound (git fsck, or git status on the same index), or the test compares two
// repositories' files.

var (
	hexName   = regexp.MustCompile(`^[0-9a-f]{40}$`)
	reflogRow = regexp.MustCompile(`^([0-9a-f]{40}) ([0-9a-f]{40}) [^<>\n]*<[^<>\n]*> [0-9]+ [+-][0-9]{4}(?:\t(.*))?$`)
)

// readRefs lists the refs of a git directory, "object name<TAB>ref name" sorted by name, as git
// reads them: the loose files under refs/ (a symbolic ref followed), then packed-refs for the
// others. Anything git would not read as a ref fails the test.
func readRefs(t *testing.T, gitDir string) string {
	t.Helper()
	refs := map[string]string{}
	if data, err := os.ReadFile(filepath.Join(gitDir, "packed-refs")); err == nil {
		for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			if strings.HasPrefix(l, "# pack-refs with:") || strings.HasPrefix(l, "^") && hexName.MatchString(l[1:]) {
				continue
			}
			oid, name, ok := strings.Cut(l, " ")
			if !ok || !hexName.MatchString(oid) || !strings.HasPrefix(name, "refs/") {
				t.Fatalf("%s/packed-refs: line %q", gitDir, l)
			}
			refs[name] = oid
		}
	} else if !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var resolve func(name string, depth int) string
	resolve = func(name string, depth int) string {
		data, err := os.ReadFile(filepath.Join(gitDir, filepath.FromSlash(name)))
		if os.IsNotExist(err) && refs[name] != "" {
			return refs[name]
		}
		mustNoErr(t, err)
		v, ok := strings.CutSuffix(string(data), "\n")
		switch {
		case ok && hexName.MatchString(v):
			return v
		case ok && strings.HasPrefix(v, "ref: refs/") && depth < 5:
			return resolve(strings.TrimPrefix(v, "ref: "), depth+1)
		}
		t.Fatalf("%s/%s: %q is not a ref", gitDir, name, data)
		return ""
	}
	err := filepath.WalkDir(filepath.Join(gitDir, "refs"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(gitDir, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		refs[name] = resolve(name, 0)
		return nil
	})
	mustNoErr(t, err)
	var out []string
	for name, oid := range refs {
		out = append(out, oid+"\t"+name)
	}
	sort.Slice(out, func(i, j int) bool { return strings.SplitN(out[i], "\t", 2)[1] < strings.SplitN(out[j], "\t", 2)[1] })
	return strings.Join(out, "\n")
}

// readReflog lists HEAD's reflog in a git directory, newest first, as "new object name message"
// lines: what git reflog --format='%H %gs' prints. A line git would not read fails the test.
func readReflog(t *testing.T, gitDir string) string {
	t.Helper()
	return readLog(t, filepath.Join(gitDir, "logs", "HEAD"))
}

// readLog lists a reflog file as readReflog does.
func readLog(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return ""
	}
	mustNoErr(t, err)
	var out []string
	for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		m := reflogRow.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("%s: line %q", file, l)
		}
		out = append([]string{m[2] + " " + m[3]}, out...)
	}
	return strings.Join(out, "\n")
}

// commonDir is the common directory of the git directory gitDir: itself, or where its commondir
// file points (a linked worktree's).
func commonDir(t *testing.T, gitDir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(gitDir, "commondir"))
	if os.IsNotExist(err) {
		return gitDir
	}
	mustNoErr(t, err)
	dir := strings.TrimSuffix(string(data), "\n")
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(gitDir, dir)
	}
	return dir
}

// refHash is the object name ref (HEAD, or a full ref name) resolves to in the repository whose
// git directory is gitDir: HEAD read there, other refs in the common directory (loose, then
// packed), symbolic refs followed. A ref git would not read fails the test.
func refHash(t *testing.T, gitDir, ref string) string {
	t.Helper()
	for depth := 0; depth < 5; depth++ {
		dir := gitDir
		if ref != "HEAD" {
			dir = commonDir(t, gitDir)
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(ref)))
		if os.IsNotExist(err) && ref != "HEAD" {
			for _, l := range strings.Split(readRefs(t, dir), "\n") {
				if oid, name, _ := strings.Cut(l, "\t"); name == ref {
					return oid
				}
			}
			t.Fatalf("%s: no ref %s", gitDir, ref)
		}
		mustNoErr(t, err)
		v, ok := strings.CutSuffix(string(data), "\n")
		if ok && hexName.MatchString(v) {
			return v
		}
		if next, isSym := strings.CutPrefix(v, "ref: "); ok && isSym && strings.HasPrefix(next, "refs/") {
			ref = next
			continue
		}
		t.Fatalf("%s/%s: %q is not a ref", dir, ref, data)
	}
	t.Fatalf("%s: symbolic refs nested too deep", gitDir)
	return ""
}

// looseObject is the kind and body of a loose object in the object folder objects, as git
// cat-file prints them.
func looseObject(t *testing.T, objects, name string) (kind, body string) {
	t.Helper()
	f, err := os.Open(filepath.Join(objects, name[:2], name[2:]))
	mustNoErr(t, err)
	defer f.Close()
	z, err := zlib.NewReader(f)
	mustNoErr(t, err)
	data, err := io.ReadAll(z)
	mustNoErr(t, err)
	header, rest, ok := bytes.Cut(data, []byte{0})
	kind, size, _ := strings.Cut(string(header), " ")
	if !ok || size != strconv.Itoa(len(rest)) {
		t.Fatalf("object %s: header %q", name, header)
	}
	return kind, string(rest)
}

// headCommitOf is the commit HEAD names in the repository whose git directory is gitDir (a loose
// object, as a commit just made leaves it), as git cat-file commit HEAD prints it.
func headCommitOf(t *testing.T, gitDir string) string {
	t.Helper()
	kind, body := looseObject(t, filepath.Join(commonDir(t, gitDir), "objects"), refHash(t, gitDir, "HEAD"))
	if kind != "commit" {
		t.Fatalf("%s: HEAD names a %s", gitDir, kind)
	}
	return body
}

// header is the value of a commit's header line key (author, committer, tree, ...), the first.
func header(commit, key string) string {
	for _, l := range strings.Split(commit, "\n") {
		if l == "" {
			break
		}
		if v, ok := strings.CutPrefix(l, key+" "); ok {
			return v
		}
	}
	return ""
}

// readIndex lists the entries of the index in a git directory as git ls-files -s -v shows them
// ("tag mode object stage<TAB>path", the tag lower case for assume-unchanged), with the
// intent-to-add flag, which ls-files does not show, besides. A file git would not read as an
// index fails the test.
func readIndex(t *testing.T, gitDir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(gitDir, "index"))
	if os.IsNotExist(err) {
		return ""
	}
	mustNoErr(t, err)
	entries, err := indexEntries(data)
	if err != nil {
		t.Fatalf("%s/index: %v", gitDir, err)
	}
	var out []string
	for _, e := range entries {
		stage := e.flags() >> 12 & 3
		tag := "H"
		switch {
		case e.extFlags&0x4000 != 0:
			tag = "S"
		case stage != 0:
			tag = "M"
		}
		if e.flags()&0x8000 != 0 {
			tag = strings.ToLower(tag)
		}
		l := fmt.Sprintf("%s %06o %x %d\t%s", tag, binary.BigEndian.Uint32(e.fixed[24:28]), e.fixed[40:60], stage, e.path)
		if e.extFlags&0x2000 != 0 {
			l += " (intent to add)"
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// indexLine is the line of readIndex for path in the repository at root (its .git a folder).
func indexLine(t *testing.T, root, path string) string {
	t.Helper()
	for _, l := range strings.Split(readIndex(t, filepath.Join(root, ".git")), "\n") {
		if strings.HasSuffix(l, "\t"+path) {
			return l
		}
	}
	return ""
}

// stagedBlob is the content the index of the repository at root (its .git a folder) holds for
// path, as git show :path prints it: a loose object, as git add leaves it.
func stagedBlob(t *testing.T, root, path string) string {
	t.Helper()
	_, oid, _ := strings.Cut(strings.TrimPrefix(indexLine(t, root, path), "H "), " ")
	oid, _, _ = strings.Cut(oid, " ")
	kind, body := looseObject(t, filepath.Join(root, ".git", "objects"), oid)
	if kind != "blob" {
		t.Fatalf("%s: index entry %q names a %s", root, path, kind)
	}
	return body
}
