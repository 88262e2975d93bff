package rfc3339

import "testing"

func TestParse(t *testing.T) {
	for s, ok := range map[string]bool{
		"2026-11-20T10:00:00Z": true, "2026-11-20T10:00:00+09:00": true, "2026-11-20T10:00:00-23:59": true,
		"2026-11-20T10:00:00.5+14:00": true, "2026-11-20T10:00:00+24:00": false, "2026-11-20T10:00:00-24:00": false,
		"2026-11-20T10:00:00+09:60": false, "2026-11-20T10:00:00+99:00": false, "2026-11-20 10:00:00Z": false,
	} {
		if _, err := Parse(s); (err == nil) != ok {
			t.Errorf("Parse(%q): %v, want ok %v", s, err, ok)
		}
	}
}
