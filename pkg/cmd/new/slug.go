package new

import (
	"strings"
	"unicode/utf8"
)

// slugKeepsAll reports whether --slug names the file after what the owner typed: ASCII only (pm
// does not romanise: "ünï" would keep only its n), with a letter or a digit (".." or "決済" would
// name the file "incident"). Other ASCII characters (spaces, dots, slashes) separate words.
func slugKeepsAll(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return strings.ContainsAny(strings.ToLower(s), "abcdefghijklmnopqrstuvwxyz0123456789")
}
