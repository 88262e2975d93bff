package gitrepo

import (
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// pushSuffix cuts git's push suffix (@{push}, in any case) off name and reports whether it had
// one: "main@{push}" is where main would be pushed to, "@{push}" the current branch's.
func pushSuffix(name string) (branch string, ok bool) { return cutBraces(name, "@{push}") }

// pushOf is the remote-tracking ref that branch@{push} names, as git works it out (remote.c's
// branch_get_push): the branch's push remote (branch.<name>.pushRemote, remote.pushDefault,
// branch.<name>.remote, else origin); there, the destination its push refspecs give, or with
// none, push.default's (current and matching: the same name; upstream: the upstream; simple, the
// default: the same name, which must be the upstream too); and that destination's
// remote-tracking branch, by the remote's fetch refspecs. The errors are git's.
func (r *Repo) pushOf(branch string) (plumbing.ReferenceName, error) {
	if branch == "" || branch == "HEAD" {
		b, ok := headBranch(r.layout)
		if !ok {
			return "", gitSays("HEAD does not point to a branch")
		}
		branch = b
	}
	refname := "refs/heads/" + branch
	if _, err := r.st.Reference(plumbing.ReferenceName(refname)); err != nil {
		return "", gitSays("no such branch: '%s'", branch)
	}
	cfg, err := r.loadConfig(r.env)
	if err != nil {
		return "", err
	}
	remote := ""
	for _, key := range []string{"branch." + branch + ".pushremote", "remote.pushdefault", "branch." + branch + ".remote"} {
		if v, ok := cfg.get(key); ok && v != "" {
			remote = v
			break
		}
	}
	if remote == "" {
		remote = "origin"
	}
	if !remoteConfigured(cfg, remote) {
		return "", gitSays("branch '%s' has no remote for pushing", branch)
	}
	tracking := func(dst string) (plumbing.ReferenceName, error) {
		for _, e := range cfg.entries {
			if e.key != "remote."+remote+".fetch" {
				continue
			}
			if ref, ok := mapRefspec(e.value, dst); ok {
				return plumbing.ReferenceName(ref), nil
			}
		}
		return "", gitSays("push destination '%s' on remote '%s' has no local tracking branch", dst, remote)
	}
	var specs []string
	for _, e := range cfg.entries {
		if e.key == "remote."+remote+".push" {
			specs = append(specs, e.value)
		}
	}
	if len(specs) > 0 {
		for _, spec := range specs {
			// as git's apply_refspecs: a refspec without a destination ("src" alone) maps nothing
			if dst, ok := mapRefspec(spec, refname); ok {
				return tracking(dst)
			}
		}
		return "", gitSays("push refspecs for '%s' do not include '%s'", remote, branch)
	}
	if cfg.boolean("remote."+remote+".mirror", false) {
		return tracking(refname)
	}
	mode, _ := cfg.get("push.default")
	switch strings.ToLower(mode) {
	case "nothing":
		return "", gitSays("push has no destination (push.default is 'nothing')")
	case "matching", "current":
		return tracking(refname)
	case "upstream", "tracking":
		return r.upstreamOf(branch)
	case "", "simple":
		up, err := r.upstreamOf(branch)
		if err != nil {
			return "", err
		}
		cur, err := tracking(refname)
		if err != nil {
			return "", err
		}
		if cur != up {
			return "", gitSays("cannot resolve 'simple' push to a single destination")
		}
		return cur, nil
	}
	return "", gitSays("malformed value for push.default: %s", mode)
}

// remoteConfigured reports whether the configuration says anything of remote name.
func remoteConfigured(cfg *gitConfig, name string) bool {
	if name == "." { // this repository, as a remote: always there
		return true
	}
	prefix := "remote." + name + "."
	for _, e := range cfg.entries {
		if strings.HasPrefix(e.key, prefix) {
			return true
		}
	}
	return false
}
