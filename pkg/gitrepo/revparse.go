package gitrepo

import (
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// errAmbiguous means an abbreviated hash names more than one commit.
var errAmbiguous = errors.New("ambiguous")

// laterParentError is a revision's ^N for N of 3 or more, which only an octopus merge has: refused,
// as it was when go-git's resolver (which took it to mean ^2) resolved revisions.
type laterParentError string

func (e laterParentError) Error() string { return "third or later parent " + string(e) }

// errRevisionSyntax means a revision uses a form pm does not resolve (@{upstream}, :path, ^{tree}...).
var errRevisionSyntax = errors.New("revision form not supported")

// refRules are the places git looks for a name, in its order (git help revisions).
var refRules = []string{"%s", "refs/%s", "refs/tags/%s", "refs/heads/%s", "refs/remotes/%s", "refs/remotes/%s/HEAD"}

// parseRevision resolves rev to a commit as `git rev-parse REV^{commit}` does, for the forms pm
// accepts: a full or abbreviated hash (at least 4 digits; one that several commits start with is
// errAmbiguous), a ref by any name git finds it by (HEAD, a branch, tag or remote-tracking branch,
// refs/...), a branch's upstream (@{upstream}, @{u}, main@{u}) or a reflog entry (main@{2}, @{1},
// HEAD@{1}, the checkout before last @{-1}; see reflog.go), then ~N, ^N, ^{commit}, ^{} and ^{/text} (the newest commit reachable whose message
// matches; ^{/!-text} the newest that does not). Tags are peeled to their commits. Other forms
// are errRevisionSyntax.
func (r *Repo) parseRevision(rev string) (plumbing.Hash, error) {
	if text, ok := strings.CutPrefix(rev, ":/"); ok && text != "" { // ":/" alone is a path to git
		// :/text: the rest is the pattern, searched from every ref (no ~ or ^ after it)
		re, negate, err := messagePattern(text, rev)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		tips, err := r.refTips()
		if err != nil {
			return plumbing.ZeroHash, err
		}
		c, err := r.newestMatching(tips, re, negate)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		return c.Hash, nil
	}
	name, suffixes, err := splitRevision(rev)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	c, err := r.commitNamed(name)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	for _, sfx := range suffixes {
		switch sfx.op {
		case '^':
			if sfx.n == 0 {
				continue
			}
			if sfx.n > len(c.ParentHashes) {
				return plumbing.ZeroHash, fmt.Errorf("commit %s has no parent %d: %w", c.Hash, sfx.n, plumbing.ErrReferenceNotFound)
			}
			if c, err = r.commitObject(c.ParentHashes[sfx.n-1]); err != nil {
				return plumbing.ZeroHash, err
			}
		case '~':
			for n := 0; n < sfx.n; n++ {
				if len(c.ParentHashes) == 0 {
					return plumbing.ZeroHash, fmt.Errorf("commit %s has no parent: %w", c.Hash, plumbing.ErrReferenceNotFound)
				}
				if c, err = r.commitObject(c.ParentHashes[0]); err != nil {
					return plumbing.ZeroHash, err
				}
			}
		case '/':
			if c, err = r.newestMatching([]*gitCommit{c}, sfx.re, sfx.negate); err != nil {
				return plumbing.ZeroHash, err
			}
		}
	}
	return c.Hash, nil
}

// revSuffix is one step after a revision's name: ~N (op '~'), ^N (op '^'; ^{commit} and ^{} are
// ^0), or ^{/text} (op '/').
type revSuffix struct {
	op     byte
	n      int
	re     *regexp.Regexp
	negate bool
}

// splitRevision splits rev into the name it starts with and the steps after it.
func splitRevision(rev string) (string, []revSuffix, error) {
	end := strings.IndexAny(rev, "~^")
	if end < 0 {
		end = len(rev)
	}
	name, rest := rev[:end], rev[end:]
	if name == "" {
		return "", nil, fmt.Errorf("%w: it does not start with a name or hash", errRevisionSyntax)
	}
	if name == "@" {
		name = "HEAD"
	}
	// branch@{upstream} and the reflog's ref@{n} and @{-n} are names commitNamed resolves; no
	// other @{...}
	base, upstream := upstreamSuffix(name)
	if !upstream {
		base, _ = pushSuffix(name)
	}
	if ref, _, _, ok, err := reflogSelector(base); err != nil {
		return "", nil, err
	} else if ok {
		base = ref
	}
	if strings.Contains(base, "@{") || strings.ContainsAny(base, ": \t\n*?[\\") {
		return "", nil, fmt.Errorf("%w: %q", errRevisionSyntax, name)
	}
	var out []revSuffix
	for rest != "" {
		op := rest[0]
		rest = rest[1:]
		if op == '^' && strings.HasPrefix(rest, "{") {
			close := strings.IndexByte(rest, '}')
			if close < 0 {
				return "", nil, fmt.Errorf("%w: ^{ without }", errRevisionSyntax)
			}
			inner := rest[1:close]
			rest = rest[close+1:]
			switch {
			case inner == "" || inner == "commit":
				out = append(out, revSuffix{op: '^'})
			case strings.HasPrefix(inner, "/"):
				re, negate, err := messagePattern(inner[1:], "^{"+inner+"}")
				if err != nil {
					return "", nil, err
				}
				out = append(out, revSuffix{op: '/', re: re, negate: negate})
			default:
				return "", nil, fmt.Errorf("%w: ^{%s}", errRevisionSyntax, inner)
			}
			continue
		}
		if op != '^' && op != '~' {
			return "", nil, fmt.Errorf("%w: %q", errRevisionSyntax, string(op)+rest)
		}
		digits := 0
		for digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9' {
			digits++
		}
		n := 1
		if digits > 0 {
			v, err := strconv.Atoi(rest[:digits])
			if err != nil {
				return "", nil, fmt.Errorf("%w: %s%s", errRevisionSyntax, string(op), rest[:digits])
			}
			n = v
		}
		if op == '^' && n >= 3 {
			return "", nil, laterParentError("^" + rest[:digits])
		}
		rest = rest[digits:]
		out = append(out, revSuffix{op: op, n: n})
	}
	return name, out, nil
}

// commitNamed resolves the name a revision starts with: a full hash, else a ref, else an
// abbreviated hash, as git does; the object is peeled to a commit.
func (r *Repo) commitNamed(name string) (*gitCommit, error) {
	if branch, ok := upstreamSuffix(name); ok {
		up, err := r.upstreamOf(branch)
		return r.trackingCommit(up, err, "upstream")
	}
	if branch, ok := pushSuffix(name); ok {
		dst, err := r.pushOf(branch)
		return r.trackingCommit(dst, err, "push destination")
	}
	if ref, n, prior, ok, err := reflogSelector(name); err != nil {
		return nil, err
	} else if ok {
		return r.reflogCommit(ref, n, prior)
	}
	if len(name) == 2*len(plumbing.ZeroHash) && plumbing.IsHash(name) {
		return r.peelToCommit(plumbing.NewHash(name))
	}
	for _, rule := range refRules {
		ref, err := r.resolveRef(plumbing.ReferenceName(fmt.Sprintf(rule, name)))
		if err == nil {
			return r.peelToCommit(ref.Hash())
		}
	}
	return r.commitByPrefix(name)
}

// trackingCommit is the commit of ref, a branch's upstream or push destination (what), found with
// err: err, or git's words when this repository has no such ref.
func (r *Repo) trackingCommit(ref plumbing.ReferenceName, err error, what string) (*gitCommit, error) {
	if err != nil {
		return nil, err
	}
	resolved, err := r.resolveRef(ref)
	if err != nil {
		return nil, gitSays("its %s %s does not exist here (fetch it first)", what, ref)
	}
	return r.peelToCommit(resolved.Hash())
}

// resolveRef follows a ref (symbolic ones to their target); ErrReferenceNotFound when missing.
func (r *Repo) resolveRef(n plumbing.ReferenceName) (*plumbing.Reference, error) {
	ref, err := r.st.Reference(n)
	for depth := 0; err == nil && ref.Type() == plumbing.SymbolicReference; depth++ {
		if depth > 5 {
			return nil, plumbing.ErrReferenceNotFound
		}
		ref, err = r.st.Reference(ref.Target())
	}
	return ref, err
}

// commitByPrefix resolves an abbreviated hash (4 to 39 hexadecimal digits, any case) among the
// objects that peel to a commit, as git does where a commit is wanted.
func (r *Repo) commitByPrefix(name string) (*gitCommit, error) {
	if len(name) < 4 || len(name) >= 2*len(plumbing.ZeroHash) {
		return nil, plumbing.ErrReferenceNotFound
	}
	lower := strings.ToLower(name)
	even, err := hex.DecodeString(lower[:len(lower)&^1])
	if err != nil || (len(lower)%2 == 1 && !strings.ContainsRune("0123456789abcdef", rune(lower[len(lower)-1]))) {
		return nil, plumbing.ErrReferenceNotFound
	}
	hashes, err := r.st.HashesWithPrefix(even)
	if err != nil {
		return nil, err
	}
	var found *gitCommit
	for _, h := range hashes {
		if !strings.HasPrefix(h.String(), lower) {
			continue
		}
		c, err := r.peelToCommit(h)
		if err != nil || (found != nil && found.Hash == c.Hash) {
			continue
		}
		if found != nil {
			return nil, fmt.Errorf("short object ID %s is %w", name, errAmbiguous)
		}
		found = c
	}
	if found == nil {
		return nil, plumbing.ErrReferenceNotFound
	}
	return found, nil
}

// peelToCommit reads object h and follows annotated tags to the commit they name.
func (r *Repo) peelToCommit(h plumbing.Hash) (*gitCommit, error) {
	for depth := 0; depth < 20; depth++ {
		data, typ, err := storedObject(r.st, plumbing.AnyObject, h)
		if err != nil {
			return nil, err
		}
		switch typ {
		case plumbing.CommitObject:
			c, err := decodeCommit(h, data)
			if err != nil {
				return nil, err
			}
			return r.graft(c), nil
		case plumbing.TagObject:
			if h, err = decodeTagTarget(h, data); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("object %s is a %s, not a commit: %w", h, typ, plumbing.ErrReferenceNotFound)
		}
	}
	return nil, fmt.Errorf("tag chain at %s too long: %w", h, plumbing.ErrReferenceNotFound)
}

// messagePattern reads the text of ^{/text} and :/text (what, for errors): a regular expression;
// "!-" before it negates it, "!!" stands for a literal "!", and any other "!" is reserved.
func messagePattern(text, what string) (*regexp.Regexp, bool, error) {
	negate := false
	if strings.HasPrefix(text, "!") {
		switch {
		case strings.HasPrefix(text, "!-"):
			text, negate = text[2:], true
		case strings.HasPrefix(text, "!!"):
			text = text[1:]
		default:
			return nil, false, fmt.Errorf("%w: %s", errRevisionSyntax, what)
		}
	}
	re, err := regexp.Compile(text)
	if err != nil {
		return nil, false, fmt.Errorf("%w: %s: %v", errRevisionSyntax, what, err)
	}
	return re, negate, nil
}

// refTips are the commits HEAD and every ref point to, tags peeled, others (a tag of a tree) left
// out: where git's :/text searches from.
func (r *Repo) refTips() ([]*gitCommit, error) {
	var tips []*gitCommit
	seen := map[plumbing.Hash]bool{}
	add := func(h plumbing.Hash) {
		if c, err := r.peelToCommit(h); err == nil && !seen[c.Hash] {
			seen[c.Hash] = true
			tips = append(tips, c)
		}
	}
	if head, err := r.head(); err == nil {
		add(head.Hash())
	}
	refs, err := r.st.IterReferences()
	if err != nil {
		return nil, err
	}
	err = refs.ForEach(func(ref *plumbing.Reference) error {
		if ref.Type() == plumbing.HashReference && strings.HasPrefix(string(ref.Name()), "refs/") {
			add(ref.Hash())
		}
		return nil
	})
	return tips, err
}

// newestMatching returns the newest commit (by committer date) reachable from the starting commits
// whose message matches (or, negated, does not match) the pattern, as git's ^{/text} (from one
// commit) and :/text (from every ref) do.
func (r *Repo) newestMatching(starts []*gitCommit, re *regexp.Regexp, negate bool) (*gitCommit, error) {
	queue := slices.Clone(starts)
	seen := map[plumbing.Hash]bool{}
	for _, c := range starts {
		seen[c.Hash] = true
	}
	for len(queue) > 0 {
		best := 0
		for i, q := range queue {
			if q.Committer.When.After(queue[best].Committer.When) {
				best = i
			}
		}
		cur := queue[best]
		queue = append(queue[:best], queue[best+1:]...)
		if re.MatchString(cur.Message) != negate {
			return cur, nil
		}
		for _, p := range cur.ParentHashes {
			if seen[p] {
				continue
			}
			seen[p] = true
			pc, err := r.commitObject(p)
			if err != nil {
				return nil, err
			}
			queue = append(queue, pc)
		}
	}
	return nil, fmt.Errorf("no commit message matches %q: %w", re.String(), plumbing.ErrReferenceNotFound)
}
