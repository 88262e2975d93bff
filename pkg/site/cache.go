package site

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"github.com/pm-tools/pm/pkg/internal/interrupt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// CacheDir is the folder, inside the output folder, where pm site keeps what it made of each
// document between builds.
const CacheDir = ".pm-cache"

// cacheVersion changes whenever what the cache holds, or how pages are made from it, changes.
const cacheVersion = "site-cache-5"

const (
	manifestFile = "manifest"
	// oldManifestFile is the manifest of the site a build is changing, moved aside while it runs:
	// never trusted as a cache, but the list of the files pm wrote when the build fails half-way
	// (readPages).
	oldManifestFile = "manifest.old"
	packFile        = "pack"
)

// errCorrupt is a cache that does not hold what its manifest says: the build starts again without it.
var errCorrupt = errors.New("the cache is corrupt")

// rec is what the site keeps of one postmortem file between builds: how to tell the file has not
// changed (size, modification time, hash of its bytes), what its pages show of it, and where its
// rendered body, its plain text and its External Message wait in the pack.
type rec struct {
	Path     string // as the source names it (absolute)
	Rel      string // relative to the repository root, slash-separated
	ID       string
	Size     int64
	MTime    int64
	Sum      [32]byte // SHA-256 of the file's bytes
	Skip     bool     // unreadable, or no usable front matter: the site leaves it out
	Fields   postmortem.Fields
	Items    []postmortem.ActionItem
	Findings []Finding
	Summary  string
	Links    []string // ids of the postmortems the body links to
	Deps     string   // what besides its bytes the findings and the body were made with (see deps)
	Body     span
	Text     span // the distinct words of its title, summary and text, for the search
	Message  span
	// JSON is its entry of index.json, made when its data had the fingerprint JSONFP.
	JSON   span
	JSONFP fingerprint

	readErr error // why Read failed, in the build that read it (not kept in the cache)
}

// span is a piece of the pack, with a checksum: a damaged pack is noticed, not shown.
type span struct {
	Off, Len int64
	CRC      uint32
}

// manifest is the cache's index: every file's rec, and the fingerprint of every file of the site
// as last written (a page is written again only when its fingerprint changes).
type manifest struct {
	Version  string
	Salt     []byte
	Recs     []*rec
	Pages    map[string]fingerprint
	PackSize int64

	// written is the manifest file's modification time (ns): a file whose time is not older than
	// it may have changed in the same tick of the file system's clock after its rec was made, so
	// its size and time prove nothing (git's "racily clean" rule) and its hash decides.
	written int64
}

// readManifest is the manifest file name of out without its checksum; nil when there is none or its
// checksum does not hold.
func readManifest(out, name string) []byte {
	data, err := os.ReadFile(filepath.Join(out, CacheDir, name))
	if err != nil || len(data) < sha256.Size {
		return nil
	}
	sum, body := data[:sha256.Size], data[sha256.Size:]
	if s := sha256.Sum256(body); !bytes.Equal(s[:], sum) {
		return nil
	}
	return body
}

// loadManifest reads the cache of out; nil when there is none, or it is corrupt, or from another
// version of pm or other settings (salt): such a cache is never trusted.
func loadManifest(out string, salt []byte) *manifest {
	body := readManifest(out, manifestFile)
	if body == nil {
		return nil
	}
	m, err := decodeManifest(body)
	if err != nil {
		return nil
	}
	if fi, err := os.Stat(filepath.Join(out, CacheDir, manifestFile)); err == nil {
		m.written = fi.ModTime().UnixNano()
	}
	if m.Version != cacheVersion || !bytes.Equal(m.Salt, salt) || m.Pages == nil {
		return nil
	}
	if fi, err := os.Stat(filepath.Join(out, CacheDir, packFile)); err != nil || fi.Size() < m.PackSize {
		return nil
	}
	return m
}

// pagesVersions are the cache versions whose manifest begins as this one's does (decodeHead).
var pagesVersions = []string{"site-cache-4", cacheVersion}

// readPages returns the files of the site in out as its manifest lists them (site-relative,
// slash-separated): what pm wrote there, whatever version of pm or settings wrote it, so that a
// whole build can remove the files it no longer writes and keep everyone else's. Without a manifest,
// the one a failed build moved aside does. It is nil when there is neither, or they are corrupt or of
// a version that does not list them so: then nobody knows which files of the folder pm wrote.
func readPages(out string) map[string]fingerprint {
	for _, name := range []string{manifestFile, oldManifestFile} {
		body := readManifest(out, name)
		if body == nil {
			continue
		}
		d := &dec{b: body}
		m := decodeHead(d)
		if d.err == nil && slices.Contains(pagesVersions, m.Version) {
			return m.Pages
		}
	}
	return nil
}

// save writes the manifest into dir (the cache folder), checksummed, through a temporary file: the
// manifest is streamed into it, and its checksum written in front at the end.
func (m *manifest) save(dir string) error {
	path := filepath.Join(dir, manifestFile)
	var tmp *os.File
	release, err := interrupt.Do(func() error {
		var err error
		tmp, err = os.CreateTemp(dir, ".new-*")
		return err
	}, func() { os.Remove(tmp.Name()) })
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer release()
	h := sha256.New()
	b := bufio.NewWriterSize(tmp, 256<<10)
	b.Write(make([]byte, sha256.Size))
	err = writeManifest(io.MultiWriter(b, h), m)
	if err == nil {
		err = b.Flush()
	}
	if err == nil {
		_, err = tmp.WriteAt(h.Sum(nil), 0)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// pack is one file holding the rendered bodies, texts and messages of every postmortem, appended
// to as documents change: one file instead of thousands, read back piece by piece.
type pack struct {
	mu    sync.Mutex
	f     *os.File
	w     *bufio.Writer
	size  int64
	live  int64 // bytes of the spans in use
	dirty bool
}

// openPack opens the pack in dir: a new one, or the old one cut back to size (what a failed build
// appended after it is dropped).
func openPack(dir string, size int64) (*pack, error) {
	flags := os.O_RDWR | os.O_CREATE
	if size == 0 {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(filepath.Join(dir, packFile), flags, 0o644)
	if err != nil {
		return nil, err
	}
	if err := f.Truncate(size); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(size, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return &pack{f: f, w: bufio.NewWriterSize(f, 1<<20), size: size}, nil
}

// add appends data and says where it is.
func (p *pack) add(data []byte) (span, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := span{Off: p.size, Len: int64(len(data)), CRC: crc32.ChecksumIEEE(data)}
	if _, err := p.w.Write(data); err != nil {
		return span{}, err
	}
	p.size += s.Len
	p.dirty = true
	return s, nil
}

// read returns a span's bytes into buf (grown as needed), checking them.
func (p *pack) read(s span, buf []byte) ([]byte, error) {
	p.mu.Lock()
	if p.dirty {
		if err := p.w.Flush(); err != nil {
			p.mu.Unlock()
			return nil, err
		}
		p.dirty = false
	}
	p.mu.Unlock()
	if s.Len == 0 {
		return buf[:0], nil
	}
	if int64(cap(buf)) < s.Len {
		buf = make([]byte, s.Len)
	}
	buf = buf[:s.Len]
	if _, err := p.f.ReadAt(buf, s.Off); err != nil {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	if crc32.ChecksumIEEE(buf) != s.CRC {
		return nil, errCorrupt
	}
	return buf, nil
}

func (p *pack) close() error {
	if p.f == nil {
		return nil
	}
	defer func() { p.f = nil }()
	err := p.w.Flush()
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	return err
}
