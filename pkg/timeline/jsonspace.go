package timeline

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// The most pm reads of one file of an export: far above any real Slack day file, channel or user
// list, PagerDuty log or timeline CSV, and a bound on what a zip made to expand without end, or a
// device that never ends, can cost. A CSV is read whole, so its bound is lower.
const (
	maxJSONFile = 1 << 30
	maxCSVFile  = 64 << 20
)

// errTooLarge is what a file past its bound reads as.
type errTooLarge struct{ limit int64 }

func (e errTooLarge) Error() string {
	return fmt.Sprintf("larger than %d MiB: not an export pm reads", e.limit>>20)
}

// isTooLarge reports whether err is a file past its bound.
func isTooLarge(err error) bool { return errors.As(err, new(errTooLarge)) }

// jsonInput is what pm's JSON decoders read from r: runs of whitespace outside strings become one
// space, and reading stops with errTooLarge past maxJSONFile bytes. encoding/json's Decoder does
// not consume the whitespace it skips between tokens, so a long run of it (a file padded with
// megabytes of spaces) is scanned again at every refill of its buffer: quadratic, minutes for
// tens of megabytes. One space decodes the same, and keeps two numbers apart as the run did.
// A UTF-8 byte order mark before the JSON (PowerShell's Out-File and Windows editors write one) is
// skipped, as pm reads a CSV file with one.
func jsonInput(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if head, _ := br.Peek(3); bytes.Equal(head, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return &spaceCollapser{r: &capped{r: br, left: maxJSONFile}}
}

type spaceCollapser struct {
	r        io.Reader
	inString bool // inside a string
	escaped  bool // after a backslash inside a string
	space    bool // the last byte given out, outside a string, was the space of a run
	strLen   int  // bytes of the string being read
}

// maxJSONString bounds one string of a JSON file pm reads: a Slack message is at most 40,000
// characters, a PagerDuty summary far less. A file of a few strings of a gigabyte (a zip that
// expands to them) would otherwise be held whole, and decoded, several times over.
const maxJSONString = 4 << 20

// errLongString is a string past maxJSONString: a value of its own type, not fmt.Errorf's, which
// would run in package init.
var errLongString error = longString{}

type longString struct{}

func (longString) Error() string {
	return fmt.Sprintf("a value longer than %d MiB: not an export pm reads", maxJSONString>>20)
}

// Read fills p from r and collapses it in place; a read that was all one run of whitespace reads
// again, so that only the end of r returns no bytes.
func (s *spaceCollapser) Read(p []byte) (int, error) {
	for {
		m, err := s.r.Read(p)
		n := 0
		for _, c := range p[:m] {
			switch {
			case s.inString:
				if s.strLen++; s.strLen > maxJSONString {
					return n, errLongString
				}
				switch {
				case s.escaped:
					s.escaped = false
				case c == '\\':
					s.escaped = true
				case c == '"':
					s.inString = false
				}
			case c == ' ' || c == '\t' || c == '\n' || c == '\r':
				if s.space {
					continue
				}
				s.space = true
				c = ' '
			default:
				s.space = false
				s.inString = c == '"'
				s.strLen = 0
			}
			p[n] = c
			n++
		}
		if n > 0 || err != nil || m == 0 {
			return n, err
		}
	}
}

// capped reads r and fails with errTooLarge past left bytes.
type capped struct {
	r     io.Reader
	left  int64
	limit int64 // for the error; 0: left as given
}

func (c *capped) Read(p []byte) (int, error) {
	if c.limit == 0 {
		c.limit = c.left
	}
	if c.left <= 0 {
		// one byte more tells a file of exactly the limit from a longer one
		var one [1]byte
		if n, err := c.r.Read(one[:]); n > 0 {
			return 0, errTooLarge{c.limit}
		} else if err != nil {
			return 0, err
		}
		return 0, nil
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
