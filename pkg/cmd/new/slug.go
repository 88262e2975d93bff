package new

import (
	"strings"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/internal/jatime"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// slugKeepsAll reports whether --slug names the file after what the owner typed: ASCII only (pm
// does not romanise: "ünï" would keep only its n), with a letter or a digit (".." or "決済" would
// name the file "incident"). Other ASCII characters (spaces, dots, slashes) separate words.
func slugKeepsAll(s string) bool {
	s = jatime.FoldWidth(s) // ＤＢ typed full width is DB
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return strings.ContainsAny(strings.ToLower(s), "abcdefghijklmnopqrstuvwxyz0123456789")
}

// titleSlug returns the slug of a title, and whether the title gives one: a title with no ASCII
// letters does not, as its numbers alone ("123", "障害 #1", "2026年11月の障害") say nothing of the
// incident; the slug is then the one of nothing ("incident"). A title whose slug is "incident" gives
// one.
func titleSlug(title string) (slug string, ok bool) {
	// letters and digits typed full width, as a Japanese input method often types them in a title
	// ("ＤＢフェイルオーバー", "ＡＰＩ障害"), are the ASCII ones
	title = jatime.FoldWidth(title)
	slug = postmortem.Slug(title)
	if strings.Trim(slug, "0123456789-") == "" || !strings.ContainsFunc(title, isASCIILetter) {
		return postmortem.Slug(""), false
	}
	return slug, true
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }
