package gitrepo

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

func TestFixUTF8(t *testing.T) {
	for in, want := range map[string]string{
		"plain ascii\n":           "plain ascii\n",
		"naïve 決済 😀\n":            "naïve 決済 😀\n",
		"na\xe9ve\n":              "na\u00e9ve\n",       // Latin-1 é
		"\xff\xfe":                "\u00ff\u00fe",       // no lead byte of 4+ continuations
		"\xc3":                    "\u00c3",             // cut short
		"\xc0\xaf":                "\u00c0\u00af",       // overlong '/'
		"\xed\xa0\x80":            "\u00ed\u00a0\u0080", // a surrogate
		"\xef\xbf\xbe":            "\u00ef\u00bf\u00be", // U+FFFE
		"\xef\xb7\x90":            "\u00ef\u00b7\u0090", // U+FDD0
		"\xf4\x90\x80\x80":        "\u00f4\u0090\u0080\u0080",
		"ok \xe6\xb1\xba \x80 ok": "ok 決 \u0080 ok",
	} {
		got, ok := fixUTF8([]byte(in))
		if string(got) != want || ok != (in == want) || !utf8.Valid(got) {
			t.Errorf("fixUTF8(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// A commit-msg hook that writes Latin-1 bytes: git stores them as UTF-8, and so does pm (the same
// commit, to the byte).
func TestCommitMessageNotUTF8MatchesGit(t *testing.T) {
	t.Parallel()
	tw := newTwin(t, baseRepo)
	for _, f := range []*fixture{tw.git, tw.pm} {
		tw.hook(f, "commit-msg", "#!/bin/sh\nprintf '\\nna\\351ve \\303\\251\\n' >> \"$1\"\n")
	}
	tw.both("a.md", "changed\n")
	if out, err := tw.commitGit("msg", false, "a.md"); err != nil {
		t.Fatalf("git: %v\n%s", err, out)
	}
	if _, out, err := tw.commitPM("msg", false, "a.md"); err != nil {
		t.Fatalf("pm: %v\n%s", err, out)
	}
	tw.same()
	if g, p := tw.git.gitStdout(tw.git.root, "rev-parse", "HEAD"), tw.pm.gitStdout(tw.pm.root, "rev-parse", "HEAD"); g != p {
		t.Errorf("HEAD differs: git %s, pm %s", g, p)
	}
}

// A NUL byte a hook leaves in the message: git refuses the commit, and so does pm.
func TestCommitMessageWithNULRefused(t *testing.T) {
	t.Parallel()
	f, _ := pmBase(t)
	dir := filepath.Join(f.repo.GitDir(), "hooks")
	mustNoErr(t, os.MkdirAll(dir, 0o755))
	mustNoErr(t, os.WriteFile(filepath.Join(dir, "commit-msg"), []byte("#!/bin/sh\nprintf 'subj\\n\\000nul\\n' >> \"$1\"\n"), 0o755))
	f.write("a.md", "changed\n")
	before := takeSnapshot(t, f)
	_, err := f.repo.CommitOnly([]string{"a.md"}, "m", sig("A"), sig("C"))
	wantErr(t, err, ErrBadMessage)
	if takeSnapshot(t, f).branch != before.branch {
		t.Error("the branch moved")
	}
}
