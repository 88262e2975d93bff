//go:build unix

package gitrepo

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
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
		// what git puts in a filter's environment: the exec path, in front of PATH too
		{name: "clean filter's environment", attrs: "*.md filter=env\n",
			config:  []string{"filter.env.clean", "sed \"s|^|$GIT_EXEC_PATH ${PATH%%:*}: |\""},
			content: "line\n"},
		{name: "required filter missing", attrs: "*.md filter=lfs\n",
			config:  []string{"filter.lfs.process", "git-lfs-not-installed filter-process", "filter.lfs.required", "true"},
			content: "big\n", refused: true, wantErr: "lfs"},
		{name: "failing required clean", attrs: "*.md filter=crypt\n",
			config:  []string{"filter.crypt.clean", "exit 3", "filter.crypt.required", "true"},
			content: "plain\n", refused: true, wantErr: "crypt"},
		{name: "working-tree-encoding UTF-16", attrs: "*.md working-tree-encoding=UTF-16LE\n", content: "a\x00\n\x00"},
	}
	if !testenv.Full() {
		// The quick tier makes the commits of one or two cases of each kind (the others only
		// widen them) in one twin, each case with a file of its own (its attributes for that
		// file alone), in an order where the settings only ever widen: no core.autocrlf, then
		// input, then true, the refusals last, each setting what it needs only while it runs.
		// The full tier gives every case a twin of its own.
		order := []string{"working-tree-encoding UTF-16", "clean filter with %f", "clean filter's environment", "ident",
			"text eol=crlf", "text=auto, already committed with CRLF",
			"autocrlf input, CRLF file", "autocrlf true, CRLF file", "binary macro",
			"safecrlf refuses mixed endings", "required filter missing"}
		index := map[string]int{}
		for i, c := range cases {
			index[c.name] = i
		}
		var steps []int
		for _, name := range order {
			i, ok := index[name]
			if !ok {
				t.Fatalf("the quick tier's order names %q, which is no case", name)
			}
			steps = append(steps, i)
		}
		file := func(i int) string { return fmt.Sprintf("c%02d.md", i) }
		tw := newTwin(t, func(f *fixture) {
			twinRepo(f)
			var attrs strings.Builder
			past := time.Now().Add(-time.Minute) // older than the index: no entry racily clean
			for _, i := range steps {
				c := cases[i]
				base := c.base
				if base == "" {
					base = "one\n"
				}
				f.write(file(i), base)
				mustNoErr(t, os.Chtimes(filepath.Join(f.root, file(i)), past, past))
				if c.attrs != "" {
					_, rest, _ := strings.Cut(strings.TrimSpace(c.attrs), " ")
					attrs.WriteString(file(i) + " " + rest + "\n")
				}
			}
			f.git(f.root, "add", ".") // before the attributes: as the base commit, not converted
			f.write(".gitattributes", attrs.String())
			f.git(f.root, "add", ".gitattributes")
			f.git(f.root, "commit", "-q", "-m", "base")
		})
		var clean []string
		for _, i := range steps {
			c := cases[i]
			var saved [][]byte
			if c.refused {
				for _, f := range []*fixture{tw.git, tw.pm} {
					b, err := os.ReadFile(filepath.Join(f.root, ".git", "config"))
					mustNoErr(t, err)
					saved = append(saved, b)
				}
			}
			tw.config(c.config...)
			tw.both(file(i), c.content)
			gitOut, gitErr := tw.commitGit("msg", false, file(i))
			_, out, err := tw.commitPM("msg", false, file(i))
			checkConversion(t, c.name, c.refused, c.wantErr, gitOut, gitErr, out, err)
			if g, p := readRefs(t, filepath.Join(tw.git.root, ".git")), readRefs(t, filepath.Join(tw.pm.root, ".git")); g != p {
				t.Fatalf("%s: the commits differ\n--- git:\n%s\n--- pm:\n%s", c.name, g, p)
			}
			for k, f := range []*fixture{tw.git, tw.pm}[:len(saved)] {
				mustNoErr(t, os.WriteFile(filepath.Join(f.root, ".git", "config"), saved[k], 0o644))
			}
			if !c.refused {
				clean = append(clean, file(i))
			}
		}
		if d := tw.pm.git(tw.pm.root, append([]string{"diff", "HEAD", "--stat", "--"}, clean...)...); d != "" {
			t.Errorf("git diff HEAD after pm's commits: %q", d)
		}
		st := tw.same()
		for _, p := range clean {
			if statusLists(st, p) {
				t.Errorf("git status after pm's commits lists %s, want it clean:\n%s", p, st)
			}
		}
		return
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tw := newTwin(t, func(f *fixture) {
				twinRepo(f)
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
			checkConversion(t, c.name, c.refused, c.wantErr, gitOut, gitErr, out, err)
			if !c.refused {
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

// checkConversion fails the test where git and pm disagree on committing a case's file: where
// git refuses, pm must too, with an error of one line naming wantErr; where git commits, so must pm.
func checkConversion(t *testing.T, name string, refused bool, wantErr, gitOut string, gitErr error, out string, err error) {
	t.Helper()
	if refused {
		if gitErr == nil {
			t.Fatalf("%s: git committed: %s", name, gitOut)
		}
		if err == nil {
			t.Fatalf("%s: pm committed what git refuses (%s)", name, gitOut)
		}
		if wantErr != "" && !strings.Contains(err.Error(), wantErr) {
			t.Errorf("%s: error %q does not name %q", name, err, wantErr)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error has several lines: %q", name, err)
		}
		return
	}
	if gitErr != nil {
		t.Fatalf("%s: git: %v\n%s", name, gitErr, gitOut)
	}
	if err != nil {
		t.Fatalf("%s: pm: %v\n%s", name, err, out)
	}
}
