package gitrepo

import (
	"path/filepath"
)

// HooksDir is the folder git runs hooks from: core.hooksPath (relative to the work tree root when
// relative, ~ expanded), else the hooks folder of the common git dir, shared by linked worktrees.
func (r *Repo) HooksDir() (string, error) {
	cfg, err := r.loadConfig(r.env)
	if err != nil {
		return "", err
	}
	if p, ok := cfg.get(normalizeKey("core.hooksPath")); ok && p != "" {
		p = expandHome(p, r.env)
		if !filepath.IsAbs(p) {
			p = filepath.Join(r.root, p)
		}
		return filepath.Clean(p), nil
	}
	return filepath.Join(r.commonDir, "hooks"), nil
}
