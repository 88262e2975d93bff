package site

import (
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// CacheDir is the folder, inside the output folder, where pm site keeps what it made of each
// document between builds.
const CacheDir = ".pm-cache"

// cacheVersion changes whenever what the cache holds, or how pages are made from it, changes.
const cacheVersion = "site-cache-2"

// Cache keeps the rendered body, the lint findings and the text of each postmortem between builds,
// under the output folder, by a hash of the document's bytes and of everything else they depend on
// (the salt): a rebuild renders and lints only the documents that changed.
type Cache struct {
	dir  string
	salt []byte
	used sync.Map // keys read or written by this build
}

// OpenCache opens the cache of the site in out, creating out (marked as pm site's) and the cache
// folder when missing. salt must change whenever anything but a document's bytes would change what is
// made of it: pm's version, the settings, the language, the day, the set of postmortems and their
// relations.
func OpenCache(out string, salt []byte) (*Cache, error) {
	if err := checkOut(out); err != nil {
		return nil, err
	}
	dir := filepath.Join(out, CacheDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	marker := filepath.Join(out, Marker)
	if _, err := os.Stat(marker); errors.Is(err, os.ErrNotExist) {
		if err := os.WriteFile(marker, []byte(markerText), 0o644); err != nil {
			return nil, err
		}
	}
	h := sha256.New()
	h.Write([]byte(cacheVersion + "\x00"))
	h.Write(salt)
	return &Cache{dir: dir, salt: h.Sum(nil)}, nil
}

func (c *Cache) key(src []byte, extra string) string {
	h := sha256.New()
	h.Write(c.salt)
	h.Write([]byte(extra + "\x00"))
	h.Write(src)
	return hex.EncodeToString(h.Sum(nil)[:20])
}

// cached is a document's entry, beside its body (<key>.html).
type cached struct {
	Summary, Text string
	Message       string
	Findings      []Finding
}

// PrepareCached is Prepare through the cache: a document seen before (same bytes, same salt, same
// extra: what else of this one document its findings depend on) takes its findings and rendering
// from the cache, its fields and action items from its front matter and its Action Items section;
// another is linted with lint, rendered, and stored.
func (r *Renderer) PrepareCached(in *Input, c *Cache, extra string, lint func(*postmortem.Doc) []Finding) {
	if in.prep != nil || in.Doc == nil {
		return
	}
	key := c.key(in.Doc.Src, extra)
	c.used.Store(key, true)
	body, entry := filepath.Join(c.dir, key+".html"), filepath.Join(c.dir, key+".gob")
	if f, err := os.Open(entry); err == nil {
		var e cached
		err := gob.NewDecoder(f).Decode(&e)
		f.Close()
		if _, serr := os.Stat(body); err == nil && serr == nil {
			in.Findings = e.Findings
			in.prep = &prepared{fields: in.Doc.Fields, items: in.Doc.ActionItemsOnly(), summary: e.Summary, text: e.Text,
				message: template.HTML(e.Message), spooled: body}
			in.Doc = nil
			return
		}
	}
	in.Findings = lint(in.Doc) // before Prepare, which changes the syntax tree
	r.prepare(in, body)
	p := in.prep
	if p.spooled != body {
		return // the body could not be written: nothing to cache
	}
	e := cached{Summary: p.summary, Text: p.text, Message: string(p.message), Findings: in.Findings}
	tmp, err := os.CreateTemp(c.dir, ".new-*")
	if err != nil {
		return
	}
	err = gob.NewEncoder(tmp).Encode(e)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), entry)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

// Prune removes the entries this build did not use: documents changed or gone.
func (c *Cache) Prune() error {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		key := strings.TrimSuffix(strings.TrimSuffix(e.Name(), ".html"), ".gob")
		if _, ok := c.used.Load(key); !ok {
			os.Remove(filepath.Join(c.dir, e.Name()))
		}
	}
	return nil
}
