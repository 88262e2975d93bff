package lint

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// placeholderWords are the literal parts of the placeholder words (placeholderWordsAt) and of "??": text without any of them cannot match, and
// bytes.Contains is far cheaper than running the regular expression on every text node.
var placeholderWords = [][]byte{[]byte("TODO"), []byte("TBD"), []byte("FIXME"), []byte("XXX"), []byte("??"), []byte("？？"), []byte("?？"), []byte("？?"),
	[]byte("ＴＯＤＯ"), []byte("ＴＢＤ"), []byte("ＦＩＸＭＥ"), []byte("ＸＸＸ"), []byte("未定"), []byte("要確認"), []byte("調査中"), []byte("確認中"), []byte("検討中")}

// jaWords are the placeholders a Japanese team writes where an English one writes TBD: found
// anywhere, as TBD is (未定義, "undefined", is no 未定).
var jaWords = []string{"未定", "要確認"}

// jaAlone are words that stand for the text not written yet only when they are the whole of it
// ("根本原因: 調査中", a cell of 調査中): in a sentence they say what someone did ("原因を調査中").
var jaAlone = []string{"調査中", "確認中", "検討中"}

// fullWidthWords are the placeholder words as a Japanese input method may type them.
var fullWidthWords = []string{"ＴＯＤＯ", "ＴＢＤ", "ＦＩＸＭＥ", "ＸＸＸ"}

// isPlaceholder reports whether s holds a placeholder the placeholder rule reports ("TBD", "未定",
// "??").
func isPlaceholder(s string) bool {
	b := []byte(s)
	return mayHavePlaceholder(b) && len(placeholders(b)) > 0
}

func mayHavePlaceholder(b []byte) bool {
	for _, w := range placeholderWords {
		if bytes.Contains(b, w) {
			return true
		}
	}
	return false
}

// placeholders returns where text holds a placeholder, in order: a placeholder word, or question
// marks standing for something unknown, two or more ("??", or the full-width "？？" of Japanese text)
// as a token of their own ("Owner: ??", "(???)", "担当：？？", "影響：？？件"), not the end of a
// question ("Why did nobody notice??", "なぜ？？").
func placeholders(text []byte) [][]int {
	found := placeholderWordsAt(text)
	for _, w := range fullWidthWords {
		for i := 0; ; {
			j := bytes.Index(text[i:], []byte(w))
			if j < 0 {
				break
			}
			start, end := i+j, i+j+len(w)
			before, _ := utf8.DecodeLastRune(text[:start])
			after, _ := utf8.DecodeRune(text[end:])
			if (start == 0 || !latinWordRune(before)) && (end == len(text) || !latinWordRune(after)) {
				found = append(found, []int{start, end})
			}
			i = end
		}
	}
	for _, w := range jaWords {
		for i := 0; ; {
			j := bytes.Index(text[i:], []byte(w))
			if j < 0 {
				break
			}
			start, end := i+j, i+j+len(w)
			if after, _ := utf8.DecodeRune(text[end:]); !(w == "未定" && after == '義') {
				found = append(found, []int{start, end})
			}
			i = end
		}
	}
	for _, w := range jaAlone {
		for i := 0; ; {
			// slices, not strings: a copy of the text on either side of each of thousands of
			// matches (調査中調査中…) took the square of its length
			j := bytes.Index(text[i:], []byte(w))
			if j < 0 {
				break
			}
			start, end := i+j, i+j+len(w)
			before := bytes.TrimRight(text[:start], " \t　")
			after := bytes.TrimLeft(text[end:], " \t　")
			lead, _ := utf8.DecodeLastRune(before)
			trail, _ := utf8.DecodeRune(after)
			if (len(before) == 0 || strings.ContainsRune(":：(（「[【", lead)) && (len(after) == 0 || strings.ContainsRune(")）」]】。.…", trail) || politeEnd(after)) {
				found = append(found, []int{start, end})
			}
			i = end
		}
	}
	// sorted below: the words, the full-width words and the question marks are found in turn
	for i := 0; i < len(text); {
		j := bytes.IndexAny(text[i:], "?？")
		if j < 0 {
			break
		}
		start := i + j
		end, marks := start, 0
		for end < len(text) {
			if text[end] == '?' {
				end++
			} else if bytes.HasPrefix(text[end:], []byte("？")) {
				end += len("？")
			} else {
				break
			}
			marks++
		}
		before, _ := utf8.DecodeLastRune(text[:start])
		after, _ := utf8.DecodeRune(text[end:])
		// Japanese writes no space around it: "？？件" stands for a number, and so does "合計？？件", a
		// counter after the marks.
		if marks >= 2 && ((start == 0 || !wordRune(before)) && (end == len(text) || !wordRune(after) || cjk(after)) || counter(after)) {
			found = append(found, []int{start, end})
		}
		i = end
	}
	if len(found) > 1 {
		sort.Slice(found, func(a, b int) bool { return found[a][0] < found[b][0] })
	}
	return found
}

// politeEnd reports whether what follows 調査中 and its kin is a polite copula, です or でした, that
// ends the text, with nothing but closing marks after it ("調査中です。", "確認中です…"): the word is
// still the whole of what is said ("調査中ですが、…" says more).
func politeEnd(after []byte) bool {
	for _, copula := range []string{"でした", "です"} {
		if rest, ok := bytes.CutPrefix(after, []byte(copula)); ok {
			// only closing marks to the end: read up to the first other rune, not the whole rest
			return bytes.IndexFunc(rest, func(r rune) bool { return !strings.ContainsRune(" \t　)）」]】。.…!！", r) }) < 0
		}
	}
	return false
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// latinWordRune is a letter or digit of the Latin alphabet, in ASCII or full width: what would make
// ＴＢＤ part of a longer word.
func latinWordRune(r rune) bool {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	return r < utf8.RuneSelf && asciiWord(byte(r))
}

// counter reports a Japanese counter or unit, written after a number: 件, 分, 人, 回, ％ and the like.
func counter(r rune) bool {
	return strings.ContainsRune("件分秒時日週月年人名回個台円%％倍割社万千百億度行通本枚", r)
}

// cjk reports a character of Japanese or Chinese writing, which needs no space before it.
func cjk(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

var placeholderRule = Rule{
	ID: "placeholder",
	Help: "Placeholders mean the postmortem is not finished. Replace them with what is known, or say plainly " +
		"what is still unknown and who is finding out. \"??\" (or \"？？\") counts standing alone, not at the end of a question. " +
		"In Japanese, 未定 and 要確認 count as TBD does, and 調査中, 確認中 and 検討中 when they are the whole text (\"根本原因: 調査中\"), not in a sentence (\"原因を調査中\"). " +
		"Code spans and code blocks are not checked.",
	Default: DefaultCompleteness,
	Check: func(c *Context) {
		f := &c.Doc.Fields
		for _, kv := range [...]struct{ key, v string }{{"title", f.Title}, {"owner", f.Owner}, {"incident_commander", f.IncidentCommander}} {
			if ms := placeholders([]byte(kv.v)); len(ms) > 0 {
				c.ReportKey(kv.key, LevelCompleteness, "placeholder.key", kv.v[ms[0][0]:ms[0][1]], kv.key)
			}
		}
		if !mayHavePlaceholder(c.Content.Src) {
			return
		}
		for _, run := range proseRuns(c.Content.Blocks(), c.Content.Src) {
			if !mayHavePlaceholder(run.Value) {
				continue
			}
			for _, m := range placeholders(run.Value) {
				word := strings.TrimSpace(string(run.Value[m[0]:m[1]]))
				c.ReportBody(run.Start+m[0], run.Start+m[1], LevelCompleteness, "placeholder.text", word)
			}
		}
	},
}
