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
func serve(o *Options, p *project.Project, out string, ln net.Listener, rebuild func() error) error {
	ctx := o.ctx
	if ctx == nil {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(out)), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	// The files as the site was built from them, before anyone is told the site is up: a change
	// made after that must be seen as one.
	last := fingerprint(p)
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
			now := fingerprint(p)
			if now == last {
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

// fingerprint sums the names, sizes and modification times of .pm.yaml and of every file under the
// postmortem folder.
func fingerprint(p *project.Project) uint64 {
	h := fnv.New64a()
	add := func(path string, fi fs.FileInfo) {
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00", path, fi.Size(), fi.ModTime().UnixNano())
	}
	if fi, err := os.Stat(filepath.Join(p.Root, config.FileName)); err == nil {
		add(config.FileName, fi)
	}
	filepath.WalkDir(p.Dir(), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			add(path, fi)
		}
		return nil
	})
	return h.Sum64()
}
