package site

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/project"
)

// serve serves the folder out over HTTP on ln (listening on o.Addr) and calls rebuild when the postmortems or
// .pm.yaml change, until o.ctx ends or the process is interrupted. It looks for changes by polling
// the files' sizes and modification times: one stat per file a second costs little next to a build,
// and needs no watcher per folder.
func serve(o *Options, p *project.Project, out string, ln net.Listener, last *snapshot, rebuild func() error) error {
	ctx := o.ctx
	if ctx == nil {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(out)), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	url := "http://" + ln.Addr().String() + "/"
	lang := o.F.Context().Lang()
	o.F.Infof("%s\n", lang.T("site.serving", url))
	if o.started != nil {
		o.started(url)
	}
	every := o.poll
	if every <= 0 {
		every = time.Second
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			srv.Shutdown(shut)
			return nil
		case err := <-done:
			if errors.Is(err, http.ErrServerClosed) {
				return nil
			}
			return fmt.Errorf("--serve: %w", err)
		case <-tick.C:
			now := scan(p, last, o.now())
			if !now.changedFrom(last) {
				last = now
				continue
			}
			last = now
			err := rebuild()
			if err != nil {
				// A half-written document must not end the preview: say what is wrong and keep serving
				// the last good site.
				fmt.Fprintf(o.F.IO.ErrOut, "pm: %v\n", err)
			}
			if o.built != nil {
				o.built(err)
			}
		}
	}
}

// racyWindow is how recently before a scan a file may have been written for its size and time not
// to tell a later change from it: a file system that keeps whole seconds, or a coarse clock, gives an
// edit made within the same tick the same time. Such a file's content is summed too, as git reads a
// racily clean index entry's content rather than trust its stat data.
const racyWindow = 2 * time.Second

// stamp is what a scan knows of one file: size and modification time, and for a file written within
// racyWindow of this scan or of the one before, a sum of its content.
type stamp struct {
	size, mtime int64
	racy        bool // written within racyWindow of this scan
	sum         uint64
	summed      bool
}

// snapshot is one scan of .pm.yaml and of every file under the postmortem folder.
type snapshot struct {
	files map[string]stamp
}

// scan stats .pm.yaml and every file under the postmortem folder; at is the machine's time of the
// scan, and prev the scan before (nil for the first).
func scan(p *project.Project, prev *snapshot, at time.Time) *snapshot {
	s := &snapshot{files: map[string]stamp{}}
	add := func(path string, fi fs.FileInfo) {
		st := stamp{size: fi.Size(), mtime: fi.ModTime().UnixNano(), racy: !fi.ModTime().Before(at.Add(-racyWindow))}
		var was stamp
		if prev != nil {
			was = prev.files[path]
		}
		if st.racy || was.racy {
			if data, err := os.ReadFile(path); err == nil {
				h := fnv.New64a()
				h.Write(data)
				st.sum, st.summed = h.Sum64(), true
			}
		}
		s.files[path] = st
	}
	cfg := filepath.Join(p.Root, config.FileName)
	if fi, err := os.Stat(cfg); err == nil {
		add(cfg, fi)
	}
	filepath.WalkDir(p.Dir(), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if fi, err := d.Info(); err == nil && fi.Mode().IsRegular() {
			add(path, fi)
		} else if err == nil {
			// a link or another kind of file: its kind and time, not its content
			s.files[path] = stamp{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
		}
		return nil
	})
	return s
}

// changedFrom reports whether a file was added, removed or changed since prev: another size or
// time, or, for a file summed at both scans, another content.
func (s *snapshot) changedFrom(prev *snapshot) bool {
	if len(s.files) != len(prev.files) {
		return true
	}
	for path, st := range s.files {
		was, ok := prev.files[path]
		if !ok || st.size != was.size || st.mtime != was.mtime || (st.summed && was.summed && st.sum != was.sum) {
			return true
		}
	}
	return false
}

// now is the machine's time, for comparing with files' modification times.
func (o *Options) now() time.Time {
	if o.clock != nil {
		return o.clock()
	}
	return time.Now()
}
