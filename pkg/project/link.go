package project

import (
	"net/url"
	"path/filepath"
	"strings"
)

// RelPath is a file's path relative to the repository root, with forward slashes, or path itself
// when it lies outside.
func (p *Project) RelPath(path string) string {
	if r, err := filepath.Rel(p.Root, path); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(r)
	}
	return path
}

// Link is the address a message gives for a postmortem: repo_url followed by the file's path in the
// repository, each segment URL-escaped, or that path alone when repo_url is not set.
func (p *Project) Link(path string) string {
	rel := p.RelPath(path)
	if p.Config.RepoURL == "" {
		return rel
	}
	parts := strings.Split(rel, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return p.Config.RepoURL + "/" + strings.Join(parts, "/")
}
