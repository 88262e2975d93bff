package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/pm-tools/pm"

// pkgInfo is what the test reads of one package of the module: its non-test imports, and the files
// that call os.Exit.
type pkgInfo struct {
	imports    map[string]bool
	exits      []string
	gcSettings []string // files that change the process's garbage collection (debug.SetGCPercent, SetMemoryLimit)
}

// readModule parses the imports of every package of the module (test files, testdata and hidden
// folders left out), by directory relative to the module root.
func readModule(t *testing.T) map[string]*pkgInfo {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(root, "go.mod")); err != nil || !strings.Contains(string(data), "module "+module+"\n") {
		t.Fatalf("%s is not the module root: %v", root, err)
	}
	pkgs := map[string]*pkgInfo{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		rel = filepath.ToSlash(rel)
		info := pkgs[rel]
		if info == nil {
			info = &pkgInfo{imports: map[string]bool{}}
			pkgs[rel] = info
		}
		for _, imp := range f.Imports {
			v, _ := strconv.Unquote(imp.Path.Value)
			info.imports[v] = true
		}
		if info.imports["os"] && calls(t, p, "os", "Exit") {
			info.exits = append(info.exits, filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator))))
		}
		if info.imports["runtime/debug"] && calls(t, p, "debug", "SetGCPercent", "SetMemoryLimit") {
			info.gcSettings = append(info.gcSettings, filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator))))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 30 {
		t.Fatalf("read only %d packages: the walk went wrong", len(pkgs))
	}
	return pkgs
}

// calls reports whether the file uses pkg.name for one of names (os.Exit, debug.SetGCPercent),
// pkg being the name the file imports the package by.
func calls(t *testing.T, file, pkg string, names ...string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && slices.Contains(names, sel.Sel.Name) {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == pkg {
				found = true
			}
		}
		return !found
	})
	return found
}

func never(string) bool { return false }

func under(dir, prefix string) bool { return dir == prefix || strings.HasPrefix(dir, prefix+"/") }

// TestImportGraph checks the rules of the architecture: one owner for each library that carries a
// concern (git, the command line, the document's syntax), and arrows that point one way.
func TestImportGraph(t *testing.T) {
	pkgs := readModule(t)
	owners := []struct {
		imp     string // an import path, or a prefix ending in "/"
		allowed func(dir string) bool
		why     string
	}{
		{"github.com/go-git/", func(d string) bool { return under(d, "pkg/gitrepo") }, "only pkg/gitrepo talks to go-git"},
		{"github.com/go-git/go-git/v5", never, "go-git's root package links every transport (HTTP, SSH, the server side); pkg/gitrepo uses its storage, plumbing and object packages"},
		{"github.com/go-git/go-git/v5/plumbing/transport/", never, "pm talks to no remote"},
		{"golang.org/x/crypto/ssh", never, "pm talks to no remote"},
		{"github.com/spf13/cobra", func(d string) bool { return under(d, "pkg/cmd") }, "only commands know cobra"},
		{"github.com/adrg/frontmatter", func(d string) bool { return d == "pkg/postmortem" }, "pkg/postmortem alone splits front matter"},
		{"github.com/yuin/goldmark", func(d string) bool { return d == "pkg/postmortem" || d == "bench/goldmarkfloor" }, "pkg/postmortem alone builds goldmark (the floor benchmark parses on its own, by design)"},
		{"github.com/yuin/goldmark/parser", func(d string) bool { return d == "pkg/postmortem" || d == "bench/goldmarkfloor" }, "pkg/postmortem alone parses Markdown"},
		{"github.com/yuin/goldmark/extension", func(d string) bool { return d == "pkg/postmortem" || d == "bench/goldmarkfloor" }, "pkg/postmortem alone chooses the Markdown dialect"},
	}
	var dirs []string
	for d := range pkgs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		for imp := range pkgs[d].imports {
			for _, o := range owners {
				match := imp == o.imp || (strings.HasSuffix(o.imp, "/") && strings.HasPrefix(imp, o.imp))
				if match && !o.allowed(d) {
					t.Errorf("%s imports %s: %s", d, imp, o.why)
				}
			}
			// commands never import each other: shared logic moves down into a domain package
			if rest, ok := strings.CutPrefix(imp, module+"/pkg/cmd/"); ok && under(d, "pkg/cmd") && d != "pkg/cmd/root" {
				if !strings.HasPrefix(rest, "internal/") {
					t.Errorf("%s imports the command package %s: commands do not import each other", d, imp)
				}
			}
			if strings.HasPrefix(imp, module+"/pkg/cmd/") && !under(d, "pkg/cmd") && d != "cmd/pm" {
				t.Errorf("%s imports %s: only commands (and cmd/pm) import pkg/cmd", d, imp)
			}
		}
		// programs exit (cmd/pm, the benchmark tools), and so does the test binary made to run as pm;
		// pkg/internal/interrupt ends the process when a signal stops it, as the signal would have
		program := under(d, "cmd") || under(d, "bench") || d == "pkg/internal/testenv" || d == "pkg/internal/interrupt"
		if len(pkgs[d].exits) > 0 && !program {
			t.Errorf("%s calls os.Exit (%s): only programs exit; pm's packages return errors to cmd/pm", d, strings.Join(pkgs[d].exits, ", "))
		}
		// pm runs with Go's garbage collector as it comes: a command that needs less memory keeps
		// less, it does not turn the collector's dials for the whole process
		if len(pkgs[d].gcSettings) > 0 && !under(d, "bench") {
			t.Errorf("%s changes the process's garbage collection (%s): keep less memory instead", d, strings.Join(pkgs[d].gcSettings, ", "))
		}
	}
	// the project reads documents; it does not lint them (directly or through another package)
	if path, ok := reaches(pkgs, "pkg/project", "pkg/lint"); ok {
		t.Errorf("pkg/project reaches pkg/lint: %s", strings.Join(path, " → "))
	}
	// the leaves import no package of the project but each other as drawn
	for _, leaf := range []string{"pkg/postmortem", "pkg/config", "pkg/gitrepo", "templates", "pkg/severity", "pkg/i18n"} {
		if path, ok := reaches(pkgs, leaf, "pkg/cmdutil"); ok {
			t.Errorf("%s reaches pkg/cmdutil: %s", leaf, strings.Join(path, " → "))
		}
	}
}

// reaches reports whether package from imports package to, directly or through others of the module,
// and by which path.
func reaches(pkgs map[string]*pkgInfo, from, to string) ([]string, bool) {
	prev := map[string]string{from: ""}
	queue := []string{from}
	for len(queue) > 0 {
		d := queue[0]
		queue = queue[1:]
		if d == to {
			var p []string
			for x := d; x != ""; x = prev[x] {
				p = append([]string{x}, p...)
			}
			return p, true
		}
		info := pkgs[d]
		if info == nil {
			continue
		}
		var next []string
		for imp := range info.imports {
			if rest, ok := strings.CutPrefix(imp, module+"/"); ok {
				next = append(next, path.Clean(rest))
			}
		}
		sort.Strings(next)
		for _, n := range next {
			if _, seen := prev[n]; !seen {
				prev[n] = d
				queue = append(queue, n)
			}
		}
	}
	return nil, false
}

// pmDeps lists what cmd/pm links, dependencies of dependencies included (go list -deps).
func pmDeps(t *testing.T) []string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command(goTool, "list", "-deps", "./cmd/pm")
	cmd.Dir = "../../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps ./cmd/pm: %v", err)
	}
	return strings.Fields(string(out))
}

// TestPMLinksNoTransport checks what cmd/pm links, dependencies of dependencies included: none of
// go-git's transports (nor the SSH client they bring), which a single import of go-git's root
// package would add to the binary, its start-up and every link; and none of the tests' helper
// packages.
func TestPMLinksNoTransport(t *testing.T) {
	for _, dep := range pmDeps(t) {
		if dep == "github.com/go-git/go-git/v5" || strings.HasPrefix(dep, "github.com/go-git/go-git/v5/plumbing/transport") ||
			dep == "golang.org/x/crypto/ssh" || strings.HasPrefix(dep, "golang.org/x/crypto/ssh/") {
			t.Errorf("cmd/pm links %s", dep)
		}
		// the tests' helpers: memtmp changes TMPDIR as it starts
		switch dep {
		case "github.com/pm-tools/pm/pkg/internal/testenv", "github.com/pm-tools/pm/pkg/internal/testrepo", "github.com/pm-tools/pm/pkg/internal/memtmp":
			t.Errorf("cmd/pm links the test helper %s", dep)
		}
	}
}

// TestPMLinksNoObjectPackage checks that cmd/pm links neither go-git's object package nor the
// OpenPGP implementation it imports (for commit signature checks pm never makes), whose package
// initialisers, with those of the packages under it, cost every pm process about a tenth of a
// one-file lint's instructions. pkg/gitrepo encodes and decodes objects itself (objects.go); only
// its tests may use go-git's object package, as the reference.
func TestPMLinksNoObjectPackage(t *testing.T) {
	for _, dep := range pmDeps(t) {
		if dep == "github.com/go-git/go-git/v5/plumbing/object" || strings.HasPrefix(dep, "github.com/go-git/go-git/v5/plumbing/object/") ||
			dep == "github.com/ProtonMail/go-crypto" || strings.HasPrefix(dep, "github.com/ProtonMail/go-crypto/") {
			t.Errorf("cmd/pm links %s", dep)
		}
	}
}

// TestPMLinksNoChroma checks that cmd/pm links neither chroma (with regexp2 under it) nor
// encoding/xml: pm site highlights code with its own lexers and HTML writer in chroma's token
// classes (pkg/site/token.go), and writes its Atom feed by hand, and their package initialisers ran
// in every pm process, a pre-commit hook's included. pkg/site's tests use both as the reference.
func TestPMLinksNoChroma(t *testing.T) {
	for _, dep := range pmDeps(t) {
		if strings.HasPrefix(dep, "github.com/alecthomas/chroma") || strings.HasPrefix(dep, "github.com/dlclark/regexp2") || dep == "encoding/xml" {
			t.Errorf("cmd/pm links %s", dep)
		}
	}
}
