package root

import (
	"testing"
	"time"
)

// A TZ Go reads as UTC but C's localtime as a rule becomes the local zone; a zone name Go loaded stays.
func TestPosixLocal(t *testing.T) {
	saved := time.Local
	defer func() { time.Local = saved }()
	env := func(tz string) func(string) (string, bool) {
		return func(k string) (string, bool) { return tz, k == "TZ" }
	}
	time.Local = time.UTC
	posixLocal(env("JST-9"))
	if _, off := time.Unix(0, 0).In(time.Local).Zone(); off != 9*3600 {
		t.Errorf("TZ=JST-9: offset %d", off)
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip(err)
	}
	time.Local = tokyo
	posixLocal(env("UTC+3"))
	if time.Local != tokyo {
		t.Error("a zone Go loaded was replaced")
	}
}
