package timeline

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"
	"time"
)

func collapse(t testing.TB, in []byte) []byte {
	t.Helper()
	// one byte at a time as well as whole: the state carries across reads
	whole, err := io.ReadAll(jsonInput(bytes.NewReader(in)))
	if err != nil {
		t.Fatal(err)
	}
	bytewise, err := io.ReadAll(jsonInput(iotest.OneByteReader(bytes.NewReader(in))))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole, bytewise) {
		t.Fatalf("%q: read whole %q, byte by byte %q", in, whole, bytewise)
	}
	return whole
}

func TestJSONInputCollapsesSpaceOutsideStrings(t *testing.T) {
	cases := map[string]string{
		"[ 1 ,\n\t 2 ]":            "[ 1 , 2 ]",
		"[1 2]":                    "[1 2]", // still two numbers, still malformed
		`{"a  b" :  "c\" \t d"}`:   `{"a  b" : "c\" \t d"}`,
		`["\\"   ,  "x"]`:          `["\\" , "x"]`,
		"   \r\n  ":                " ",
		`"unterminated   string  `: `"unterminated   string  `,
	}
	for in, want := range cases {
		if got := collapse(t, []byte(in)); string(got) != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

// FuzzJSONInput: what pm decodes through jsonInput is what encoding/json makes of the file itself,
// valid or not.
func FuzzJSONInput(f *testing.F) {
	for _, s := range []string{`[1, 2]`, `{"a": [true, null, "x\"  y"]}`, "[1 2]", `"\\"`, "  {}  ", `[{"ts":"1.2","text":"a\tb"}]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out := collapse(t, in)
		if json.Valid(in) != json.Valid(out) {
			t.Fatalf("%q valid %v, collapsed %q valid %v", in, json.Valid(in), out, json.Valid(out))
		}
		if !json.Valid(in) {
			return
		}
		var a, b any
		if err := json.Unmarshal(in, &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(out, &b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%q decodes to %#v, collapsed %q to %#v", in, a, out, b)
		}
	})
}

func TestCappedRead(t *testing.T) {
	read := func(n int, limit int64) error {
		_, err := io.ReadAll(&capped{r: bytes.NewReader(make([]byte, n)), left: limit})
		return err
	}
	if err := read(10, 10); err != nil {
		t.Errorf("exactly the limit: %v", err)
	}
	if err := read(11, 10); !isTooLarge(err) {
		t.Errorf("one byte past the limit: %v", err)
	}
}

// TestSlackDayPaddedWithSpace: a day file that is mostly whitespace (8 MB), in a zip (whose reader
// hands the JSON decoder small pieces), imports as the same file without it. Read straight by
// encoding/json's Decoder, the run is scanned again at every refill: seconds for this file, minutes
// for a few times more.
func TestSlackDayPaddedWithSpace(t *testing.T) {
	root := filepath.Join(fixtures, "slack")
	zpath := filepath.Join(t.TempDir(), "export.zip")
	f, err := os.Create(zpath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		name := filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if name == "inc-checkout/2026-11-20.json" {
			pad := bytes.Repeat([]byte(" \n"), 4<<20)
			data = append(append(append([]byte{}, data[:1]...), pad...), data[1:]...)
		}
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil || f.Close() != nil {
		t.Fatal(err)
	}
	padded, err := ReadSlack(zpath, SlackOptions{Channels: []string{"inc-checkout"}, All: true})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := ReadSlack(root, SlackOptions{Channels: []string{"inc-checkout"}, All: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(padded.Events) == 0 || !reflect.DeepEqual(rows(padded.Events), rows(plain.Events)) {
		t.Errorf("padded: %q\nplain: %q", rows(padded.Events), rows(plain.Events))
	}
}

// zeros reads as /dev/zero does: without end.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestReadCSVRefusesWhatIsNoCSV: a device that never ends (pm timeline import csv /dev/zero) and a
// binary file are one-line errors, not a hang or a table of garbage.
func TestReadCSVRefusesWhatIsNoCSV(t *testing.T) {
	_, err := ReadCSV(zeros{}, "/dev/zero", time.UTC, Window{})
	if err == nil || !strings.HasPrefix(err.Error(), "/dev/zero: larger than 64 MiB") {
		t.Errorf("endless input: %v", err)
	}
	_, err = ReadCSV(strings.NewReader("time,event\n2026-11-20 10:00,a\x00b\n"), "x.csv", time.UTC, Window{})
	if err == nil || err.Error() != "x.csv: not a text file (a NUL byte at offset 29): want CSV" {
		t.Errorf("NUL byte: %v", err)
	}
	// an event with an unquoted comma would lose what follows it: refused; empty cells past the
	// header (a spreadsheet's trailing commas) are not
	_, err = ReadCSV(strings.NewReader("time,event\n2026-11-20 10:00,rolled back, then paged\n"), "x.csv", time.UTC, Window{})
	if err == nil || err.Error() != "x.csv:2: 3 fields where the header names 2: put a field that holds a comma in double quotes" {
		t.Errorf("extra field: %v", err)
	}
	// a header ending in an empty name names no column there
	_, err = ReadCSV(strings.NewReader("time,event,\n2026-11-20 10:00,a, b\n"), "x.csv", time.UTC, Window{})
	if err == nil || !strings.Contains(err.Error(), "3 fields where the header names 2") {
		t.Errorf("extra field under an empty header name: %v", err)
	}
	evs, err := ReadCSV(strings.NewReader("time,event\n2026-11-20 10:00,rolled back,,\n"), "x.csv", time.UTC, Window{})
	if err != nil || len(evs) != 1 || evs[0].Text != "rolled back" {
		t.Errorf("empty cells past the header: %+v, %v", evs, err)
	}
}

// TestSlackZipWithPassword: a password-protected export (zip -P) is said to be one, not read as
// malformed JSON (Go's zip reader hands over an encrypted entry's bytes as they are).
func TestSlackZipWithPassword(t *testing.T) {
	zpath := filepath.Join(t.TempDir(), "export.zip")
	f, err := os.Create(zpath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, name := range []string{"channels.json", "users.json", "inc-checkout/2026-11-20.json"} {
		// the encryption flag, and bytes such as ZipCrypto leaves
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Flags: 0x1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte{0x9c, 0x1f, 0xe2, 0x07, 0x51, 0xaa, 0x30, 0x0d, 0x6e, 0xbb, 0x42, 0x01}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil || f.Close() != nil {
		t.Fatal(err)
	}
	_, err = ReadSlack(zpath, SlackOptions{Channels: []string{"inc-checkout"}, All: true})
	want := zpath + ": channels.json in the zip is password-protected: unzip the export with its password and import the folder"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

// TestSlackUsersNotHeldWhole: users.json is read for the people the messages name; a workspace's
// list of users (or a zip's users.json made to expand to a gigabyte of them) is not kept in memory.
// The heap is measured when the last byte of users.json is read, while the reader still holds
// what it kept.
func TestSlackUsersNotHeldWhole(t *testing.T) {
	var users bytes.Buffer
	users.WriteString(`[{"id": "U01AIKO", "profile": {"real_name": "Aiko Tanaka"}}, {"id": "U02BEN", "real_name": "Ben Okafor"}`)
	for i := range 300_000 {
		fmt.Fprintf(&users, `,{"id": "U%09d", "real_name": "Someone number %09d in another team"}`, i, i)
	}
	users.WriteString("]")
	day := `[{"type": "message", "user": "U01AIKO", "ts": "1795133645.000100", "text": "paging <@U02BEN>"}]`
	var before runtime.MemStats
	var atEnd uint64
	fsys := measuredFS{MapFS: fstest.MapFS{
		"channels.json":                {Data: []byte(`[{"id": "C01CHECKOUT", "name": "inc-checkout"}]`)},
		"users.json":                   {Data: users.Bytes()},
		"inc-checkout/2026-11-20.json": {Data: []byte(day)},
	}, name: "users.json", atEOF: func() {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		atEnd = m.HeapAlloc
	}}
	runtime.GC()
	runtime.ReadMemStats(&before)
	s, err := ReadSlackFS(fsys, "export", SlackOptions{Channels: []string{"inc-checkout"}, All: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Events) != 1 || s.Events[0].Text != "Aiko Tanaka: paging @Ben Okafor" {
		t.Errorf("rows %q", rows(s.Events))
	}
	if grew := int64(atEnd) - int64(before.HeapAlloc); grew > 8<<20 {
		t.Errorf("the heap grew by %d MiB reading users.json: its users are held", grew>>20)
	}
}

// measuredFS calls atEOF when the file name has been read to its end.
type measuredFS struct {
	fstest.MapFS
	name  string
	atEOF func()
}

func (m measuredFS) Open(name string) (fs.File, error) {
	f, err := m.MapFS.Open(name)
	if err != nil || name != m.name {
		return f, err
	}
	return &measuredFile{File: f, atEOF: m.atEOF}, nil // each opening measured once
}

type measuredFile struct {
	fs.File
	atEOF func()
	done  bool
}

func (f *measuredFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	if err == io.EOF && !f.done {
		f.done = true
		f.atEOF()
	}
	return n, err
}

// TestSlackChannelsNotHeldWhole: channels.json is read for the incident's channels and those the
// messages mention (<#C…>), not held whole.
func TestSlackChannelsNotHeldWhole(t *testing.T) {
	var channels bytes.Buffer
	channels.WriteString(`[{"id": "C01CHECKOUT", "name": "inc-checkout"}, {"id": "C02GENERAL", "name": "general"}`)
	for i := range 300_000 {
		fmt.Fprintf(&channels, `,{"id": "C%09d", "name": "some-other-channel-of-the-workspace-%09d"}`, i, i)
	}
	channels.WriteString("]")
	day := `[{"type": "message", "user": "U01AIKO", "ts": "1795133645.000100", "text": "see <#C02GENERAL>"}]`
	var before runtime.MemStats
	var atEnd uint64
	fsys := measuredFS{MapFS: fstest.MapFS{
		"channels.json":                {Data: channels.Bytes()},
		"users.json":                   {Data: []byte(`[{"id": "U01AIKO", "real_name": "Aiko Tanaka"}]`)},
		"inc-checkout/2026-11-20.json": {Data: []byte(day)},
	}, name: "channels.json", atEOF: func() {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		atEnd = max(atEnd, m.HeapAlloc)
	}}
	runtime.GC()
	runtime.ReadMemStats(&before)
	s, err := ReadSlackFS(fsys, "export", SlackOptions{Channels: []string{"inc-checkout"}, All: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Events) != 1 || s.Events[0].Text != "Aiko Tanaka: see #general" {
		t.Errorf("rows %q", rows(s.Events))
	}
	if grew := int64(atEnd) - int64(before.HeapAlloc); grew > 8<<20 {
		t.Errorf("the heap grew by %d MiB reading channels.json: its channels are held", grew>>20)
	}
}
