package site

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// pm's lexers, written by hand. They give the tokens chroma's engine gave for pm's rules, which were
// regular expressions tried one after the other at each position (highlight_rules_test.go keeps
// them, and a test and a fuzz target compare the two): chroma's engine took half of the time of
// rendering a postmortem with a SQL block, these take a small part of it. Like chroma's, they work on
// the code's characters (not bytes), after turning CR LF and CR into LF and ending the code with a
// newline.

// scan returns the length (in characters) and the type of the token at t[p:]; it always matches.
type scan func(t []rune, p int) (int, tokenType)

// tokens splits code into the tokens of scan, as chroma's Tokenise does with a lexer whose config has
// EnsureNL: the newline added at the end is part of a token only when a token reaches over it.
func tokens(code string, sc scan) []token {
	toks, _ := appendTokens(nil, nil, code, sc)
	return toks
}

// appendTokens appends the tokens of tokens(code, sc) to dst, reading the code's characters into t
// (grown as needed, and returned for the next code). A token's value is a piece of the code itself
// when the code is UTF-8, not a new string.
func appendTokens(dst []token, t []rune, code string, sc scan) ([]token, []rune) {
	code = lf(code)
	added := !strings.HasSuffix(code, "\n")
	if added {
		code += "\n"
	}
	t = t[:0]
	for _, r := range code {
		t = append(t, r)
	}
	end := len(t)
	if added {
		end--
	}
	valid := utf8.ValidString(code) // else each byte that is not UTF-8 is a U+FFFD in t, and in the token
	for p, b := 0, 0; p < end; {
		n, typ := sc(t, p)
		if valid {
			k := 0
			for _, r := range t[p : p+n] {
				k += utf8.RuneLen(r)
			}
			dst = append(dst, token{Type: typ, Value: code[b : b+k]})
			b += k
		} else {
			dst = append(dst, token{Type: typ, Value: string(t[p : p+n])})
		}
		p += n
	}
	return dst, t
}

// lf turns CR LF and lone CR into LF.
func lf(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// isWord is \w and \b's idea of a word character in chroma's regular expressions.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		// the same answer for ASCII, without the search of unicode's tables
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.In(r, unicode.L, unicode.Mn, unicode.Nd, unicode.Pc) || r == '\u200D' || r == '\u200C'
}

func at(t []rune, p int) rune {
	if p < 0 || p >= len(t) {
		return -1
	}
	return t[p]
}

// boundary is \b at p.
func boundary(t []rune, p int) bool {
	a, b := at(t, p-1), at(t, p)
	return (a >= 0 && isWord(a)) != (b >= 0 && isWord(b))
}

func isSpace(r rune) bool { return r >= 0 && unicode.IsSpace(r) }

func isASCIIIdent(r rune, first bool) bool {
	return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || !first && '0' <= r && r <= '9'
}

func isDigit(r rune) bool { return r >= 0 && unicode.IsDigit(r) }

// lineRest is [^\n]* from p.
func lineRest(t []rune, p int) int {
	n := 0
	for p+n < len(t) && t[p+n] != '\n' {
		n++
	}
	return n
}

// prefix reports whether t[p:] starts with s (ASCII).
func prefix(t []rune, p int, s string) bool {
	if p+len(s) > len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if t[p+i] != rune(s[i]) {
			return false
		}
	}
	return true
}

// lineComment is start[^\n]*.
func lineComment(t []rune, p int, start string) int {
	if !prefix(t, p, start) {
		return 0
	}
	return len(start) + lineRest(t, p+len(start))
}

// until is open[\s\S]*?close: the shortest run from open to the first close after it.
func until(t []rune, p int, open, close string) int {
	if !prefix(t, p, open) {
		return 0
	}
	for q := p + len(open); q+len(close) <= len(t); q++ {
		if prefix(t, q, close) {
			return q + len(close) - p
		}
	}
	return 0
}

// escaped is q(?:\\.|[^q\\])*q, or with newline false q(?:\\.|[^q\\\n])*q; with plus, at least one
// character between the quotes.
func escaped(t []rune, p int, q rune, newline, plus bool) int {
	if at(t, p) != q {
		return 0
	}
	i := p + 1
	for i < len(t) {
		switch c := t[i]; {
		case c == '\\':
			if i+1 >= len(t) || t[i+1] == '\n' {
				return 0
			}
			i += 2
		case c == q:
			if plus && i == p+1 {
				return 0
			}
			return i + 1 - p
		case c == '\n' && !newline:
			return 0
		default:
			i++
		}
	}
	return 0
}

// doubled is q(?:qq|[^q])*q, SQL's and YAML's quoting, backtracking as the regular expression does:
// when the input ends before the closing quote, the string ends at the first quote of the last pair.
func doubled(t []rune, p int, q rune) int {
	if at(t, p) != q {
		return 0
	}
	lastPair := -1
	for i := p + 1; i < len(t); {
		if t[i] == q {
			if at(t, i+1) == q {
				lastPair = i
				i += 2
				continue
			}
			return i + 1 - p
		}
		i++
	}
	if lastPair < 0 {
		return 0
	}
	return lastPair + 1 - p
}

// word is \b(?:w1|w2|…)\b for the words of set (with fold, in any case): the word characters from p,
// when they are one of the words and p is at the start of a word. Any case means ASCII letters in
// either case; the regular expressions also let the few letters outside ASCII that fold to one (long
// s, Kelvin sign, dotted I) stand for it, in some words and not others.
func word(t []rune, p int, set *wordSet, fold bool) int {
	if !boundary(t, p) {
		return 0
	}
	n := 0
	for p+n < len(t) && isWord(t[p+n]) {
		n++
	}
	if n == 0 || n > 16 {
		return 0
	}
	var b [16 * utf8.UTFMax]byte
	s := b[:0]
	for _, r := range t[p : p+n] {
		if fold && 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		s = utf8.AppendRune(s, r)
	}
	if set.has(string(s)) {
		return n
	}
	return 0
}

// wordSet is a set of words, made into a map on first use. Written as a composite literal
// (&wordSet{list: []string{…}}), it is laid out by the compiler: nothing runs in package init, which
// every pm process pays.
type wordSet struct {
	list []string
	once sync.Once
	m    map[string]bool
}

func (w *wordSet) has(s string) bool {
	w.once.Do(w.make)
	return w.m[s]
}

func (w *wordSet) make() {
	w.m = make(map[string]bool, len(w.list))
	for _, s := range w.list {
		w.m[s] = true
	}
}

// ident is [A-Za-z_][A-Za-z0-9_]*.
func ident(t []rune, p int) int {
	if !isASCIIIdent(at(t, p), true) {
		return 0
	}
	n := 1
	for isASCIIIdent(at(t, p+n), false) {
		n++
	}
	return n
}

// function is [A-Za-z_][A-Za-z0-9_]*(?=\().
func function(t []rune, p int) int {
	if n := ident(t, p); n > 0 && at(t, p+n) == '(' {
		return n
	}
	return 0
}

// operator is [set]=?.
func operator(t []rune, p int, set string) int {
	c := at(t, p)
	if c < 0 || c > 127 || strings.IndexByte(set, byte(c)) < 0 {
		return 0
	}
	if at(t, p+1) == '=' {
		return 2
	}
	return 1
}

// oneOf is [set] for ASCII characters.
func oneOf(t []rune, p int, set string) int {
	if c := at(t, p); c >= 0 && c <= 127 && strings.IndexByte(set, byte(c)) >= 0 {
		return 1
	}
	return 0
}

// digits is \d+ from p.
func digits(t []rune, p int) int {
	n := 0
	for isDigit(at(t, p+n)) {
		n++
	}
	return n
}

// number is \d+(?:\.\d+)?(?:[eE][+-]?\d+)?, the longest first; with bounded, one that ends at a word
// boundary (and starts at one), trying the shorter forms the regular expression backtracks to.
func number(t []rune, p int, bounded bool) int {
	if bounded && !boundary(t, p) {
		return 0
	}
	d := digits(t, p)
	if d == 0 {
		return 0
	}
	frac := 0
	if at(t, p+d) == '.' {
		if f := digits(t, p+d+1); f > 0 {
			frac = 1 + f
		}
	}
	exp := func(q int) int {
		if c := at(t, q); c != 'e' && c != 'E' {
			return 0
		}
		s := 1
		if c := at(t, q+1); c == '+' || c == '-' {
			s = 2
		}
		if e := digits(t, q+s); e > 0 {
			return s + e
		}
		return 0
	}
	// The forms in the order the regular expression backtracks through them.
	var forms [4]int
	k := 0
	if frac > 0 {
		if e := exp(p + d + frac); e > 0 {
			forms[k], k = d+frac+e, k+1
		}
		forms[k], k = d+frac, k+1
	}
	if e := exp(p + d); e > 0 {
		forms[k], k = d+e, k+1
	}
	forms[k], k = d, k+1
	for _, n := range forms[:k] {
		if !bounded || boundary(t, p+n) {
			return n
		}
	}
	return 0
}

// common are the rules every lexer ends with: white space, numbers, names, any other character.
func common(t []rune, p int) (int, tokenType) {
	if isSpace(t[p]) {
		n := 1
		for isSpace(at(t, p+n)) {
			n++
		}
		return n, typeTextWhitespace
	}
	if n := number(t, p, true); n > 0 {
		return n, typeLiteralNumber
	}
	if n := ident(t, p); n > 0 {
		return n, typeName
	}
	return 1, typeText // any other character (a newline is white space)
}

var shellKeywords = &wordSet{list: []string{"if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case",
	"esac", "in", "function", "return", "export", "local", "set", "unset"}}

func scanShell(t []rune, p int) (int, tokenType) {
	if n := lineComment(t, p, "#"); n > 0 {
		return n, typeCommentSingle
	}
	if at(t, p) == '\'' {
		for i := p + 1; i < len(t); i++ {
			if t[i] == '\'' {
				return i + 1 - p, typeLiteralStringSingle
			}
		}
	}
	if n := escaped(t, p, '"', true, false); n > 0 {
		return n, typeLiteralStringDouble
	}
	if at(t, p) == '$' {
		switch c := at(t, p+1); {
		case c == '{':
			for i := p + 2; i < len(t) && t[i] != '\n'; i++ {
				if t[i] == '}' {
					return i + 1 - p, typeNameVariable
				}
			}
		case isASCIIIdent(c, true):
			return 1 + ident(t, p+1), typeNameVariable
		case c >= 0 && c <= 127 && strings.IndexByte("0123456789#?@$!*-", byte(c)) >= 0:
			return 2, typeNameVariable
		}
	}
	if n := word(t, p, shellKeywords, false); n > 0 {
		return n, typeKeyword
	}
	if (p == 0 || t[p-1] == '\n') && oneOf(t, p, "$#>") == 1 && at(t, p+1) == ' ' {
		return 2, typeGenericPrompt
	}
	if prefix(t, p, "||") || prefix(t, p, "&&") {
		return 2, typeOperator
	}
	if n := oneOf(t, p, "|;&<>"); n > 0 {
		return n, typeOperator
	}
	// (?:^|\s)--?[A-Za-z0-9][A-Za-z0-9-]*: a flag, with the space before it (^ is a line's start:
	// chroma's rules are multi-line).
	for _, start := range []int{0, 1} {
		if start == 0 && p != 0 && t[p-1] != '\n' || start == 1 && !isSpace(at(t, p)) {
			continue
		}
		q := p + start
		if at(t, q) != '-' {
			continue
		}
		q++
		if at(t, q) == '-' && isAlnum(at(t, q+1)) {
			q++
		}
		if !isAlnum(at(t, q)) {
			continue
		}
		q++
		for isAlnum(at(t, q)) || at(t, q) == '-' {
			q++
		}
		return q - p, typeNameAttribute
	}
	return common(t, p)
}

func isAlnum(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
}

var sqlKeywords = &wordSet{list: []string{"select", "from", "where", "and", "or", "not", "in", "is", "null", "as",
	"join", "left", "right", "inner", "outer", "on", "group", "by", "order", "having", "limit", "offset",
	"insert", "into", "values", "update", "set", "delete", "create", "table", "index", "alter", "drop",
	"distinct", "union", "all", "case", "when", "then", "else", "end", "with", "explain", "analyze",
	"asc", "desc", "between", "like", "exists", "true", "false", "begin", "commit", "rollback"}}

func scanSQL(t []rune, p int) (int, tokenType) {
	if n := lineComment(t, p, "--"); n > 0 {
		return n, typeCommentSingle
	}
	if n := until(t, p, "/*", "*/"); n > 0 {
		return n, typeCommentMultiline
	}
	if n := doubled(t, p, '\''); n > 0 {
		return n, typeLiteralStringSingle
	}
	if n := doubled(t, p, '"'); n > 0 {
		return n, typeNameVariable
	}
	if n := word(t, p, sqlKeywords, true); n > 0 {
		return n, typeKeyword
	}
	if n := function(t, p); n > 0 {
		return n, typeNameFunction
	}
	if prefix(t, p, "<=") || prefix(t, p, ">=") || prefix(t, p, "<>") || prefix(t, p, "!=") {
		return 2, typeOperator
	}
	if n := oneOf(t, p, "=<>+*/%-"); n > 0 {
		return n, typeOperator
	}
	return common(t, p)
}

var jsonConstants = &wordSet{list: []string{"true", "false", "null"}}

func scanJSON(t []rune, p int) (int, tokenType) {
	if n := escaped(t, p, '"', true, false); n > 0 {
		q := p + n
		for isSpace(at(t, q)) {
			q++
		}
		if at(t, q) == ':' {
			return n, typeNameTag
		}
		return n, typeLiteralStringDouble
	}
	q := p
	if at(t, q) == '-' {
		q++
	}
	if n := number(t, q, false); n > 0 {
		return q + n - p, typeLiteralNumber
	}
	if n := word(t, p, jsonConstants, false); n > 0 {
		return n, typeKeywordConstant
	}
	if n := lineComment(t, p, "//"); n > 0 {
		return n, typeCommentSingle
	}
	if n := oneOf(t, p, "{}[],:"); n > 0 {
		return n, typePunctuation
	}
	return common(t, p)
}

var yamlConstants = &wordSet{list: []string{"true", "false", "null", "yes", "no", "on", "off"}}

func isYAMLKey(r rune) bool { return isAlnum(r) || r == '_' || r == '.' || r == '-' || r == '/' }

func scanYAML(t []rune, p int) (int, tokenType) {
	if n := lineComment(t, p, "#"); n > 0 {
		return n, typeCommentSingle
	}
	// (?m)^(?:---|\.\.\.)\s*$
	if (p == 0 || t[p-1] == '\n') && (prefix(t, p, "---") || prefix(t, p, "...")) {
		w := 0
		for isSpace(at(t, p+3+w)) {
			w++
		}
		for ; w >= 0; w-- {
			if q := p + 3 + w; q == len(t) || t[q] == '\n' {
				return 3 + w, typeNameNamespace
			}
		}
	}
	// (?m)[A-Za-z0-9_.\-/]+(?=\s*:(?:\s|$))
	if isYAMLKey(at(t, p)) {
		n := 1
		for isYAMLKey(at(t, p+n)) {
			n++
		}
		q := p + n
		for isSpace(at(t, q)) {
			q++
		}
		if at(t, q) == ':' && (q+1 == len(t) || isSpace(t[q+1])) {
			return n, typeNameTag
		}
	}
	if n := doubled(t, p, '\''); n > 0 {
		return n, typeLiteralStringSingle
	}
	if n := escaped(t, p, '"', true, false); n > 0 {
		return n, typeLiteralStringDouble
	}
	if n := word(t, p, yamlConstants, false); n > 0 {
		return n, typeKeywordConstant
	}
	if c := at(t, p); c == '&' || c == '*' {
		n := 0
		for r := at(t, p+1+n); isAlnum(r) || r == '_' || r == '-'; r = at(t, p+1+n) {
			n++
		}
		if n > 0 {
			return 1 + n, typeNameLabel
		}
	}
	if n := oneOf(t, p, "-:?|>{}[],"); n > 0 {
		return n, typePunctuation
	}
	return common(t, p)
}

var (
	goKeywords = &wordSet{list: []string{"break", "case", "chan", "const", "continue", "default", "defer", "else",
		"fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
		"return", "select", "struct", "switch", "type", "var"}}
	goConstants = &wordSet{list: []string{"true", "false", "nil", "iota"}}
	goTypes     = &wordSet{list: []string{"bool", "byte", "error", "float32", "float64", "int", "int8", "int16", "int32",
		"int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "any"}}
)

func scanGo(t []rune, p int) (int, tokenType) {
	if n := lineComment(t, p, "//"); n > 0 {
		return n, typeCommentSingle
	}
	if n := until(t, p, "/*", "*/"); n > 0 {
		return n, typeCommentMultiline
	}
	if at(t, p) == '`' {
		for i := p + 1; i < len(t); i++ {
			if t[i] == '`' {
				return i + 1 - p, typeLiteralStringBacktick
			}
		}
	}
	if n := escaped(t, p, '"', false, false); n > 0 {
		return n, typeLiteralStringDouble
	}
	if n := escaped(t, p, '\'', false, true); n > 0 {
		return n, typeLiteralStringChar
	}
	if n := word(t, p, goKeywords, false); n > 0 {
		return n, typeKeyword
	}
	if n := word(t, p, goConstants, false); n > 0 {
		return n, typeKeywordConstant
	}
	if n := word(t, p, goTypes, false); n > 0 {
		return n, typeKeywordType
	}
	if n := function(t, p); n > 0 {
		return n, typeNameFunction
	}
	if prefix(t, p, ":=") {
		return 2, typeOperator
	}
	if n := operator(t, p, "-+*/%&|^<>=!"); n > 0 {
		return n, typeOperator
	}
	if n := oneOf(t, p, "{}()[],;."); n > 0 {
		return n, typePunctuation
	}
	return common(t, p)
}

var (
	pythonKeywords = &wordSet{list: []string{"and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
		"elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
		"nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"}}
	pythonConstants = &wordSet{list: []string{"True", "False", "None"}}
)

// pythonString is [rbfRBF]{0,2}q(?:\\.|[^q\\\n])*q.
func pythonString(t []rune, p int, q rune) int {
	k := 0
	for k < 2 && oneOf(t, p+k, "rbfRBF") == 1 {
		k++
	}
	for ; k >= 0; k-- {
		if at(t, p+k) == q {
			if n := escaped(t, p+k, q, false, false); n > 0 {
				return k + n
			}
			return 0
		}
	}
	return 0
}

func scanPython(t []rune, p int) (int, tokenType) {
	if n := lineComment(t, p, "#"); n > 0 {
		return n, typeCommentSingle
	}
	if n := until(t, p, `"""`, `"""`); n > 0 {
		return n, typeLiteralStringDoc
	}
	if n := until(t, p, "'''", "'''"); n > 0 {
		return n, typeLiteralStringDoc
	}
	if n := pythonString(t, p, '"'); n > 0 {
		return n, typeLiteralStringDouble
	}
	if n := pythonString(t, p, '\''); n > 0 {
		return n, typeLiteralStringSingle
	}
	if n := word(t, p, pythonKeywords, false); n > 0 {
		return n, typeKeyword
	}
	if n := word(t, p, pythonConstants, false); n > 0 {
		return n, typeKeywordConstant
	}
	if at(t, p) == '@' && isASCIIIdent(at(t, p+1), true) {
		n := 2
		for r := at(t, p+n); isASCIIIdent(r, false) || r == '.'; r = at(t, p+n) {
			n++
		}
		return n, typeNameDecorator
	}
	if n := function(t, p); n > 0 {
		return n, typeNameFunction
	}
	if n := operator(t, p, "-+*/%&|^<>=!"); n > 0 {
		return n, typeOperator
	}
	return common(t, p)
}
