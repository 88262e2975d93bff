package meeting

import (
	"strconv"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/internal/jatime"
)

// durationFlag is --duration: Go's form (30m, 1h30m), or the one a Japanese team types (30分,
// 1時間, 1時間30分, digits full width too). A value that is neither is kept in unread for pm meeting
// to refuse in the user's language: pflag would quote Go's parse error, its bytes escaped
// ("\xe5\x88\x86"), in English.
type durationFlag struct {
	d      *time.Duration
	unread *string
}

func (v durationFlag) String() string { return v.d.String() }
func (v durationFlag) Type() string   { return "duration" }

func (v durationFlag) Set(s string) error {
	d, ok := parseDuration(s)
	if !ok {
		*v.unread = s
		return nil
	}
	*v.d, *v.unread = d, ""
	return nil
}

// parseDuration reads a meeting's length: Go's form, or hours and minutes in Japanese (1時間30分,
// 1時間半, 45分).
func parseDuration(s string) (time.Duration, bool) {
	s = strings.TrimSpace(jatime.FoldWidth(s))
	if d, err := time.ParseDuration(s); err == nil {
		return d, true
	}
	var d time.Duration
	rest, read := s, false
	if h, after, ok := strings.Cut(rest, "時間"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(h))
		if err != nil || n < 0 {
			return 0, false
		}
		d, rest, read = time.Duration(n)*time.Hour, strings.TrimSpace(after), true
		if rest == "半" { // 1時間半: an hour and a half
			return d + 30*time.Minute, true
		}
	}
	if rest != "" {
		m, ok := strings.CutSuffix(rest, "分")
		n, err := strconv.Atoi(strings.TrimSpace(m))
		if !ok || err != nil || n < 0 {
			return 0, false
		}
		d, read = d+time.Duration(n)*time.Minute, true
	}
	return d, read
}
