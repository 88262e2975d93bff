package lint

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/internal/fold"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// bannedWord is a BannedWord ready to match.
type bannedWord struct {
	BannedWord
	runes    []rune          // the word, matched in any case when latin (as (?i) would), else exactly
	first    [256]bool       // the bytes a match of a latin word can start with
	latin    bool            // a word of Latin letters: matched whole, not inside another word or a host name
	sections map[string]bool // canonical keys, or literal normalized titles for unknown names
	byTitle  bool            // some section is named by its title, not by a canonical key
}

func compileBanned(w BannedWord) bannedWord {
	b := bannedWord{BannedWord: w, sections: map[string]bool{}}
	latin := true
	for _, r := range w.Word {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || r == '-' || r == ' ') {
			latin = false
		}
	}
	b.latin = latin
	b.runes = []rune(w.Word)
	if latin && len(b.runes) > 0 {
		// the first letter in any case: its simple folding orbit ("k" also starts the Kelvin sign)
		p := b.runes[0]
		for f := p; ; {
			b.first[string(f)[0]] = true
			if f = unicode.SimpleFold(f); f == p {
				break
			}
		}
	}
	secs := w.Sections
	if len(secs) == 0 {
		secs = []string{config.ExternalMessageSection}
	}
	for _, s := range secs {
		if k := postmortem.SectionKey(s); k != "" {
			b.sections[k] = true
		} else {
			b.sections["title:"+postmortem.NormalizeHeading(s)] = true
			b.byTitle = true
		}
	}
	return b
}

// notTheWord are the longer words that hold a banned word and mean something else: 一時停止 is a
// pause, not an outage (停止). A match inside one of them is no match. A switch, not a map: a map
// would be built when the package starts, in every pm process.
func notTheWord(word string) []string {
	switch word {
	case "停止":
		return stopCompounds
	}
	return nil
}

var stopCompounds = []string{"一時停止"}

// inOtherWord reports whether the match s[start:end] of the word is part of one of notTheWord's
// longer words.
func (b *bannedWord) inOtherWord(s []byte, start, end int) bool {
	for _, w := range notTheWord(b.Word) {
		k := strings.Index(w, b.Word)
		if k < 0 || start < k {
			continue
		}
		if bytes.HasPrefix(s[start-k:], []byte(w)) {
			return true
		}
	}
	return false
}

// articleBefore finds the English article "a" or "an" (any case) written before the word at
// src[start:], spaces or a line break between: where it starts and the article as written.
func articleBefore(src []byte, start int) (at int, article string, ok bool) {
	i := start
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n' || src[i-1] == '\r') {
		i--
	}
	if i == start {
		return 0, "", false
	}
	for _, n := range []int{2, 1} {
		if i < n {
			continue
		}
		w := string(src[i-n : i])
		if !strings.EqualFold(w, "an"[:n]) {
			continue
		}
		if i > n {
			if r, _ := utf8.DecodeLastRune(src[:i-n]); isWordRune(r) {
				return 0, "", false // "data outage": the a ends a word, it is no article
			}
		}
		return i - n, w, true
	}
	return 0, "", false
}

// oneLine is s with its runs of spaces and line breaks written as one space.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// fitArticle is the article that goes before term, "an" before a vowel letter and "a" before
// another, written in the case of the article it replaces ("An", "AN", "A").
func fitArticle(article, term string) string {
	want := "a"
	if r, _ := utf8.DecodeRuneInString(term); strings.ContainsRune("aeiouAEIOU", r) {
		want = "an"
	}
	if strings.EqualFold(article, want) {
		return article
	}
	if article[0] == 'A' { // "An" becomes "A", "A" "An"
		return "A" + want[1:]
	}
	return want
}

// find returns the byte ranges of the word in s. The boundaries are checked here rather than in the
// match so that a match does not consume the character before the next one ("outage outage").
func (b *bannedWord) find(s []byte) [][2]int {
	var out [][2]int
	for _, m := range b.matches(s) {
		if b.latin && (!wordBoundary(s, m[0], m[1]) || inHostName(s, m[0], m[1])) {
			continue
		}
		if b.inOtherWord(s, m[0], m[1]) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// pluralES and pluralS are the plural endings a Latin word is matched with: `(?:e?s)?`.
var pluralES, pluralS = []rune("es"), []rune("s")

// matches returns where s holds the word, left to right and not overlapping, as the regular
// expression `(?i)WORD(?:e?s)?` finds them for a Latin word (any case by Unicode's simple folding,
// with a plural ending), and `WORD` for another. It is written out rather than compiled: the
// expressions cost every run that reads one file more than matching them (FuzzBannedWordMatches
// compares the two).
func (b *bannedWord) matches(s []byte) [][2]int {
	var out [][2]int
	if !b.latin {
		w := []byte(b.Word)
		if len(w) == 0 {
			return nil
		}
		for i := 0; ; {
			j := bytes.Index(s[i:], w)
			if j < 0 {
				return out
			}
			out = append(out, [2]int{i + j, i + j + len(w)})
			i += j + len(w)
		}
	}
	for i := 0; i < len(s); {
		// A byte no match starts with is passed over one at a time: it is ASCII, a byte inside
		// a character (never a first byte of the set), or one an expression would read as a
		// character of its own, none of which a match can start at.
		if !b.first[s[i]] {
			i++
			continue
		}
		n := fold.Prefix(s[i:], b.runes)
		if n == 0 {
			_, size := utf8.DecodeRune(s[i:])
			i += size
			continue
		}
		end := i + n
		if m := fold.Prefix(s[end:], pluralES); m > 0 {
			end += m
		} else {
			end += fold.Prefix(s[end:], pluralS)
		}
		out = append(out, [2]int{i, end})
		i = end
	}
	return out
}

// isWordRune reports whether r continues a word.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// continuesLatin reports whether r, next to a Latin word, makes it part of a longer word: a letter,
// digit or _ of a script written with spaces between words. Japanese (and Chinese) text runs on
// without spaces, so "outageが発生" and "大規模outage" are the word itself, as a reader sees it.
func continuesLatin(r rune) bool {
	return isWordRune(r) && !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// wordBoundary reports whether s[start:end] is neither preceded nor followed by a letter, digit or _
// that continues it (continuesLatin).
func wordBoundary(s []byte, start, end int) bool {
	if r, _ := utf8.DecodeLastRune(s[:start]); start > 0 && continuesLatin(r) {
		return false
	}
	if r, _ := utf8.DecodeRune(s[end:]); end < len(s) && continuesLatin(r) {
		return false
	}
	return true
}

// inHostName reports whether s[start:end] is part of a web address written without its scheme: a
// dotted host name such as outages.example.com or status.outage.io, or the path after one
// (status.example.jp/outage). A host name's labels are ASCII letters, digits and hyphens (a name in
// other letters is written in punycode, xn--…), so the run around the word is read over those, dots
// and slashes only: in "outage.ご不安をおかけしました" the dot is a full stop before Japanese text,
// not one between two labels.
func inHostName(s []byte, start, end int) bool {
	isHost := func(c byte) bool {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("_-./", c) >= 0
	}
	for start > 0 && isHost(s[start-1]) {
		start--
	}
	for end < len(s) && isHost(s[end]) {
		end++
	}
	host := s[start:end]
	if i := bytes.IndexByte(host, '/'); i >= 0 {
		host = host[:i] // the word is in the host name, or in the path after it
	}
	label := func(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' }
	for i := 1; i+1 < len(host); i++ {
		// "outage.We" is a sentence whose space was forgotten: host names are written in lower case.
		if host[i] == '.' && label(host[i-1]) && label(host[i+1]) && !('A' <= host[i+1] && host[i+1] <= 'Z') {
			return true
		}
	}
	return false
}

func (b *bannedWord) applies(s *postmortem.Section) bool {
	for ; s != nil; s = s.Parent {
		if b.sections[s.Key] || (b.byTitle && b.sections["title:"+postmortem.NormalizeHeading(s.Title)]) {
			return true
		}
	}
	return false
}

// matchForm writes a suggested term as the word was found: capitalised when it was, plural when it
// was (an English word found with an s the word has not).
func (b *bannedWord) matchForm(found, term string) string {
	if !b.latin || term == "" {
		return term
	}
	if len(found) > len(b.Word) && !strings.HasSuffix(strings.ToLower(term), "s") {
		term += "s"
	}
	if r, _ := utf8.DecodeRuneInString(found); unicode.IsUpper(r) {
		t, size := utf8.DecodeRuneInString(term)
		term = string(unicode.ToUpper(t)) + term[size:]
	}
	return term
}

// isOutage reports whether b is "outage" (or 停止): the word full_outage: true allows.
func (b *bannedWord) isOutage() bool {
	return strings.EqualFold(b.Word, "outage") || strings.EqualFold(b.Word, "outages") || b.Word == "停止"
}

// reachesReaders reports whether section s can reach the readers its banned words are kept from:
// the customer message does only when external_message is true. With false, pm message external
// sends nothing, and the line the template asks for there (no message is needed) may name the
// outage.
func reachesReaders(c *Context, s *postmortem.Section) bool {
	return c.Doc.Fields.ExternalMessage || !inCustomerMessage(s)
}

// inCustomerMessage reports whether s is the External Message section or one of its subsections.
func inCustomerMessage(s *postmortem.Section) bool {
	for ; s != nil; s = s.Parent {
		if s.Key == "external-message" {
			return true
		}
	}
	return false
}

func (b *bannedWord) suggestion(c *Context) string { return b.suggestionFor(c, "", verbRewording{}) }

// suggestionFor is the suggestion for the word as found, reworded as vr says when it is a Japanese
// noun used as a verb (停止しました; see verbTail): each term as the editor's replacement writes it
// (matchForm: "Incidents" for "Outages"), and a Japanese noun made a verb as Japanese makes it
// ("インシデントが発生しました"), since "インシデントしました" is no Japanese.
func (b *bannedWord) suggestionFor(c *Context, found string, vr verbRewording) string {
	if len(b.Suggest) == 0 {
		return ""
	}
	q := make([]string, len(b.Suggest))
	for i, s := range b.Suggest {
		if found != "" {
			s = b.matchForm(found, s)
		}
		if vr.tail != "" {
			s += verbNoun + vr.rest
			if vr.particle != "" {
				s = "…" + vr.particle + s // what comes before the word stays: "…でインシデントが発生しました"
			}
		}
		q[i] = fmt.Sprintf("%q", s)
	}
	if vr.tail != "" {
		return c.T("banned.suggest-verb", strings.Join(q, c.T("banned.or")))
	}
	return c.T("banned.suggest", strings.Join(q, c.T("banned.or")))
}

// verbNoun is what a suggested Japanese noun is followed by to be said to have happened.
const verbNoun = "が発生"

// verbRewording is how the words around a Japanese noun used as a verb are written when a suggested
// noun takes its place with verbNoun: the particle before it becomes one that fits a second subject
// ("決済が停止しました" → "決済でインシデントが発生しました", not "決済がインシデントが発生しました"), and a
// passive or causative ending becomes the plain one, since 発生 takes neither ("停止されました",
// "停止させました" → "発生しました"). tail is the kana after the word as found (verbTail), "" when the
// word is no verb; particle and rest are what the suggestion writes before the noun and after
// verbNoun. The editor's replacement takes the place of the source bytes start..end and writes
// editParticle and editRest around the noun: the particle and the ending are rewritten there only
// where they are written next to the word, with no markup between.
type verbRewording struct {
	tail, particle, rest   string
	start, end             int
	editParticle, editRest string
}

// jaParticles are the particles before a noun used as a verb that pm rewrites, and what each becomes.
var jaParticles = [][2]string{{"では", "では"}, {"が", "で"}, {"を", "で"}, {"は", "では"}}

// rewordVerb works out the rewording of the word at rt.text[ms:me] (source bytes start..end),
// followed by tail.
func rewordVerb(rt *readerText, ms, start, end int, tail string, src []byte) verbRewording {
	vr := verbRewording{tail: tail, start: start, end: end}
	if tail == "" {
		return vr
	}
	vr.rest = activeTail(tail)
	if vr.rest != tail && bytes.HasPrefix(src[end:], []byte(tail)) {
		vr.editRest, vr.end = vr.rest, end+len(tail)
	}
	for _, p := range jaParticles {
		if !bytes.HasSuffix(rt.text[:ms], []byte(p[0])) {
			continue
		}
		if p[0] != p[1] {
			vr.particle = p[1]
			if bytes.HasSuffix(src[:start], []byte(p[0])) {
				vr.editParticle, vr.start = p[1], start-len(p[0])
			}
		}
		break
	}
	return vr
}

// activeTail is a verb's ending in the plain voice: "されました", "させました", "させられました" →
// "しました"; "される" → "する"; "されず" → "せず". The humble causative, 〜させていただく (said of
// stopping a service on purpose), becomes the humble or plain ending, since 発生 takes 〜ていただく no
// more than the causative: "させていただきました" → "いたしました", "させていただいております" →
// "しております", "させていただいて" → "して", "させていただく" → "する". 〜せざるを得ない (had to
// stop it) says what happened: "せざるを得ませんでした" → "しました", "せざるを得ない" → "する". Other
// endings are returned as they are.
func activeTail(tail string) string {
	if rest, ok := cutPrefixes(tail, "させていただ", "させて頂"); ok {
		for _, e := range humbleEndings {
			if after, ok := strings.CutPrefix(rest, e[0]); ok {
				return e[1] + after
			}
		}
	}
	if rest, ok := cutPrefixes(tail, "せざるを得", "せざるをえ"); ok {
		for _, e := range obligedEndings {
			if after, ok := strings.CutPrefix(rest, e[0]); ok {
				return e[1] + after
			}
		}
		return "する" + rest
	}
	for _, p := range []string{"させられ", "させ", "され"} {
		rest, ok := strings.CutPrefix(tail, p)
		if !ok {
			continue
		}
		switch {
		case strings.HasPrefix(rest, "る"), strings.HasPrefix(rest, "れ"):
			return "す" + rest
		case strings.HasPrefix(rest, "ず"):
			return "せ" + rest
		default:
			return "し" + rest
		}
	}
	return tail
}

// humbleEndings are what follows 〜させていただ (〜させて頂) and the ending 発生 takes in its place,
// each before the shorter ones it begins with.
var humbleEndings = [][2]string{
	{"きま", "いたしま"}, // きました, きます, きまして
	{"いて", "して"},   // いております, いて
	{"いた", "した"},   // いた
	{"けれ", "すれ"},   // ければ
	{"き", "し"},     // き、, きたく
	{"く", "する"},    // く
}

// obligedEndings are what follows 〜せざるを得 and the ending 発生 takes in its place, each before
// the shorter ones it begins with; before another, the plain "する".
var obligedEndings = [][2]string{
	{"ませんでした", "しました"},
	{"なくなりました", "しました"},
	{"なくなった", "した"},
	{"なくなる", "する"},
	{"なかった", "した"},
	{"ません", "します"},
	{"ない", "する"},
	{"ず", "し"},
}

// cutPrefixes is s without the first of prefixes it starts with.
func cutPrefixes(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest, true
		}
	}
	return s, false
}

// verbTail returns the kana after text[:end] when a Japanese word ending there is used as a verb:
// "停止しました", "停止する", "停止し、", "停止されました", "停止させた", "停止せず", "停止いたしました";
// the hiragana up to the next other character (the sentence's end, mostly), at most 16, and the
// kanji of two endings written with one, 頂 of させて頂きました and 得 of せざるを得ませんでした, so
// that the ending is rewritten whole. It returns "" otherwise, and for a word written in Latin letters.
func (b *bannedWord) verbTail(text []byte, end int) string {
	if b.latin || end >= len(text) {
		return ""
	}
	rest := text[end:]
	r, _ := utf8.DecodeRune(rest)
	switch {
	case r == 'し' || r == 'す' || r == 'さ' || r == 'せ':
	case bytes.HasPrefix(rest, []byte("いた")): // いたします, いたしました
	default:
		return ""
	}
	i := end
	for n := 0; n < 16 && i < len(text); n++ {
		r, size := utf8.DecodeRune(text[i:])
		switch {
		case 'ぁ' <= r && r <= 'ゖ':
		case r == '頂' && bytes.HasSuffix(text[end:i], []byte("させて")):
		case r == '得' && bytes.HasSuffix(text[end:i], []byte("せざるを")):
		default:
			return string(text[end:i])
		}
		i += size
	}
	return string(text[end:i])
}

var bannedWordRule = Rule{
	ID: "banned-word",
	Help: `Customers read "outage" as "everything was down". Unless the service was entirely unavailable ` +
		`(full_outage: true in the front matter), describe it as an incident or a service degradation ` +
		`(ja: インシデント, サービス劣化). The words, their suggestions and the sections checked are set in .pm.yaml under lint.banned_words.`,
	Default: DefaultError,
	Check: func(c *Context) {
		texts := map[*postmortem.Section][]readerText{} // read once, whatever the number of words
		var sent *string                                // the customer message as sent, made once
		for i := range c.linter.banned {
			b := &c.linter.banned[i]
			// full_outage: true allows "outage" (停止), as the process does; the team's other banned
			// words stay banned
			if c.Doc.Fields.FullOutage && b.isOutage() {
				continue
			}
			found := 0 // in the customer message
			for _, s := range c.Content.Sections {
				if !b.applies(s) || !reachesReaders(c, s) {
					continue
				}
				rts, ok := texts[s]
				if !ok {
					blocks := s.Blocks
					if s.Parent != nil && b.applies(s.Parent) && s.Heading != nil {
						// A subsection's heading is part of the message too.
						blocks = append([]ast.Node{s.Heading}, blocks...)
					}
					// what pm message sends of the customer message is all of it, code included
					rts = readerTexts(blocks, c.Content.Src, inCustomerMessage(s))
					texts[s] = rts
				}
				for j := range rts {
					rt := &rts[j]
					for _, m := range b.find(rt.text) {
						start, end := rt.span(m[0], m[1])
						word := string(c.Content.Src[start:end])
						if inCustomerMessage(s) {
							found++
						}
						tail := b.verbTail(rt.text, m[1])
						asRead := string(rt.text[m[0]:m[1]]) // the word as read, markup left out
						vr := rewordVerb(rt, m[0], start, end, tail, c.Content.Src)
						switch {
						case !inCustomerMessage(s):
							c.ReportBody(start, end, LevelError, "banned.found-in", word, s.Title, b.suggestionFor(c, asRead, vr))
						case b.isOutage():
							c.ReportBody(start, end, LevelError, "banned.found", word, b.suggestionFor(c, asRead, vr)) // %q escapes what is hidden
						default:
							c.ReportBody(start, end, LevelError, "banned.found-word", word, b.suggestionFor(c, asRead, vr))
						}
						if !c.Fixing() {
							continue
						}
						if strings.ContainsAny(word, "*_~") && !strings.ContainsAny(b.Word, "*_~") {
							continue // the word runs across emphasis (out**age**): replacing it would leave half the marks
						}
						for _, term := range b.Suggest {
							term = b.matchForm(asRead, term)
							from, to := start, end
							if vr.tail != "" {
								// 決済が停止されました: 決済でインシデントが発生しました
								term, from, to = vr.editParticle+term+verbNoun+vr.editRest, vr.start, vr.end
							} else if at, article, ok := articleBefore(c.Content.Src, start); ok && b.latin {
								// "an outage": "a service degradation", not "an service degradation"
								if fit := fitArticle(article, term); fit != article {
									term, from = fit+string(c.Content.Src[at+len(article):start])+term, at
								}
							}
							// A rewording needs judgement: offered, never applied by pm lint --fix.
							// the title on one line, an article and its word apart on two ("an\noutage") too
							title := c.T("fix.replace-word", oneLine(string(c.Content.Src[from:to])), oneLine(term))
							c.AddFix(Fix{Title: title, Edits: []Edit{c.replaceBody(from, to, term)}})
						}
					}
				}
			}
			checkSentText(c, b, found, &sent)
		}
	},
}

// checkSentText reads the customer message as pm message sends it, in plain text: a link's address
// and a footnote are written out there ("details (outage-report)"), and the word in them reaches
// customers as surely as in the prose. Found more often there than in the text read above (found
// times), it is reported once, at the section's heading.
func checkSentText(c *Context, b *bannedWord, found int, cache **string) {
	s := c.FindSection("external-message")
	if s == nil || s.Heading == nil || !b.applies(s) || !reachesReaders(c, s) {
		return
	}
	if *cache == nil {
		text := postmortem.PlainText(s.AllBlocks(), c.Content.Src)
		*cache = &text
	}
	sent := **cache
	var ms [][2]int
	addr := addressFinder{s: sent}
	for _, m := range b.find([]byte(sent)) {
		if !addr.inURL(m[0], m[1]) { // a web address is an address, as an autolink is in the text
			ms = append(ms, m)
		}
	}
	if len(ms) <= found {
		return
	}
	m := ms[0]
	c.ReportNode(s.Heading, LevelError, "banned.in-address", sent[m[0]:m[1]], len(ms)-found, b.suggestion(c))
}

// addressFinder answers inURL for the matches of one text, taken in order, finding each run's ends
// once: the run around a match reaches to the next space, so a text of one long word holding the
// word thousands of times (停止 with no space in between) made every match read the whole line again,
// and 64 KB of it took seconds.
type addressFinder struct {
	s string
	// left is where the run ending at leftAt begins: the end of the last stop before leftAt.
	leftAt, left int
	// right is the first stop (or the text's end) at or after rightFrom.
	rightFrom, right int
	// the last run read, and whether it is an address
	tokStart, tokEnd int
	tokURL, read     bool
}

// inURL is inURL(f.s, start, end), for matches that come in order.
func (f *addressFinder) inURL(start, end int) bool {
	if start < f.leftAt || end < f.rightFrom {
		return inURL(f.s, start, end) // out of order: read the run the slow way
	}
	for f.leftAt < start {
		r, n := utf8.DecodeRuneInString(f.s[f.leftAt:])
		f.leftAt += n
		if urlStop(r) {
			f.left = f.leftAt
		}
	}
	if f.leftAt != start { // a rune across start: not a match's edge
		return inURL(f.s, start, end)
	}
	if end > f.right || f.right == 0 && f.rightFrom == 0 {
		f.right = end
		for f.right < len(f.s) {
			r, n := utf8.DecodeRuneInString(f.s[f.right:])
			if urlStop(r) {
				break
			}
			f.right += n
		}
	}
	f.rightFrom = end
	if f.read && f.tokStart == f.left && f.tokEnd == f.right {
		return f.tokURL
	}
	f.tokStart, f.tokEnd, f.read = f.left, f.right, true
	f.tokURL = isURLToken(f.s[f.left:f.right])
	return f.tokURL
}

// urlStop reports whether r ends the run of characters an address is read in.
func urlStop(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("()（）<>\"'", r) }

// inURL reports whether s[start:end] is part of a web address: the run of characters around it, up
// to a space or a parenthesis, has a scheme's "://" or starts with "www." or "mailto:".
func inURL(s string, start, end int) bool {
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:start])
		if urlStop(r) {
			break
		}
		start -= n
	}
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if urlStop(r) {
			break
		}
		end += n
	}
	return isURLToken(s[start:end])
}

// isURLToken reports whether a run of characters is a web address. Lowering maps a rune to a rune, and
// none but ':' and '/' to them, so only the first seven runes are lowered.
func isURLToken(tok string) bool {
	if strings.Contains(tok, "://") {
		return true
	}
	head := tok
	for i, n := 0, 0; i < len(tok); n++ {
		if n == 7 {
			head = tok[:i]
			break
		}
		_, w := utf8.DecodeRuneInString(tok[i:])
		i += w
	}
	head = strings.ToLower(head)
	return strings.HasPrefix(head, "www.") || strings.HasPrefix(head, "mailto:")
}
