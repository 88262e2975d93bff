package lint

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// bannedPattern is the regular expression bannedWord.matches stands for.
func bannedPattern(b bannedWord) *regexp.Regexp {
	q := regexp.QuoteMeta(b.Word)
	if b.latin {
		return regexp.MustCompile(`(?i)` + q + `(?:e?s)?`)
	}
	return regexp.MustCompile(q)
}

func sameBannedMatches(t *testing.T, word, text string) {
	t.Helper()
	if word == "" || !utf8.ValidString(word) {
		return // .pm.yaml refuses an empty word, and YAML text is UTF-8
	}
	b := compileBanned(BannedWord{Word: word})
	var want [][2]int
	for _, m := range bannedPattern(b).FindAllIndex([]byte(text), -1) {
		want = append(want, [2]int{m[0], m[1]})
	}
	if got := b.matches([]byte(text)); !reflect.DeepEqual(got, want) {
		t.Errorf("word %q in %q: matches %v, the expression finds %v", word, text, got, want)
	}
}

var bannedSamples = [][2]string{
	{"outage", "An outage. OUTAGES, outagees outageS outage\u017f outagess"},
	{"outage", "outag outage-outage outageoutage \xffoutage\xff"},
	{"kick", "\u212aick KICK kic\u212a kicks"},
	{"down time", "Down Time down  time DOWN TIMES"},
	{"停止", "サービス停止と停止停止、停 止 \xe5停止"},
	{"e-mail", "E-MAIL e-mails e-mailes"},
	{"s", "s S \u017f ss es ses"},
	{"ss", "sss \u017f\u017f sS"},
	{"a", "aes as a ae"},
	{"Outage", "outage OUTAGE"},
}

func TestBannedWordMatchesItsExpression(t *testing.T) {
	for _, s := range bannedSamples {
		sameBannedMatches(t, s[0], s[1])
	}
}

func FuzzBannedWordMatches(f *testing.F) {
	for _, s := range bannedSamples {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, word, text string) { sameBannedMatches(t, word, text) })
}

// BenchmarkBannedWordMatches times the word's matcher on a customer message, and the regular
// expression it stands for (compiled once) beside it.
func BenchmarkBannedWordMatches(b *testing.B) {
	text := []byte(strings.Repeat("We are sorry for the disruption to checkout between 10:02 and 10:41 UTC. "+
		"Some customers saw errors when paying; no data was lost. ", 8))
	w := compileBanned(BannedWord{Word: "outage"})
	b.Run("hand", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			w.matches(text)
		}
	})
	re := bannedPattern(w)
	b.Run("regexp", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			re.FindAllIndex(text, -1)
		}
	})
}

// TestBannedWordNextToJapanese: Japanese runs on without spaces, so a Latin word against Japanese
// characters is the word as a reader sees it; against Latin letters it is part of another word.
func TestBannedWordNextToJapanese(t *testing.T) {
	w := compileBanned(BannedWord{Word: "outage"})
	for s, want := range map[string]int{
		"outageが発生しました。": 1, "大規模outage": 1, "outageの影響": 1, "Outagesが": 1, "（outage）": 1,
		"outaged": 0, "nonoutage": 0, "outage_mode": 0,
		// a full stop before Japanese ends a sentence; a host name's labels are ASCII
		"an outage.ご不安": 1, "大規模outage.ご不安": 1, "Outage.ご不安": 1, "an outage.日本": 1, "outage。ご不安": 1,
		"outage.example.com": 0, "status.example.jp/outage": 0, "障害outage.example.com": 0,
	} {
		if got := len(w.find([]byte(s))); got != want {
			t.Errorf("find(%q): %d matches, want %d", s, got, want)
		}
	}
}
