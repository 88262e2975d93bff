package convert

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// The test binary doubles as a long-running filter: run through a symbolic link
// named filterPrefix+mode, or with PM_TEST_FILTER=mode in its environment, it
// speaks the filter protocol on stdin/stdout instead of running tests.
func TestMain(m *testing.M) {
	if mode, ok := strings.CutPrefix(filepath.Base(os.Args[0]), filterPrefix); ok {
		os.Exit(fakeFilter(mode))
	}
	if mode := os.Getenv("PM_TEST_FILTER"); mode != "" {
		os.Exit(fakeFilter(mode))
	}
	code := m.Run()
	gitInit.Remove()
	for _, dir := range []string{bigTreeDir, filterDir} {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

func fakeFilter(mode string) int {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	send := func(lines ...string) {
		for _, l := range lines {
			if l == "" {
				writeFlush(out)
			} else {
				writePkt(out, []byte(l+"\n"))
			}
		}
		out.Flush()
	}
	readList := func() ([]string, bool) {
		var l []string
		for {
			line, ok, err := readLine(in)
			if err != nil {
				return l, false
			}
			if !ok {
				return l, true
			}
			l = append(l, line)
		}
	}
	if mode == "exit-at-start" {
		return 3
	}
	if _, ok := readList(); !ok {
		return 1
	}
	switch mode {
	case "bad-welcome":
		send("git-filter-sever", "version=2", "")
	case "bad-version":
		send("git-filter-server", "version=3", "")
	default:
		send("git-filter-server", "version=2", "")
	}
	if _, ok := readList(); !ok {
		// The client hung up on our welcome (a bad-* mode): leave quietly, as
		// at the end of the files, so that it reports what it found wrong, not our
		// exit status, whichever of its kill and our exit comes first.
		return 0
	}
	switch mode {
	case "no-clean":
		send("capability=smudge", "")
	case "bad-capability":
		send("capability=clean", "capability=teleport", "")
	default:
		send("capability=clean", "capability=smudge", "")
	}
	count := 0
	for {
		hdr, ok := readList()
		if !ok {
			return 0 // end of input: git is done with us
		}
		if mode == "exit-mid" {
			return 4
		}
		if mode == "early-error" {
			send("status=error", "")
			for { // and stop reading, without exiting
				time.Sleep(time.Hour)
			}
		}
		var content bytes.Buffer
		for {
			pkt, flush, err := readPkt(in)
			if err != nil {
				return 1
			}
			if flush {
				break
			}
			content.Write(pkt)
		}
		count++
		path := ""
		for _, h := range hdr {
			if p, ok := strings.CutPrefix(h, "pathname="); ok {
				path = p
			}
		}
		data := content.Bytes()
		switch {
		case mode == "abort":
			send("status=abort", "")
			continue
		case mode == "error" && bytes.Contains(data, []byte("bad")):
			send("status=error", "")
			continue
		case mode == "count":
			data = append([]byte(fmt.Sprintf("%d:", count)), data...)
		default:
			data = bytes.ToUpper(data)
			data = append(data, []byte("\npath="+path+"\n")...)
		}
		send("status=success", "")
		for len(data) > 0 {
			n := min(len(data), pktDataMax)
			writePkt(out, data[:n])
			data = data[n:]
		}
		writeFlush(out)
		if mode == "error-after" {
			send("status=error", "")
		} else {
			send("") // keep "success"
		}
	}
}

const filterPrefix = "pm-test-filter-"

var (
	filterDir     string // removed by TestMain
	filterDirOnce = sync.OnceValues(func() (string, error) {
		dir, err := os.MkdirTemp("", "pm-convert-filters-")
		filterDir = dir
		return dir, err
	})
)

// filterCommand is the command line of the fake filter in mode: the path of a
// symbolic link to the test binary, which git (and Converter) run without a shell
// when it has no shell metacharacters; else the binary with PM_TEST_FILTER, through
// the shell.
func filterCommand(t *testing.T, mode string) string {
	t.Helper()
	exe, err := filepath.Abs(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	dir, err := filterDirOnce()
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, filterPrefix+mode)
	if err := os.Symlink(exe, link); err != nil && !os.IsExist(err) {
		return "PM_TEST_FILTER=" + mode + " " + shellQuote(exe)
	}
	if strings.ContainsAny(link, "|&;<>()$`\\\"' \t\n*?[#~=%") {
		return shellQuote(link)
	}
	return link
}

// addAll writes files and adds them with one git add, which must take them all.
func addAll(t *testing.T, r *testRepo, files map[string]string) map[string]string {
	t.Helper()
	var paths []string
	for p, data := range files {
		r.write(p, data)
		paths = append(paths, p)
	}
	blobs, refused, _ := gitAdd(t, r, paths)
	if len(refused) > 0 {
		t.Fatalf("git add refused %v", refused)
	}
	return blobs
}

func TestCleanCommandMatchesGit(t *testing.T) {
	t.Parallel()
	r := newTestRepo(t)
	clean := `printf '%%s|' %f; tr a-z A-Z`
	r.setConfig("filter.up.clean", clean)
	r.write(".gitattributes", "*.txt filter=up\n*.raw filter=unconfigured\n")
	files := map[string]string{
		"a.txt":                "hello secret\n",
		"dir/it's a file!.txt": "quote me\r\n",
		"x.raw":                "left alone\n",
		"big.txt":              strings.Repeat("abcdefgh\n", 200000),
	}
	conv := NewConverter(Config{WorkTree: r.dir, Drivers: map[string]Driver{"up": {Clean: clean}}})
	defer conv.Close()
	checker := NewAttrChecker(r.sources())
	blobs := addAll(t, r, files)
	for p, data := range files {
		want := blobs[p]
		a, _ := checker.Lookup(p)
		res, err := conv.ToGit(p, []byte(data), a, nil)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if got := blobID(res.Data); got != want {
			t.Errorf("%s: got %q...", p, res.Data[:min(len(res.Data), 80)])
		}
	}
}

// TestCleanFailures: where git would store the unfiltered file (a filter that is
// not required and fails), pm refuses; where git fails, so do we.
func TestCleanFailures(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		drv       Driver
		gitFails  bool
		wantInErr []string
		// gitQuick asks git in the quick tier too: a failing filter git stores the file
		// past, through the shell and not, a required one, and one that succeeds. The full
		// tier asks git about every case.
		gitQuick bool
	}{
		{name: "exit status", drv: Driver{Clean: "cat >/dev/null; echo oops >&2; exit 2"}, wantInErr: []string{"exit status 2", "oops"}, gitQuick: true},
		{name: "required exit status", drv: Driver{Clean: "false", Required: true}, gitFails: true, wantInErr: []string{"exit status 1"}, gitQuick: true},
		{name: "missing program", drv: Driver{Clean: `"git-crypt" clean`}, wantInErr: []string{`"git-crypt" not found`}},
		{name: "missing program direct", drv: Driver{Clean: "git-crypt-absent"}, wantInErr: []string{`"git-crypt-absent" not found`}, gitQuick: true},
		{name: "required without clean", drv: Driver{Required: true}, gitFails: true, wantInErr: []string{"required"}},
		{name: "missing process", drv: Driver{Process: "git-lfs filter-process", ProcessSet: true, Required: true}, gitFails: true, wantInErr: []string{`"git-lfs" not found`}},
		{name: "ignores its input", drv: Driver{Clean: "echo constant"}, gitQuick: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := strings.Repeat("some content\n", 50000)
			workTree := t.TempDir()
			var r *testRepo
			if tc.gitQuick || testenv.Full() {
				r = newTestRepo(t)
				workTree = r.dir
				r.env = append(r.env, "PATH=/usr/bin:/bin")
				if tc.drv.Clean != "" {
					r.setConfig("filter.f.clean", tc.drv.Clean)
				}
				if tc.drv.Process != "" {
					r.setConfig("filter.f.process", tc.drv.Process)
				}
				r.setConfig("filter.f.required", fmt.Sprint(tc.drv.Required))
				r.write(".gitattributes", "*.txt filter=f\n")
				r.write("a.txt", data)
				if _, stderr, gitErr := r.run(nil, "add", "--", "a.txt"); (gitErr != nil) != tc.gitFails {
					t.Fatalf("git add error %v, expected failure %v\n%s", gitErr, tc.gitFails, stderr)
				}
			}
			conv := NewConverter(Config{WorkTree: workTree, Drivers: map[string]Driver{"f": tc.drv}, Env: []string{"PATH=/usr/bin:/bin"}})
			defer conv.Close()
			a := NewAttributes(map[string]Value{"filter": {State: Valued, Text: "f"}})
			res, err := conv.ToGit("a.txt", []byte(data), a, nil)
			if tc.wantInErr == nil {
				if want := lsFiles(t, r)["a.txt"]; err != nil || blobID(res.Data) != want {
					t.Fatalf("got %q, %v; git stored %s", res.Data, err, want)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error; got %q", res.Data)
			}
			if !errors.Is(err, ErrFilter) {
				t.Errorf("error %v is not ErrFilter", err)
			}
			for _, s := range append(tc.wantInErr, `"f"`, "a.txt") {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
		})
	}
}

func TestProcessFilterMatchesGit(t *testing.T) {
	t.Parallel()
	r := newTestRepo(t)
	proc := filterCommand(t, "upper")
	r.setConfig("filter.up.process", proc)
	r.setConfig("filter.up.required", "true")
	r.write(".gitattributes", "*.txt filter=up text\n")
	files := map[string]string{
		"a.txt":     "hello\r\nworld\r\n",
		"d/b c.txt": "",
		"big.txt":   strings.Repeat("x", 3*pktDataMax+17),
		"exact.txt": strings.Repeat("y", pktDataMax),
	}
	conv := NewConverter(Config{WorkTree: r.dir, Drivers: map[string]Driver{"up": {Process: proc, ProcessSet: true, Required: true}}})
	defer conv.Close()
	checker := NewAttrChecker(r.sources())
	blobs := addAll(t, r, files)
	for p, data := range files {
		want := blobs[p]
		a, _ := checker.Lookup(p)
		res, err := conv.ToGit(p, []byte(data), a, nil)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if got := blobID(res.Data); got != want {
			t.Errorf("%s: got %q", p, res.Data[:min(80, len(res.Data))])
		}
	}
	if len(conv.procs) != 1 {
		t.Errorf("%d filter processes running, want 1", len(conv.procs))
	}
	if err := conv.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

func TestProcessFilterOneProcessPerCommand(t *testing.T) {
	t.Parallel()
	proc := filterCommand(t, "count")
	conv := NewConverter(Config{WorkTree: t.TempDir(), Drivers: map[string]Driver{"c": {Process: proc}}})
	defer conv.Close()
	a := NewAttributes(map[string]Value{"filter": {State: Valued, Text: "c"}})
	for i := 1; i <= 3; i++ {
		res, err := conv.ToGit("f", []byte("x"), a, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("%d:x", i); string(res.Data) != want {
			t.Errorf("file %d: got %q want %q", i, res.Data, want)
		}
	}
}

func TestProcessFilterFailures(t *testing.T) {
	t.Parallel()
	cases := []struct {
		mode      string
		data      string
		required  bool
		wantErr   string // "" means the content passes through unfiltered
		gitFails  bool
		thenWorks bool // a second, good file goes through
		// gitQuick asks git in the quick tier too: one case of each way git ends
		// (content stored as it is, after a filter that offers no clean or fails
		// on it; a required filter that offers no clean, dies, or fails the
		// handshake). The full tier asks git about every case.
		gitQuick bool
	}{
		{mode: "no-clean", data: "abc", gitQuick: true},
		{mode: "no-clean", data: "abc", required: true, wantErr: "does not offer clean", gitFails: true, gitQuick: true},
		{mode: "error", data: "bad", wantErr: `status "error"`, thenWorks: true, gitQuick: true},
		{mode: "error", data: "bad", required: true, wantErr: `status "error"`, gitFails: true},
		{mode: "abort", data: "abc", wantErr: `status "abort"`},
		{mode: "error-after", data: "abc", wantErr: `status "error" after the content`},
		{mode: "exit-mid", data: "abc", required: true, wantErr: "exit status 4", gitFails: true, gitQuick: true},
		{mode: "exit-at-start", data: "abc", required: true, wantErr: "exit status 3", gitFails: true},
		{mode: "early-error", data: strings.Repeat("z", 1<<20), wantErr: "before reading the whole file"},
		{mode: "bad-welcome", data: "abc", required: true, wantErr: "git-filter-sever", gitFails: true},
		{mode: "bad-version", data: "abc", required: true, wantErr: "version=3", gitFails: true, gitQuick: true},
		{mode: "bad-capability", data: "abc", required: true, wantErr: "teleport", gitFails: true},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s required=%v", tc.mode, tc.required), func(t *testing.T) {
			proc := filterCommand(t, tc.mode)
			// git would wait for an early-error filter for ever.
			if tc.mode != "early-error" && (tc.gitQuick || testenv.Full()) {
				r := newTestRepo(t)
				r.setConfig("filter.f.process", proc)
				r.setConfig("filter.f.required", fmt.Sprint(tc.required))
				r.write(".gitattributes", "*.txt filter=f\n")
				r.write("a.txt", tc.data)
				if _, stderr, err := r.run(nil, "add", "--", "a.txt"); (err != nil) != tc.gitFails {
					t.Errorf("git add: %v %s; expected failure %v", err, stderr, tc.gitFails)
				}
			}
			conv := NewConverter(Config{WorkTree: t.TempDir(), Drivers: map[string]Driver{"f": {Process: proc, Required: tc.required}}})
			defer conv.Close()
			a := NewAttributes(map[string]Value{"filter": {State: Valued, Text: "f"}})
			res, err := conv.ToGit("a.txt", []byte(tc.data), a, nil)
			if tc.wantErr == "" {
				if err != nil || string(res.Data) != tc.data {
					t.Fatalf("got %q, %v; want the content unfiltered", res.Data, err)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrFilter) || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "a.txt") {
				t.Fatalf("error %v, want ErrFilter mentioning %q and the file", err, tc.wantErr)
			}
			if tc.thenWorks {
				res, err := conv.ToGit("b.txt", []byte("good"), a, nil)
				if err != nil || !strings.HasPrefix(string(res.Data), "GOOD") {
					t.Errorf("next file: %q, %v", res.Data, err)
				}
			}
			if tc.mode == "abort" {
				if _, err := conv.ToGit("b.txt", []byte("good"), a, nil); err == nil {
					t.Errorf("a filter that aborted filtered another file")
				}
			}
		})
	}
}
