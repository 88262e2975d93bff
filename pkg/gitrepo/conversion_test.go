//go:build unix

package gitrepo

import (
	"strings"
	"testing"
)

// TestConversionMatchesGit commits a file under end-of-line settings, attributes and clean filters
// with git commit --only and with pm, and compares the results; where git refuses, pm must too.
func TestConversionMatchesGit(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		config  []string // key, value pairs
		attrs   string   // .gitattributes, committed in the base
		base    string   // a.md in the base commit
		content string   // a.md as committed
		refused bool     // git refuses: pm must too
		wantErr string
	}{
		{name: "autocrlf true, LF file", config: []string{"core.autocrlf", "true"}, content: "a\nb\n"},
		{name: "autocrlf true, CRLF file", config: []string{"core.autocrlf", "true"}, content: "a\r\nb\r\n"},
		{name: "autocrlf input, CRLF file", config: []string{"core.autocrlf", "input"}, content: "a\r\nb\r\n"},
		{name: "text=auto, CRLF file", attrs: "* text=auto\n", content: "a\r\nb\r\n"},
		{name: "text eol=crlf", attrs: "*.md text eol=crlf\n", content: "a\r\nb\n"},
		{name: "text=auto, already committed with CRLF", base: "x\r\ny\r\n", attrs: "* text=auto\n", content: "x\r\ny\r\nz\r\n"},
		{name: "-text keeps CRLF", attrs: "*.md -text\n", config: []string{"core.autocrlf", "true"}, content: "a\r\nb\r\n"},
		{name: "binary macro", attrs: "*.md binary\n", config: []string{"core.autocrlf", "true"}, content: "a\r\nb\r\n"},
		{name: "safecrlf refuses mixed endings", config: []string{"core.autocrlf", "true", "core.safecrlf", "true"}, content: "a\r\nb\n", refused: true},
		{name: "ident", attrs: "*.md ident\n", content: "$Id: whatever $\n"},
		{name: "clean filter redacts", attrs: "*.md filter=redact\n", config: []string{"filter.redact.clean", "sed s/secret/XXXX/"}, content: "the secret\n"},
		{name: "clean filter with %f", attrs: "*.md filter=name\n", config: []string{"filter.name.clean", "sed \"s|^|%f: |\""}, content: "line\n"},
		{name: "required filter missing", attrs: "*.md filter=lfs\n",
			config:  []string{"filter.lfs.process", "git-lfs-not-installed filter-process", "filter.lfs.required", "true"},
			content: "big\n", refused: true, wantErr: "lfs"},
		{name: "failing required clean", attrs: "*.md filter=crypt\n",
			config:  []string{"filter.crypt.clean", "exit 3", "filter.crypt.required", "true"},
			content: "plain\n", refused: true, wantErr: "crypt"},
		{name: "working-tree-encoding UTF-16", attrs: "*.md working-tree-encoding=UTF-16LE\n", content: "a\x00\n\x00"},
	}
	var names []string
	for _, c := range cases {
		names = append(names, c.name)
	}
	// One case of each kind of conversion: end of line from core.autocrlf, from attributes (with
	// the rule for a file already committed with CRLF), unset by a macro, a safecrlf refusal,
	// ident, a clean filter, a required filter that cannot run, and an encoding.
	quick := quickCases(t, names, "autocrlf true, CRLF file", "text=auto, already committed with CRLF", "binary macro",
		"safecrlf refuses mixed endings", "ident", "clean filter with %f", "required filter missing", "working-tree-encoding UTF-16")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			quick.only(t, c.name)
			tw := newTwin(t, func(f *fixture) {
				base := c.base
				if base == "" {
					base = "one\n"
				}
				f.write("a.md", base)
				f.git(f.root, "add", "a.md") // before the attributes: as the base commit, not converted
				if c.attrs != "" {
					f.write(".gitattributes", c.attrs)
					f.git(f.root, "add", ".gitattributes")
				}
				f.git(f.root, "commit", "-q", "-m", "base")
			})
			tw.config(c.config...)
			tw.both("a.md", c.content)
			gitOut, gitErr := tw.commitGit("msg", false, "a.md")
			_, out, err := tw.commitPM("msg", false, "a.md")
			if c.refused {
				if gitErr == nil {
					t.Fatalf("git committed: %s", gitOut)
				}
				if err == nil {
					t.Fatalf("pm committed what git refuses (%s)", gitOut)
				}
				if c.wantErr != "" && !strings.Contains(err.Error(), c.wantErr) {
					t.Errorf("error %q does not name %q", err, c.wantErr)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("error has several lines: %q", err)
				}
			} else {
				if gitErr != nil {
					t.Fatalf("git: %v\n%s", gitErr, gitOut)
				}
				if err != nil {
					t.Fatalf("pm: %v\n%s", err, out)
				}
				if d := tw.pm.git(tw.pm.root, "diff", "HEAD", "--stat", "--", "a.md"); d != "" {
					t.Errorf("git diff HEAD after pm's commit: %q", d)
				}
			}
			if st := tw.same(); !c.refused && statusLists(st, "a.md") {
				t.Errorf("git status after pm's commit lists a.md, want it clean:\n%s", st)
			}
		})
	}
}
