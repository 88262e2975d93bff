package convert

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// clean runs the clean side of driver name on data, as git's apply_filter does
// for the check-in direction. A driver with nothing to run leaves data as it is,
// unless it is required.
func (c *Converter) clean(path string, data []byte, name string, drv Driver) ([]byte, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%w: filter %q on %s: %s", ErrFilter, name, path, fmt.Sprintf(format, args...))
	}
	hasProcess := drv.ProcessSet || drv.Process != ""
	switch {
	case !hasProcess && drv.Clean != "":
		out, err := runCleanCommand(c.cfg, path, data, drv.Clean)
		if err != nil {
			return nil, fail("%v (filter.%s.clean = %s)", err, name, drv.Clean)
		}
		return out, nil
	case drv.Process != "":
		out, filtered, err := c.runProcess(path, data, drv.Process)
		if err != nil {
			return nil, fail("%v (filter.%s.process = %s)", err, name, drv.Process)
		}
		if filtered {
			return out, nil
		}
		if drv.Required {
			return nil, fail("the filter process does not offer clean (filter.%s.process = %s), and filter.%s.required is set", name, drv.Process, name)
		}
		return data, nil
	}
	if drv.Required {
		return nil, fail("filter.%s.required is set but there is no filter.%s.clean or filter.%s.process", name, name, name)
	}
	return data, nil
}

// shellQuote quotes s for a POSIX shell the way git's sq_quote_buf does.
func shellQuote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'', '!':
			b.WriteString("'\\")
			b.WriteByte(s[i])
			b.WriteByte('\'')
		default:
			b.WriteByte(s[i])
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// expandPercentF replaces %f in a filter command with the quoted path; "%%" is a
// percent sign and any other % stays as it is.
func expandPercentF(cmd, path string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(cmd, '%')
		if i < 0 {
			b.WriteString(cmd)
			return b.String()
		}
		b.WriteString(cmd[:i])
		cmd = cmd[i+1:]
		switch {
		case strings.HasPrefix(cmd, "%"):
			b.WriteByte('%')
			cmd = cmd[1:]
		case strings.HasPrefix(cmd, "f"):
			b.WriteString(shellQuote(path))
			cmd = cmd[1:]
		default:
			b.WriteByte('%')
		}
	}
}

// shellCommand builds the command git's run-command would: the program itself
// when the line has no shell metacharacters, else `sh -c line line`.
func shellCommand(line string) *exec.Cmd {
	if !strings.ContainsAny(line, "|&;<>()$`\\\"' \t\n*?[#~=%") {
		return exec.Command(line)
	}
	return exec.Command("sh", "-c", line, line)
}

// programOf names the program a command line runs, for error messages: its first
// word with shell quotes removed.
func programOf(line string) string {
	line = strings.TrimLeft(line, " \t\n")
	var b strings.Builder
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			b.WriteByte(c)
		case c == '\'' || c == '"':
			quote = c
		case c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '|' || c == '&':
			return b.String()
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// tailBuffer keeps the last bytes written to it: a filter's stderr, for errors.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
}

const tailMax = 4096

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > tailMax {
		t.buf = append([]byte(nil), t.buf[len(t.buf)-tailMax:]...)
	}
	return len(p), nil
}

// lastLine is the last non-empty line written, or "".
func (t *tailBuffer) lastLine() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	lines := strings.Split(strings.TrimSpace(string(t.buf)), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// exitError describes how a filter command ended, naming a missing program.
func exitError(err error, line string, stderr *tailBuffer) error {
	var ee *exec.ExitError
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return fmt.Errorf("program %q not found", programOf(line))
	case errors.As(err, &ee) && ee.ExitCode() == 127:
		return fmt.Errorf("program %q not found (exit status 127)", programOf(line))
	}
	if msg := stderr.lastLine(); msg != "" {
		return fmt.Errorf("%v: %s", err, msg)
	}
	return err
}

// runCleanCommand runs a filter.<driver>.clean command as git does: through the
// shell, %f replaced by the quoted path, in the work-tree root, content on stdin,
// the result from stdout. A non-zero exit, or a program that cannot be run, is a
// failure. The input is written from another goroutine so that a filter that
// stops reading cannot block us while we wait for its output.
func runCleanCommand(cfg Config, path string, data []byte, line string) ([]byte, error) {
	line = expandPercentF(line, path)
	cmd := shellCommand(line)
	cmd.Dir = cfg.WorkTree
	cmd.Env = cfg.environ()
	var stdout bytes.Buffer
	stderr := &tailBuffer{}
	cmd.Stdout, cmd.Stderr = &stdout, stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, exitError(err, line, stderr)
	}
	writeErr := make(chan error, 1)
	go func() {
		_, err := stdin.Write(data)
		// git, too, lets a filter ignore part of its input. A filter that exits without reading
		// may also be reaped by cmd.Wait before this write starts; Wait then closes our end of the
		// pipe, and the write meets os.ErrClosed instead of EPIPE: the same case.
		if errors.Is(err, syscall.EPIPE) || errors.Is(err, os.ErrClosed) {
			err = nil
		}
		if cerr := stdin.Close(); err == nil && cerr != nil && !errors.Is(cerr, syscall.EPIPE) && !errors.Is(cerr, os.ErrClosed) {
			err = cerr
		}
		writeErr <- err
	}()
	waitErr := cmd.Wait()
	werr := <-writeErr
	if waitErr != nil {
		return nil, exitError(waitErr, line, stderr)
	}
	if werr != nil && !errors.Is(werr, io.ErrClosedPipe) && !errors.Is(werr, syscall.EPIPE) {
		return nil, fmt.Errorf("write to the filter: %w", werr)
	}
	return stdout.Bytes(), nil
}

// pkt-line limits: a packet is at most 65520 bytes with its 4-byte header.
const (
	pktMax     = 65520
	pktDataMax = pktMax - 4
)

func writePkt(w io.Writer, data []byte) error {
	if len(data) > pktDataMax {
		return fmt.Errorf("packet of %d bytes is too long", len(data))
	}
	var hdr [4]byte
	const hex = "0123456789abcdef"
	n := len(data) + 4
	hdr[0], hdr[1], hdr[2], hdr[3] = hex[n>>12&15], hex[n>>8&15], hex[n>>4&15], hex[n&15]
	if _, err := w.Write(hdr[:]); err != nil {
		return err
	}
	_, err := w.Write(data)
	return err
}

func writeFlush(w io.Writer) error {
	_, err := io.WriteString(w, "0000")
	return err
}

// readPkt reads one packet. flush is true for "0000" (and, as git reads content,
// for an empty data packet); delimiter and response-end packets count as flushes
// too, which is all this protocol needs of them.
func readPkt(r *bufio.Reader) (data []byte, flush bool, err error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, false, errors.New("the filter closed its output")
		}
		return nil, false, err
	}
	n := 0
	for _, c := range hdr {
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'a' && c <= 'f':
			v = int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v = int(c-'A') + 10
		default:
			return nil, false, fmt.Errorf("protocol error: bad line length character: %q", hdr[:])
		}
		n = n<<4 | v
	}
	switch {
	case n <= 2:
		return nil, true, nil
	case n < 4 || n > pktMax:
		return nil, false, fmt.Errorf("protocol error: bad line length %d", n)
	}
	data = make([]byte, n-4)
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, false, errors.New("the filter closed its output in the middle of a packet")
	}
	return data, false, nil
}

// readLine reads a text packet without its newline; ok is false at a flush.
func readLine(r *bufio.Reader) (line string, ok bool, err error) {
	data, flush, err := readPkt(r)
	if err != nil || flush || len(data) == 0 {
		return "", false, err // git reads an empty packet as the end of a list, too
	}
	return strings.TrimSuffix(string(data), "\n"), true, nil
}

// capabilities a long-running filter may ask for.
const (
	capClean = 1 << iota
	capSmudge
	capDelay
)

// filterProcess is one running long-running filter (filter.<driver>.process).
type filterProcess struct {
	cmdline string
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	stdout  *bufio.Reader
	stderr  *tailBuffer
	caps    int
	aborted bool // the filter answered "abort": it filters no more files
	stopped bool
	waitErr error
}

// runProcess sends one file through the long-running filter cmdline, starting it
// if needed. filtered is false when the filter does not offer clean.
func (c *Converter) runProcess(path string, data []byte, cmdline string) (out []byte, filtered bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.procs[cmdline]
	if p == nil {
		p, err = startFilterProcess(c.cfg, cmdline)
		if err != nil {
			return nil, false, err
		}
		c.procs[cmdline] = p
	}
	if p.caps&capClean == 0 {
		return nil, false, nil
	}
	if p.aborted {
		return nil, false, errors.New(`the filter process answered "abort" earlier and filters no more files`)
	}
	out, status, err := p.cleanOne(path, data)
	switch {
	case err == nil:
		return out, true, nil
	case status == "error":
		return nil, false, err
	case status == "abort":
		p.aborted = true
		return nil, false, err
	}
	// Anything else broke the protocol: stop this process; the next file starts a new one.
	werr := p.stop(true)
	delete(c.procs, cmdline)
	if werr != nil {
		err = fmt.Errorf("%v (%v)", err, exitError(werr, cmdline, p.stderr))
	} else if msg := p.stderr.lastLine(); msg != "" {
		err = fmt.Errorf("%v: %s", err, msg)
	}
	return nil, false, err
}

func startFilterProcess(cfg Config, cmdline string) (*filterProcess, error) {
	cmd := shellCommand(cmdline)
	cmd.Dir = cfg.WorkTree
	cmd.Env = cfg.environ()
	ownProcessGroup(cmd)
	p := &filterProcess{cmdline: cmdline, cmd: cmd, stderr: &tailBuffer{}}
	cmd.Stderr = p.stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, exitError(err, cmdline, p.stderr)
	}
	p.stdin, p.stdout = stdin, bufio.NewReaderSize(stdout, pktMax)
	if err := p.handshake(); err != nil {
		if werr := p.stop(true); werr != nil {
			return nil, fmt.Errorf("start the filter process: %v", exitError(werr, cmdline, p.stderr))
		}
		if msg := p.stderr.lastLine(); msg != "" {
			return nil, fmt.Errorf("start the filter process: %v: %s", err, msg)
		}
		return nil, fmt.Errorf("start the filter process: %w", err)
	}
	return p, nil
}

// handshake is the start of the long-running process protocol, version 2.
func (p *filterProcess) handshake() error {
	var b bytes.Buffer
	for _, l := range []string{"git-filter-client\n", "version=2\n"} {
		writePkt(&b, []byte(l))
	}
	writeFlush(&b)
	if _, err := p.stdin.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write the welcome: %w", err)
	}
	line, ok, err := readLine(p.stdout)
	if err != nil {
		return err
	}
	if !ok || line != "git-filter-server" {
		return fmt.Errorf("unexpected line %q, expected git-filter-server", line)
	}
	line, ok, err = readLine(p.stdout)
	if err != nil {
		return err
	}
	if !ok || line != "version=2" {
		return fmt.Errorf("unexpected line %q, expected version=2", line)
	}
	if line, ok, err = readLine(p.stdout); err != nil {
		return err
	} else if ok {
		return fmt.Errorf("unexpected line %q, expected flush", line)
	}
	b.Reset()
	for _, l := range []string{"capability=clean\n", "capability=smudge\n", "capability=delay\n"} {
		writePkt(&b, []byte(l))
	}
	writeFlush(&b)
	if _, err := p.stdin.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write the capabilities: %w", err)
	}
	for {
		line, ok, err := readLine(p.stdout)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		capName, found := strings.CutPrefix(line, "capability=")
		if !found {
			continue
		}
		switch capName {
		case "clean":
			p.caps |= capClean
		case "smudge":
			p.caps |= capSmudge
		case "delay":
			p.caps |= capDelay
		default:
			return fmt.Errorf("the filter asked for unsupported capability %q", capName)
		}
	}
}

// readStatus reads a list of key=value lines up to a flush; the last
// "status=..." wins and an absent one leaves status as it was.
func (p *filterProcess) readStatus(status string) (string, error) {
	for {
		line, ok, err := readLine(p.stdout)
		if err != nil {
			return status, err
		}
		if !ok {
			return status, nil
		}
		if v, found := strings.CutPrefix(line, "status="); found && v != "" {
			status = v
		}
	}
}

// cleanOne runs one clean request. On error, status is the last status the
// filter sent ("error" and "abort" leave the process usable).
func (p *filterProcess) cleanOne(path string, data []byte) (out []byte, status string, err error) {
	if len(path) > pktDataMax-len("pathname=\n") {
		return nil, "error", errors.New("path name too long for the filter process")
	}
	// Write the request from another goroutine: a filter that answers, or stops,
	// before reading everything must not leave us blocked on a full pipe.
	var lastWrite atomic.Bool
	done := make(chan error, 1)
	go func() {
		var head bytes.Buffer
		writePkt(&head, []byte("command=clean\n"))
		writePkt(&head, []byte("pathname="+path+"\n"))
		writeFlush(&head)
		_, err := p.stdin.Write(head.Bytes())
		for rest := data; err == nil && len(rest) > 0; {
			n := min(len(rest), pktDataMax)
			err = writePkt(p.stdin, rest[:n])
			rest = rest[n:]
		}
		if err == nil {
			lastWrite.Store(true)
			err = writeFlush(p.stdin)
		}
		done <- err
	}()
	waitWriter := func() error {
		select {
		case err := <-done:
			return err
		default:
		}
		if !lastWrite.Load() {
			// The filter answered before it was sent the whole file.
			p.stop(true)
			<-done
			return errors.New("the filter answered before reading the whole file")
		}
		return <-done
	}

	status, err = p.readStatus("")
	if err != nil {
		p.stop(true)
		<-done
		return nil, "", err
	}
	if werr := waitWriter(); werr != nil {
		return nil, "", fmt.Errorf("write to the filter process: %w", werr)
	}
	if status != "success" {
		if status == "" {
			return nil, status, errors.New("the filter process sent no status")
		}
		return nil, status, fmt.Errorf("the filter process answered status %q", status)
	}
	var buf bytes.Buffer
	for {
		pkt, flush, err := readPkt(p.stdout)
		if err != nil {
			return nil, "", err
		}
		if flush || len(pkt) == 0 {
			break
		}
		buf.Write(pkt)
	}
	status, err = p.readStatus(status)
	if err != nil {
		return nil, "", err
	}
	if status != "success" {
		return nil, status, fmt.Errorf("the filter process answered status %q after the content", status)
	}
	return buf.Bytes(), status, nil
}

// stop ends the process: closing its input asks it to exit, as git does at the
// end; kill (where git sends SIGTERM because the protocol broke) does not wait
// for that.
func (p *filterProcess) stop(kill bool) error {
	if p.stopped {
		return p.waitErr
	}
	p.stopped = true
	p.waitErr = p.wait(kill)
	return p.waitErr
}

func (p *filterProcess) wait(kill bool) error {
	p.stdin.Close()
	if kill {
		// git sends SIGTERM; we make sure, since we will not wait for a filter
		// that ignores it.
		killGroup(p.cmd)
	}
	err := p.cmd.Wait()
	if kill {
		var ee *exec.ExitError
		if errors.As(err, &ee) && !ee.Exited() {
			return nil // killed by us: not worth reporting
		}
	}
	return err
}

// Close stops the long-running filter processes: each gets end-of-file on its
// input and is waited for, as git does when it exits.
func (c *Converter) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for cmdline, p := range c.procs {
		if err := p.stop(false); err != nil {
			errs = append(errs, fmt.Errorf("filter process %s: %w", cmdline, err))
		}
		delete(c.procs, cmdline)
	}
	return errors.Join(errs...)
}

// environ is the environment of a filter command: Environ's when set, else Env.
func (cfg Config) environ() []string {
	if cfg.Environ != nil {
		return cfg.Environ()
	}
	return cfg.Env
}
