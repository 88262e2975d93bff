package site

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"time"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// The manifest's recs are written in a plain binary form (length-prefixed strings, varints): gob
// took a third of a rebuild's time at 10,000 postmortems. TestCodecCoversFields fails when
// postmortem.Fields gains a field this does not write.

var errShort = errors.New("manifest: truncated record")

type enc struct{ b []byte }

func (e *enc) str(s string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *enc) strs(v []string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(v)))
	for _, s := range v {
		e.str(s)
	}
}

func (e *enc) int(v int64) { e.b = binary.AppendVarint(e.b, v) }

func (e *enc) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *enc) time(t time.Time) {
	data, _ := t.MarshalBinary()
	e.str(string(data))
}

func (e *enc) span(s span) { e.int(s.Off); e.int(s.Len); e.int(int64(s.CRC)) }

type dec struct {
	b   []byte
	err error
}

func (d *dec) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) fail() {
	if d.err == nil {
		d.err = errShort
	}
	d.b = nil
}

func (d *dec) str() string {
	n := d.uvarint()
	if uint64(len(d.b)) < n {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *dec) strs() []string {
	n := d.uvarint()
	if n == 0 || n > uint64(len(d.b)) {
		if n > uint64(len(d.b)) {
			d.fail()
		}
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *dec) int() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) bool() bool {
	if len(d.b) == 0 {
		d.fail()
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func (d *dec) time() time.Time {
	var t time.Time
	if err := t.UnmarshalBinary([]byte(d.str())); err != nil && d.err == nil {
		d.err = err
	}
	return t
}

func (d *dec) span() span { return span{Off: d.int(), Len: d.int(), CRC: uint32(d.int())} }

func (e *enc) rec(x *rec) {
	e.str(x.Path)
	e.str(x.Rel)
	e.str(x.ID)
	e.int(x.Size)
	e.int(x.MTime)
	e.str(string(x.Sum[:]))
	e.bool(x.Skip)
	f := &x.Fields
	e.str(f.Title)
	e.str(f.Severity)
	e.str(string(f.Status))
	e.str(f.Owner)
	e.str(f.IncidentCommander)
	e.time(f.IncidentDate)
	e.time(f.Meeting)
	e.str(f.BadMeeting)
	e.bool(f.ExternalMessage)
	e.bool(f.FullOutage)
	e.str(f.CallRecording)
	e.int(int64(len(f.StatusHistory)))
	for _, h := range f.StatusHistory {
		e.str(h.Status)
		e.str(h.At)
		e.str(h.By)
		e.bool(h.Forced)
	}
	e.strs(f.Services)
	e.strs(f.Tags)
	e.strs(f.ContributingFactors)
	e.strs(f.Related)
	e.str(f.RecurrenceOf)
	e.int(int64(len(x.Items)))
	for _, it := range x.Items {
		data, _ := it.GobEncode()
		e.str(string(data))
	}
	e.int(int64(len(x.Findings)))
	for _, g := range x.Findings {
		e.int(int64(g.Line))
		e.int(int64(g.Column))
		e.str(g.Rule)
		e.str(g.Severity)
		e.str(g.Message)
	}
	e.str(x.Summary)
	e.strs(x.Links)
	e.str(x.Deps)
	e.span(x.Body)
	e.span(x.Text)
	e.span(x.Message)
	e.span(x.JSON)
	e.str(string(x.JSONFP[:]))
}

func (d *dec) rec() *rec {
	x := &rec{Path: d.str(), Rel: d.str(), ID: d.str(), Size: d.int(), MTime: d.int()}
	copy(x.Sum[:], d.str())
	x.Skip = d.bool()
	f := &x.Fields
	f.Title, f.Severity, f.Status, f.Owner, f.IncidentCommander = d.str(), d.str(), postmortem.Status(d.str()), d.str(), d.str()
	f.IncidentDate, f.Meeting = d.time(), d.time()
	f.BadMeeting = d.str()
	f.ExternalMessage, f.FullOutage = d.bool(), d.bool()
	f.CallRecording = d.str()
	if n := d.int(); n > 0 && n <= int64(len(d.b)) {
		f.StatusHistory = make([]postmortem.HistoryEntry, n)
		for i := range f.StatusHistory {
			f.StatusHistory[i] = postmortem.HistoryEntry{Status: d.str(), At: d.str(), By: d.str(), Forced: d.bool()}
		}
	} else if n != 0 {
		d.fail()
	}
	f.Services, f.Tags, f.ContributingFactors, f.Related = d.strs(), d.strs(), d.strs(), d.strs()
	f.RecurrenceOf = d.str()
	if n := d.int(); n > 0 && n <= int64(len(d.b)) {
		x.Items = make([]postmortem.ActionItem, n)
		for i := range x.Items {
			if err := x.Items[i].GobDecode([]byte(d.str())); err != nil && d.err == nil {
				d.err = err
			}
		}
	} else if n != 0 {
		d.fail()
	}
	if n := d.int(); n > 0 && n <= int64(len(d.b)) {
		x.Findings = make([]Finding, n)
		for i := range x.Findings {
			x.Findings[i] = Finding{Line: int(d.int()), Column: int(d.int()), Rule: d.str(), Severity: d.str(), Message: d.str()}
		}
	} else if n != 0 {
		d.fail()
	}
	x.Summary = d.str()
	x.Links = d.strs()
	x.Deps = d.str()
	x.Body, x.Text, x.Message, x.JSON = d.span(), d.span(), d.span(), d.span()
	copy(x.JSONFP[:], d.str())
	return x
}

// encodeManifest returns m encoded as writeManifest writes it, after room zero bytes.
func encodeManifest(m *manifest, room int) []byte {
	b := bytes.NewBuffer(make([]byte, room))
	writeManifest(b, m)
	return b.Bytes()
}

// writeManifest writes m: its header fields, its pages and its recs, a piece at a time (the whole is
// about 1.5 KB a postmortem, 15 MB at 10,000).
func writeManifest(w io.Writer, m *manifest) error {
	e := &enc{b: make([]byte, 0, 128<<10)}
	flush := func(force bool) error {
		if !force && len(e.b) < 64<<10 {
			return nil
		}
		_, err := w.Write(e.b)
		e.b = e.b[:0]
		return err
	}
	e.str(m.Version)
	e.str(string(m.Salt))
	e.int(m.PackSize)
	e.int(int64(len(m.Pages)))
	for _, rel := range sortedKeys(m.Pages) {
		fp := m.Pages[rel]
		e.str(rel)
		e.str(string(fp[:]))
		if err := flush(false); err != nil {
			return err
		}
	}
	e.int(int64(len(m.Recs)))
	for _, x := range m.Recs {
		e.rec(x)
		if err := flush(false); err != nil {
			return err
		}
	}
	return flush(true)
}

func decodeManifest(data []byte) (*manifest, error) {
	d := &dec{b: data}
	m := decodeHead(d)
	n := d.int()
	for i := int64(0); i < n && d.err == nil; i++ {
		m.Recs = append(m.Recs, d.rec())
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errors.New("manifest: trailing bytes")
	}
	return m, d.err
}

// decodeHead reads what a manifest holds before its recs: its version, salt and pack size, and the
// site's files. The layout is the same in every version from site-cache-4 on, so that the files
// of a site made by another version (or with other settings) can be read (readPages).
func decodeHead(d *dec) *manifest {
	m := &manifest{Version: d.str(), Salt: []byte(d.str()), PackSize: d.int(), Pages: map[string]fingerprint{}}
	n := d.int()
	for i := int64(0); i < n && d.err == nil; i++ {
		rel := d.str()
		var fp fingerprint
		copy(fp[:], d.str())
		m.Pages[rel] = fp
	}
	return m
}
