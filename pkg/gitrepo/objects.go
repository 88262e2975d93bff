package gitrepo

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// pm encodes and decodes git's commit, tree and tag objects itself. go-git's object package did it
// before, and with it linked an OpenPGP implementation (for signature checks pm never makes) and
// the packages under it, whose initialisers every pm process ran. The objects are still read and
// written through go-git's storage; only their bytes are made and read here.

// Errors of objects pm cannot read; the messages name the object.
var (
	errBadCommit = errors.New("malformed commit")
	errBadTag    = errors.New("malformed tag")
)

// gitCommit is what pm reads of a commit object, and all it writes in one.
type gitCommit struct {
	Hash         plumbing.Hash // of the object; zero for one not written yet
	TreeHash     plumbing.Hash
	ParentHashes []plumbing.Hash
	Author       Signature
	Committer    Signature
	Encoding     string // the encoding header's value; "" when there is none (UTF-8)
	// EmptyEncoding is an encoding header with no value, which git writes when i18n.commitEncoding
	// is set to nothing (no UTF-8 to is_encoding_utf8).
	EmptyEncoding bool
	Message       string // as stored: everything after the blank line that ends the headers
}

// encode returns the commit object's content: tree, parents, author, committer, the encoding
// header when it is not UTF-8 (or empty, EmptyEncoding), a blank line and the message as it is. These
// are the bytes go-git's Commit.Encode wrote for the commits pm makes (which carry no signature,
// mergetag or other header), but for the empty encoding header, which go-git leaves out and git writes.
func (c *gitCommit) encode() []byte {
	var b bytes.Buffer
	b.WriteString("tree " + c.TreeHash.String() + "\n")
	for _, p := range c.ParentHashes {
		b.WriteString("parent " + p.String() + "\n")
	}
	b.WriteString("author " + identLine(c.Author) + "\ncommitter " + identLine(c.Committer))
	if c.Encoding != "" && c.Encoding != "UTF-8" || c.Encoding == "" && c.EmptyEncoding {
		b.WriteString("\nencoding " + c.Encoding)
	}
	b.WriteString("\n\n" + c.Message)
	return b.Bytes()
}

// decodeCommit reads the content of commit h as go-git's Commit.Decode did (which follows git's
// parse_commit_buffer): the tree header must come first and name a hash; the parents are the
// parent headers right after it; author and committer count only in their places after those (one
// elsewhere is ignored, as are a second tree and later parents); the first encoding header counts;
// every other header and its continuation lines (gpgsig, mergetag, ...) are skipped, pm reads none
// of them; the message is everything after the first empty line. A header block that ends without
// an empty line leaves the message empty.
func decodeCommit(h plumbing.Hash, data []byte) (*gitCommit, error) {
	c := &gitCommit{Hash: h}
	line, rest := cutLine(data)
	key, val := splitHeader(line)
	switch {
	case len(line) == 0 || isBlank(line):
		return nil, fmt.Errorf("commit %s: %w: no tree header", h, errBadCommit)
	case key != "tree":
		return nil, fmt.Errorf("commit %s: %w: it does not start with its tree", h, errBadCommit)
	case !plumbing.IsHash(string(val)):
		return nil, fmt.Errorf("commit %s: %w: bad tree hash %q", h, errBadCommit, val)
	}
	c.TreeHash = plumbing.NewHash(string(val))
	line, rest = cutLine(rest)
	for key, val = splitHeader(line); key == "parent"; key, val = splitHeader(line) {
		if !plumbing.IsHash(string(val)) {
			return nil, fmt.Errorf("commit %s: %w: bad parent hash %q", h, errBadCommit, val)
		}
		c.ParentHashes = append(c.ParentHashes, plumbing.NewHash(string(val)))
		line, rest = cutLine(rest)
	}
	if key == "author" {
		c.Author = parseIdent(val)
		line, rest = cutLine(rest)
		key, val = splitHeader(line)
	}
	if key == "committer" {
		c.Committer = parseIdent(val)
		line, rest = cutLine(rest)
		key, val = splitHeader(line)
	}
	sawEncoding := false
	for len(line) > 0 {
		if isBlank(line) {
			c.Message = string(rest)
			break
		}
		if key == "encoding" && !sawEncoding {
			c.Encoding, c.EmptyEncoding, sawEncoding = string(val), len(val) == 0, true
		}
		// The header's continuation lines start with a space. go-git read some of them as headers
		// of their own, with an empty name: nothing pm reads either way.
		for line, rest = cutLine(rest); len(line) > 0 && line[0] == ' '; line, rest = cutLine(rest) {
		}
		key, val = splitHeader(line)
	}
	return c, nil
}

// decodeTagTarget returns the object tag h points at. The tag must start with its object, type and
// tag headers, in that order (go-git's Tag.Decode, after git's parse_tag_buffer, allows the content
// to end after any of them); the rest is not read.
func decodeTagTarget(h plumbing.Hash, data []byte) (plumbing.Hash, error) {
	var target plumbing.Hash
	rest := data
	for _, want := range []string{"object", "type", "tag"} {
		var line []byte
		line, rest = cutLine(rest)
		if len(line) == 0 || isBlank(line) {
			return plumbing.ZeroHash, fmt.Errorf("tag %s: %w: no %s header", h, errBadTag, want)
		}
		key, val := splitHeader(line)
		if key != want {
			return plumbing.ZeroHash, fmt.Errorf("tag %s: %w: %q where its %s header belongs", h, errBadTag, key, want)
		}
		switch want {
		case "object":
			if !plumbing.IsHash(string(val)) {
				return plumbing.ZeroHash, fmt.Errorf("tag %s: %w: bad object hash %q", h, errBadTag, val)
			}
			target = plumbing.NewHash(string(val))
		case "type":
			if _, err := plumbing.ParseObjectType(string(val)); err != nil {
				return plumbing.ZeroHash, fmt.Errorf("tag %s: %w: unknown object type %q", h, errBadTag, val)
			}
		}
		if line[len(line)-1] != '\n' {
			break // the content ends here
		}
	}
	return target, nil
}

// cutLine splits off the first line of b, its newline included when it has one.
func cutLine(b []byte) (line, rest []byte) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i+1], b[i+1:]
	}
	return b, nil
}

// isBlank reports whether a line is the empty line that ends an object's headers.
func isBlank(line []byte) bool { return len(line) == 1 && line[0] == '\n' }

// splitHeader splits a header line at its first space into the header's name and value, without
// the newline; a line without a space is all name.
func splitHeader(line []byte) (string, []byte) {
	line = bytes.TrimRight(line, "\n")
	key, val, _ := bytes.Cut(line, []byte{' '})
	return string(key), val
}

// identLine is a signature as git writes it in commits and reflogs: "Name <email> 1700000000 +0900".
// A time before 1970 is written as 0, as go-git wrote commits (pm refuses such a time before it
// writes either).
func identLine(s Signature) string {
	return fmt.Sprintf("%s <%s> %d %s", s.Name, s.Email, max(s.When.Unix(), 0), s.When.Format("-0700"))
}

// parseIdent reads "Name <email> 1700000000 +0900" as leniently as go-git did: the email is
// between the last '<' and the last '>' (nothing is read without both, in that order), the name is
// before it without the spaces around it; a time that does not parse is left zero, and a missing
// or unreadable zone leaves it in UTC. One thing is read as git reads it, where go-git did not: a
// zone of "-00" hours with minutes is west of UTC ("-0030" is 30 minutes behind; go-git put it
// ahead).
func parseIdent(b []byte) Signature {
	var s Signature
	open, close := bytes.LastIndexByte(b, '<'), bytes.LastIndexByte(b, '>')
	if open < 0 || close < open {
		return s
	}
	s.Name = string(bytes.Trim(b[:open], " "))
	s.Email = string(b[open+1 : close])
	if close+2 >= len(b) {
		return s
	}
	b = b[close+2:]
	secs, zone, _ := bytes.Cut(b, []byte{' '})
	ts, err := strconv.ParseInt(string(secs), 10, 64)
	if err != nil {
		return s
	}
	s.When = time.Unix(ts, 0).In(time.UTC)
	if len(zone) < 5 {
		return s
	}
	hours, err1 := strconv.ParseInt(string(zone[:3]), 10, 64)
	mins, err2 := strconv.ParseInt(string(zone[3:5]), 10, 64)
	if err1 != nil || err2 != nil {
		return s
	}
	if zone[0] == '-' {
		mins = -mins
	}
	s.When = s.When.In(time.FixedZone("", int(hours*3600+mins*60)))
	return s
}

// treeItem is one entry of a tree object.
type treeItem struct {
	Name string
	Mode filemode.FileMode
	Hash plumbing.Hash
}

// treeLess orders tree entries as git does: byte order, with a directory's
// name compared as if it ended in "/".
func treeLess(a, b treeItem) bool {
	an, bn := a.Name, b.Name
	if a.Mode == filemode.Dir {
		an += "/"
	}
	if b.Mode == filemode.Dir {
		bn += "/"
	}
	return an < bn
}

// decodeTree returns the entries of tree h. Modes are read as git reads them (canonical_mode): any
// regular file is 100644 or 100755, and a mode of no known kind is a submodule's; go-git did the same.
func decodeTree(h plumbing.Hash, data []byte) ([]treeItem, error) {
	var out []treeItem
	t := treeCursor{data: data}
	for t.next() {
		out = append(out, treeItem{Name: string(t.name), Mode: canonicalMode(t.mode), Hash: t.hash})
	}
	if t.err != nil {
		return nil, fmt.Errorf("tree %s: %w (after %d entries)", h, t.err, len(out))
	}
	return out, nil
}

func canonicalMode(m uint32) filemode.FileMode {
	switch m & 0o170000 {
	case 0o040000:
		return filemode.Dir
	case 0o100000:
		if m&0o111 != 0 {
			return filemode.Executable
		}
		return filemode.Regular
	case 0o120000:
		return filemode.Symlink
	}
	return filemode.Submodule
}

// encodeTree returns the content of a tree object of entries, which must be in git's order.
func encodeTree(entries []treeItem) ([]byte, error) {
	var b []byte
	for i, e := range entries {
		if e.Name == "" || strings.ContainsAny(e.Name, "\x00/") {
			return nil, fmt.Errorf("tree entry %q: not a file name", e.Name)
		}
		if i > 0 && !treeLess(entries[i-1], e) {
			return nil, fmt.Errorf("tree entries %q and %q out of git's order", entries[i-1].Name, e.Name)
		}
		b = strconv.AppendUint(b, uint64(e.Mode), 8)
		b = append(b, ' ')
		b = append(b, e.Name...)
		b = append(b, 0)
		b = append(b, e.Hash[:]...)
	}
	return b, nil
}

// storedObject returns the content of object h of type typ (plumbing.AnyObject: whatever it is) as
// go-git's storage reads it, loose, packed or in an alternate, and its type.
func storedObject(s storer.EncodedObjectStorer, typ plumbing.ObjectType, h plumbing.Hash) ([]byte, plumbing.ObjectType, error) {
	o, err := s.EncodedObject(typ, h)
	if err != nil {
		return nil, 0, err
	}
	data, err := encodedBytes(o)
	if err != nil {
		return nil, 0, fmt.Errorf("read %s %s: %w", o.Type(), h, err)
	}
	return data, o.Type(), nil
}

// encodedBytes reads the whole content of an object of go-git's storage.
func encodedBytes(o plumbing.EncodedObject) ([]byte, error) {
	rd, err := o.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	// The size is the object header's, which a damaged object can overstate: room for at most 1 MB
	// is set aside before the content is read, the rest grows as it comes.
	buf := bytes.NewBuffer(make([]byte, 0, min(max(o.Size(), 0), 1<<20)))
	if _, err := io.Copy(buf, rd); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// readTree reads (through readObject, as every object pm reads by its type) and decodes tree h.
func (r *Repo) readTree(h plumbing.Hash) ([]treeItem, error) {
	data, err := r.readObject(plumbing.TreeObject, h)
	if err != nil {
		return nil, err
	}
	return decodeTree(h, data)
}

// writeObject stores an object of type typ with the given content and returns its hash: a loose
// object, written as git writes one (writeLoose).
func (r *Repo) writeObject(typ plumbing.ObjectType, data []byte) (plumbing.Hash, error) {
	h := plumbing.ComputeHash(typ, data)
	if err := r.writeLoose(typ, h, data); err != nil {
		return plumbing.ZeroHash, err
	}
	return h, nil
}
