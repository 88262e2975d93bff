// Package rfc3339 reads an RFC 3339 time as the RFC writes it. Go's time.Parse(time.RFC3339, …)
// also takes an offset of 24 hours or of 60 minutes (+24:00, +09:60), which the RFC's
// time-numoffset (hours 00-23, minutes 00-59) does not allow: a typo read as another instant.
package rfc3339

import (
	"errors"
	"time"
)

// ErrOffset is the error of a time whose offset is out of the RFC's range (+24:00, +09:60).
var ErrOffset = errors.New("time zone offset out of range")

// Parse is time.Parse(time.RFC3339, s), refusing an offset whose hours are past 23 or whose minutes
// are past 59.
func Parse(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, err
	}
	if n := len(s); n >= 6 && (s[n-6] == '+' || s[n-6] == '-') && s[n-3] == ':' {
		h, m := int(s[n-5]-'0')*10+int(s[n-4]-'0'), int(s[n-2]-'0')*10+int(s[n-1]-'0')
		if h > 23 || m > 59 {
			return time.Time{}, ErrOffset
		}
	}
	return t, nil
}
