package convert

import (
	"crypto/sha1"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

func blobID(data []byte) string {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(data))
	h.Write(data)
	return fmt.Sprintf("%x", h.Sum(nil))
}

var eolContents = []struct{ name, data string }{
	{"lf", "a\nb\n"},
	{"crlf", "a\r\nb\r\n"},
	{"mixed", "a\r\nb\n"},
	{"lonecr", "a\rb\r\n"},
	{"nul", "a\x00\r\nb\r\n"},
	{"nonprint", "\x01\x01a\r\n"},
	{"fewnonprint", strings.Repeat("p", 200) + "\x01\r\n"},
	{"empty", ""},
	{"ctrlz", "\r\n\x1a"},
	{"ctrlz2", "\x1a\x1a\r\n"},
	{"noeol", "a\r\nb"},
	{"del", "\x7f\r\n"},
	{"printctl", "\t\x1b\b\x0c\r\n"},
	{"ident", "$Id$\r\n$Id: abc $\n$Id: x\ny $\n$Id: a b c $ $Id:"},
	{"lfonly-noeol", "a\nb"},
}

var eolAttrSets = []string{
	"", "text", "-text", "text=auto", "text eol=crlf", "text eol=lf", "eol=crlf", "eol=lf",
	"text=auto eol=crlf", "text=auto eol=lf", "crlf", "-crlf", "crlf=input", "text=input",
	"binary", "ident", "text ident", "-text eol=crlf", "text=bogus", "crlf=auto eol=lf",
}

const crlfIndexBlob = "old\r\nblob\r\n"

// TestToGitEOLMatchesGitAdd sets up a repository with every attribute set ×
// content, runs `git add` for each core.autocrlf × core.eol with half of the paths
// already in the index with CRLF, and compares the stored blobs and the warnings
// with ours. The configurations share the work tree and the objects: each adds
// the files to an index of its own (GIT_INDEX_FILE), its configuration given on
// git's command line.
func TestToGitEOLMatchesGitAdd(t *testing.T) {
	t.Parallel()
	r := newTestRepo(t)
	var attrs strings.Builder
	var indexInfo strings.Builder
	oldBlob := strings.TrimSpace(string(mustRun(t, r, []byte(crlfIndexBlob), "hash-object", "-w", "--no-filters", "--stdin")))
	var paths []string
	files := r.sharedFiles()
	for k, set := range eolAttrSets {
		if set != "" {
			fmt.Fprintf(&attrs, "a%d/** %s\n", k, set)
		}
		kinds := []string{"c"}
		if set == "" || strings.Contains(set, "auto") {
			kinds = append(kinds, "i") // the index only matters to text=auto
		}
		for m, c := range eolContents {
			for _, kind := range kinds {
				p := fmt.Sprintf("a%d/%s%d", k, kind, m)
				files.write(p, c.data)
				paths = append(paths, p)
				if kind == "i" {
					fmt.Fprintf(&indexInfo, "100644 %s\t%s\n", oldBlob, p)
				}
			}
		}
	}
	r.write(".gitattributes", attrs.String())
	paths = append(paths, ".gitattributes")
	// The index the configurations start from, each from a copy of its own.
	baseIndex := filepath.Join(r.dir, ".git", "index-base")
	ri := *r
	ri.env = append(slices.Clip(r.env), "GIT_INDEX_FILE="+baseIndex)
	mustRun(t, &ri, []byte(indexInfo.String()), "update-index", "--add", "--index-info")
	checker := NewAttrChecker(r.sources())
	pathAttrs := map[string]*Attributes{}
	pathData := map[string][]byte{}
	for _, p := range paths {
		a, err := checker.Lookup(p)
		if err != nil {
			t.Fatal(err)
		}
		pathAttrs[p] = a
		pathData[p] = readFile(t, filepath.Join(r.dir, p))
	}

	// The quick tier keeps one configuration of each kind: the defaults, core.eol=crlf,
	// autocrlf=true, and autocrlf=input with a core.eol it must ignore. The others
	// (autocrlf=false, core.eol=lf and native, autocrlf=true with core.eol) give
	// the same rules other values.
	quick := map[string]bool{"autocrlf=,eol=": true, "autocrlf=,eol=crlf": true, "autocrlf=true,eol=": true, "autocrlf=input,eol=crlf": true}
	for _, autocrlf := range []string{"", "true", "input", "false"} {
		for _, eol := range []string{"", "lf", "crlf", "native"} {
			// core.eol matters only without core.autocrlf: one other value checks that.
			if (autocrlf == "false" && eol != "") || (autocrlf != "" && eol != "" && eol != "crlf") {
				continue
			}
			name := "autocrlf=" + autocrlf + ",eol=" + eol
			t.Run(name, func(t *testing.T) {
				if !quick[name] {
					testenv.Exhaustive(t)
				}
				t.Parallel()
				ri := *r
				ri.t = t
				index := filepath.Join(r.dir, ".git", "index-"+name)
				ri.env = append(slices.Clip(r.env), "GIT_INDEX_FILE="+index)
				if err := os.WriteFile(index, readFile(t, baseIndex), 0o644); err != nil {
					t.Fatal(err)
				}
				cfg := Config{WorkTree: r.dir}
				var args []string
				if autocrlf != "" {
					args = append(args, "-c", "core.autocrlf="+autocrlf)
					cfg.AutoCRLF = map[string]AutoCRLF{"true": AutoCRLFTrue, "input": AutoCRLFInput, "false": AutoCRLFFalse}[autocrlf]
				}
				if eol != "" {
					args = append(args, "-c", "core.eol="+eol)
					cfg.EOL = map[string]EOL{"lf": EOLLF, "crlf": EOLCRLF, "native": EOLNative}[eol]
				}
				_, stderr, err := ri.run(nil, append(args, "add", "--", ".")...)
				if err != nil {
					t.Fatalf("git add: %v\n%s", err, stderr)
				}
				want := lsFiles(t, &ri)
				wantWarn := map[string]bool{}
				for _, l := range strings.Split(strings.TrimSpace(string(stderr)), "\n") {
					if l != "" {
						wantWarn[l] = true
					}
				}

				conv := NewConverter(cfg)
				defer conv.Close()
				gotWarn := map[string]bool{}
				for _, p := range paths {
					var index IndexBlobFunc
					if strings.Contains(p, "/i") {
						index = func(string) ([]byte, bool, error) { return []byte(crlfIndexBlob), true, nil }
					}
					res, err := conv.ToGit(p, pathData[p], pathAttrs[p], index)
					if err != nil {
						t.Errorf("%s: %v", p, err)
						continue
					}
					if got := blobID(res.Data); got != want[p] {
						k, m := 0, 0
						fmt.Sscanf(p[1:], "%d", &k)
						fmt.Sscanf(p[strings.IndexByte(p, '/')+2:], "%d", &m)
						t.Errorf("%s (attrs %q, content %s %q): got %q", p, eolAttrSets[k], eolContents[m].name, eolContents[m].data, res.Data)
					}
					for _, w := range res.Warnings {
						gotWarn["warning: "+w] = true
					}
				}
				if d := diffSets(gotWarn, wantWarn); d != "" {
					t.Errorf("warnings differ:\n%s", d)
				}
			})
		}
	}
}

// TestToGitSafeCRLFTrueMatchesGit adds files with core.safecrlf=true: git refuses
// some, and so must we, with the same message.
func TestToGitSafeCRLFTrueMatchesGit(t *testing.T) {
	t.Parallel()
	for _, autocrlf := range []string{"true", "input", "false"} {
		t.Run("autocrlf="+autocrlf, func(t *testing.T) {
			// autocrlf=true meets both refusals; the others repeat them on other files
			// (and TestToGitEOLMatchesGitAdd compares their warnings, which git gives
			// exactly where safecrlf=true refuses).
			if autocrlf != "true" {
				testenv.Exhaustive(t)
			}
			t.Parallel()
			r := newTestRepo(t)
			r.setConfig("core.autocrlf", autocrlf)
			r.setConfig("core.safecrlf", "true")
			cfg := Config{WorkTree: r.dir, SafeCRLF: SafeCRLFTrue,
				AutoCRLF: map[string]AutoCRLF{"true": AutoCRLFTrue, "input": AutoCRLFInput, "false": AutoCRLFFalse}[autocrlf]}
			sets := []string{"", "text", "text eol=crlf", "text eol=lf", "text=auto", "-text"}
			var attrs strings.Builder
			for k, set := range sets {
				if set != "" {
					fmt.Fprintf(&attrs, "a%d/** %s\n", k, set)
				}
			}
			r.write(".gitattributes", attrs.String())
			var paths []string
			files := r.sharedFiles()
			for k := range sets {
				for m, c := range eolContents[:6] {
					p := fmt.Sprintf("a%d/c%d", k, m)
					files.write(p, c.data)
					paths = append(paths, p)
				}
			}
			blobs, refused, _ := gitAdd(t, r, paths)
			conv := NewConverter(cfg)
			checker := NewAttrChecker(r.sources())
			for _, p := range paths {
				a, _ := checker.Lookup(p)
				res, err := conv.ToGit(p, readFile(t, filepath.Join(r.dir, p)), a, nil)
				stderr, gitRefused := refused[p]
				switch {
				case gitRefused && err == nil:
					t.Errorf("%s: git refused (%s), we did not", p, strings.TrimSpace(stderr))
				case !gitRefused && err != nil:
					t.Errorf("%s: we refused (%v), git did not", p, err)
				case gitRefused:
					if want := "fatal: " + err.Error(); strings.TrimSpace(stderr) != want {
						t.Errorf("%s: message %q, git says %q", p, want, stderr)
					}
				default:
					if got := blobID(res.Data); got != blobs[p] {
						t.Errorf("%s: blob %s, git stored %s", p, got, blobs[p])
					}
				}
			}
			if len(refused) == 0 || len(blobs) == 0 {
				t.Errorf("git refused %d files and stored %d: the case shows no difference", len(refused), len(blobs))
			}
		})
	}
}

// TestToGitNoCopy checks the common case costs nothing: no attributes, autocrlf
// unset, and the input comes back as it is.
func TestToGitNoCopy(t *testing.T) {
	t.Parallel()
	conv := NewConverter(Config{})
	in := []byte("a\r\nb\n")
	res, err := conv.ToGit("f", in, nil, nil)
	if err != nil || &res.Data[0] != &in[0] || len(res.Data) != len(in) {
		t.Fatalf("ToGit copied or failed: %v", err)
	}
	res, err = conv.ToGit("f", in, NewAttributes(map[string]Value{"diff": {State: Set}}), nil)
	if err != nil || &res.Data[0] != &in[0] {
		t.Fatalf("ToGit copied or failed: %v", err)
	}
}

// TestCRLFToGitOracle compares the conversion with a direct statement of the
// rules for forced text: every CRLF becomes LF, nothing else changes.
func TestCRLFToGitOracle(t *testing.T) {
	t.Parallel()
	cfg := &Config{SafeCRLF: SafeCRLFFalse}
	for _, c := range eolContents {
		got, _, err := cfg.crlfToGit("f", []byte(c.data), crlfTextInput, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := strings.ReplaceAll(c.data, "\r\n", "\n"); string(got) != want {
			t.Errorf("%s: got %q want %q", c.name, got, want)
		}
	}
}

func mustRun(t *testing.T, r *testRepo, stdin []byte, args ...string) []byte {
	t.Helper()
	out, stderr, err := r.run(stdin, args...)
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	return out
}

// lsFiles maps each index path to its blob id.
func lsFiles(t *testing.T, r *testRepo) map[string]string {
	t.Helper()
	out := mustRun(t, r, nil, "ls-files", "-s", "-z")
	m := map[string]string{}
	for _, rec := range strings.Split(string(out), "\x00") {
		meta, path, ok := strings.Cut(rec, "\t")
		if !ok {
			continue
		}
		f := strings.Fields(meta)
		m[path] = f[1]
	}
	return m
}

func diffSets(got, want map[string]bool) string {
	var d []string
	for k := range got {
		if !want[k] {
			d = append(d, "+ "+k)
		}
	}
	for k := range want {
		if !got[k] {
			d = append(d, "- "+k)
		}
	}
	sort.Strings(d)
	return strings.Join(d, "\n")
}
