package gitrepo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
)

// core.sharedRepository: a repository several users of a group write to. git gives what it creates
// in it (object folders and files, refs, reflogs, the index, lock files) the group's permissions
// (path.c, adjust_shared_perm), so that the next member's git can add objects to a folder pm made
// or move a branch pm moved. pm does the same for what it creates.

const (
	permGroup     = 0o660
	permEverybody = 0o664
)

// sharedPerm reads core.sharedRepository as git's git_config_perm does: 0 (umask: nothing to do),
// a mode whose bits are added (group 0660, all 0664), or minus a mode to set (an octal value,
// 0640 say, write permission never given to others).
func sharedPerm(cfg *gitConfig) (int, error) {
	var value string
	found := false
	for i := len(cfg.entries) - 1; i >= 0; i-- {
		if e := cfg.entries[i]; e.key == "core.sharedrepository" {
			if e.noValue {
				return permGroup, nil
			}
			value, found = e.value, true
			break
		}
	}
	if !found {
		return 0, nil
	}
	switch value {
	case "umask":
		return 0, nil
	case "group":
		return permGroup, nil
	case "all", "world", "everybody":
		return permEverybody, nil
	}
	i, err := strconv.ParseInt(value, 8, 32)
	if err != nil || value == "" {
		if value == "" {
			return 0, nil
		}
		b, ok := parseBool(value)
		if !ok {
			return 0, fmt.Errorf("bad boolean config value '%s' for 'core.sharedrepository'", value)
		}
		if b {
			return permGroup, nil
		}
		return 0, nil
	}
	switch i {
	case 0:
		return 0, nil
	case 1:
		return permGroup, nil
	case 2:
		return permEverybody, nil
	}
	if i&0o600 != 0o600 {
		return 0, fmt.Errorf("problem with core.sharedRepository filemode value (0%.3o): the owner of files must always have read and write permissions", i)
	}
	return -int(i & 0o666), nil
}

// sharedMode is the mode git's calc_shared_perm (and, for a folder, adjust_shared_perm) gives a
// file or folder of mode mode (permission bits and setgid only).
func sharedMode(shared int, mode os.FileMode) os.FileMode {
	tweak := shared
	if shared < 0 {
		tweak = -shared
	}
	perm := int(mode.Perm())
	if perm&0o200 == 0 {
		tweak &^= 0o222
	}
	if perm&0o100 != 0 {
		tweak |= (tweak & 0o444) >> 2 // read bits copied to execute bits
	}
	if shared < 0 {
		perm = tweak
	} else {
		perm |= tweak
	}
	out := os.FileMode(perm) | mode&os.ModeSetgid
	if mode.IsDir() {
		out |= os.FileMode((perm & 0o444) >> 2)
		// g+s matters only when the mode gives the group something (git's adjust_shared_perm)
		if dirForcesSetgid() && out&0o060 != 0 {
			out |= os.ModeSetgid
		}
	}
	return out
}

// dirForcesSetgid reports whether git sets the setgid bit on shared folders (FORCE_DIR_SET_GID):
// on systems where a new folder takes its group from its parent only with it. BSD systems, macOS
// among them, always do so.
func dirForcesSetgid() bool {
	switch runtime.GOOS {
	case "darwin", "freebsd", "netbsd", "openbsd", "dragonfly", "windows":
		return false
	}
	return true
}

// adjustShared gives path the permissions core.sharedRepository asks for (nothing when it is 0).
func adjustShared(shared int, path string) error {
	if shared == 0 || runtime.GOOS == "windows" {
		return nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	old := fi.Mode() & (os.ModePerm | os.ModeSetgid | os.ModeDir)
	want := sharedMode(shared, old)
	if want&(os.ModePerm|os.ModeSetgid) == old&(os.ModePerm|os.ModeSetgid) {
		return nil
	}
	if err := os.Chmod(path, want&(os.ModePerm|os.ModeSetgid)); err != nil {
		return fmt.Errorf("give %s the permissions core.sharedRepository asks for: %w", path, err)
	}
	return nil
}

// mkdirAllShared is os.MkdirAll giving each folder it creates the shared permissions, as git's
// safe_create_leading_directories does.
func mkdirAllShared(shared int, dir string) error {
	if shared == 0 {
		return os.MkdirAll(dir, 0o777)
	}
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, os.ErrNotExist) || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o777); err != nil && !errors.Is(err, os.ErrExist) {
			return err
		}
		if err := adjustShared(shared, missing[i]); err != nil {
			return err
		}
	}
	return nil
}

// shared returns the repository's core.sharedRepository, read once.
func (r *Repo) shared() (int, error) {
	r.sharedOnce.Do(func() {
		cfg, err := r.loadConfig(r.env)
		if err != nil {
			r.sharedErr = err
			return
		}
		r.sharedVal, r.sharedErr = sharedPerm(cfg)
	})
	return r.sharedVal, r.sharedErr
}

// share gives each path the permissions core.sharedRepository asks for.
func (r *Repo) share(paths ...string) error {
	shared, err := r.shared()
	if err != nil || shared == 0 {
		return err
	}
	for _, p := range paths {
		if err := adjustShared(shared, p); err != nil {
			return err
		}
	}
	return nil
}
