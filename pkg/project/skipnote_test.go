//go:build unix

package project

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// A file the scans cannot read is noted with the cause, not as a file without usable front
// matter: a link to nothing, a loop of links, a file pm may not read; one line, the path said once.
func TestSkipNoteSaysWhyAFileWasNotRead(t *testing.T) {
	p := open(t)
	os.MkdirAll(p.Dir(), 0o755)
	os.WriteFile(filepath.Join(p.Dir(), "a.md"), []byte(doc), 0o644)
	os.WriteFile(filepath.Join(p.Dir(), "broken.md"), []byte("---\ntitle: [\n---\n"), 0o644)
	if err := os.Symlink("nowhere.md", filepath.Join(p.Dir(), "dangling.md")); err != nil {
		testenv.Skip(t, "no symlinks:", err)
	}
	os.Symlink("loop.md", filepath.Join(p.Dir(), "loop.md"))
	want := map[string]string{
		"broken.md":   "pm: skipped postmortems/broken.md: no usable front matter (pm lint postmortems/broken.md)",
		"dangling.md": "pm: skipped postmortems/dangling.md: no such file or directory",
		"loop.md":     "pm: skipped postmortems/loop.md: too many levels of symbolic links",
	}
	wantJA := map[string]string{
		"dangling.md": "pm: postmortems/dangling.md をスキップしました: no such file or directory",
	}
	secret := filepath.Join(p.Dir(), "secret.md")
	os.WriteFile(secret, []byte(doc), 0o000)
	if f, err := os.Open(secret); err == nil {
		f.Close() // root reads it all the same
	} else {
		want["secret.md"] = "pm: skipped postmortems/secret.md: permission denied"
	}
	for name, scan := range map[string]func() ([]Entry, error){"Scan": p.Scan, "ScanFront": p.ScanFront} {
		es, err := scan()
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			base := filepath.Base(e.Path)
			w, ok := want[base]
			if !ok {
				if e.Err != nil || !e.Doc.Usable() {
					t.Errorf("%s: %s: %v", name, base, e.Err)
				}
				continue
			}
			var re *ReadError
			if base != "broken.md" && (!errors.As(e.Err, &re) || re.Path != e.Path) {
				t.Errorf("%s: %s: Err %#v, want a *ReadError of the path", name, base, e.Err)
			}
			if got := SkipNote(e, p.RelPath(e.Path)).String(); got != w {
				t.Errorf("%s: %s: %q, want %q", name, base, got, w)
			}
			if w, ok := wantJA[base]; ok {
				if got := SkipNote(e, p.RelPath(e.Path)).In(i18n.JA); got != w {
					t.Errorf("%s: %s: ja %q, want %q", name, base, got, w)
				}
			}
		}
	}
	// The error of ReadFile (pm site reads with it) gives the same note.
	path := filepath.Join(p.Dir(), "dangling.md")
	_, err := ReadFile(path)
	if got := SkipNote(Entry{Path: path, Err: err}, "postmortems/dangling.md").String(); got != want["dangling.md"] {
		t.Errorf("ReadFile: %q", got)
	}
	big := Entry{Path: path, Err: readError(path, &TooLargeError{Size: MaxFileSize + 1})}
	if got, w := SkipNote(big, "postmortems/big.md").String(), "pm: skipped postmortems/big.md: 8,388,609 bytes, over the 8 MiB (8,388,608-byte) limit; pm does not read it"; got != w {
		t.Errorf("too large: %q, want %q", got, w)
	}
	if got, w := SkipNote(big, "postmortems/big.md").In(i18n.JA), "pm: postmortems/big.md をスキップしました: 8,388,609 バイトで、上限の 8 MiB (8,388,608 バイト) を超えています。pm は読みません"; got != w {
		t.Errorf("too large, ja: %q, want %q", got, w)
	}
}

// Under root, chmod 000 does not stop a read: the permission case runs as another user only.
func TestSkipNotePermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		testenv.Unsupported(t, "root reads files of mode 000")
	}
	p := open(t)
	os.MkdirAll(p.Dir(), 0o755)
	os.WriteFile(filepath.Join(p.Dir(), "secret.md"), []byte(doc), 0o000)
	es, err := p.ScanFront()
	if err != nil || len(es) != 1 {
		t.Fatal(es, err)
	}
	if got, w := SkipNote(es[0], "postmortems/secret.md").String(), "pm: skipped postmortems/secret.md: permission denied"; got != w || !errors.Is(es[0].Err, os.ErrPermission) {
		t.Errorf("%q, want %q", got, w)
	}
}

// A file with a NUL byte is not text: pm lint reports it, and the scans skip it saying so, in the
// user's language, rather than reading the rest of it as a postmortem.
func TestSkipNoteNotText(t *testing.T) {
	p := open(t)
	os.MkdirAll(p.Dir(), 0o755)
	os.WriteFile(filepath.Join(p.Dir(), "a.md"), []byte(doc), 0o644)
	os.WriteFile(filepath.Join(p.Dir(), "bin.md"), []byte(doc+"o\x00k\n"), 0o644)
	es, err := p.Scan()
	if err != nil || len(es) != 2 {
		t.Fatal(es, err)
	}
	seen := false
	for _, e := range es {
		if filepath.Base(e.Path) != "bin.md" {
			if e.Err != nil {
				t.Errorf("a.md: %v", e.Err)
			}
			continue
		}
		seen = true
		if e.Err == nil {
			t.Fatal("bin.md read as a postmortem")
		}
		if got, w := SkipNote(e, "postmortems/bin.md").String(), "pm: skipped postmortems/bin.md: not a text file: a postmortem is UTF-8 Markdown"; got != w {
			t.Errorf("%q, want %q", got, w)
		}
		if got, w := SkipNote(e, "postmortems/bin.md").In(i18n.JA), "pm: postmortems/bin.md をスキップしました: テキストファイルではありません: ポストモーテムは UTF-8 の Markdown です"; got != w {
			t.Errorf("ja: %q, want %q", got, w)
		}
	}
	if !seen {
		t.Fatal("bin.md not scanned")
	}
}
