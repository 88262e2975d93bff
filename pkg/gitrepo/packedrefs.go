package gitrepo

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"syscall"
)

// checkPackedRefs refuses a packed-refs file git would refuse to read (refs/packed-backend.c): after
// an optional "# pack-refs with:" header, every line is "<object id> <ref name>" or "^<object id>"
// (the peeled object of the ref above it), each ended by a newline. A missing file is fine.
func checkPackedRefs(path string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if bytes.HasPrefix(data, []byte("# pack-refs with:")) {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return Sentinelf(ErrUnsupported, "unterminated line in %s; git cannot read it either", path)
		}
		data = data[i+1:]
	}
	afterRef := false
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return Sentinelf(ErrUnsupported, "unterminated line in %s: %q; git cannot read it either", path, data)
		}
		line := data[:i]
		data = data[i+1:]
		switch {
		case len(line) > 0 && line[0] == '^' && afterRef && isHexID(line[1:]):
			afterRef = false
		case refLine(line):
			afterRef = true
		default:
			return Sentinelf(ErrUnsupported, "unexpected line in %s: %q; git cannot read it either", path, line)
		}
	}
	return nil
}

// refLine reports a packed-refs line "<object id> <ref name>", the name without control characters
// (a CRLF file's "\r": git reads another name than the branch's, pm refuses).
func refLine(line []byte) bool {
	sp := bytes.IndexByte(line, ' ')
	if sp <= 0 || !isHexID(line[:sp]) || len(line) <= sp+1 {
		return false
	}
	for _, c := range line[sp+1:] {
		if c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}

// checkLooseRef refuses a loose ref file git cannot read ("reference broken"): anything but an
// object id at its start, followed by its end or white space, or a symbolic ref. A missing file is
// fine (the ref is packed, or unborn).
func checkLooseRef(path, name string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) || errors.Is(err, syscall.EISDIR) {
			return nil
		}
		return fmt.Errorf("read %s: %w", path, err)
	}
	if bytes.HasPrefix(data, []byte("ref:")) {
		return nil
	}
	for _, n := range []int{64, 40} {
		if len(data) >= n && isHexID(data[:n]) && (len(data) == n || data[n] == ' ' || data[n] == '\t' || data[n] == '\n' || data[n] == '\r') {
			return nil
		}
	}
	return Sentinelf(ErrUnsupported, "the ref %s is broken (%s holds %q, not an object id); git cannot read it either", name, path, bytes.TrimSpace(data[:min(len(data), 80)]))
}

// isHexID reports an object id: 40 (SHA-1) or 64 (SHA-256) hexadecimal digits.
func isHexID(b []byte) bool {
	if len(b) != 40 && len(b) != 64 {
		return false
	}
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
