package site

import (
	"bytes"
	"html"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
)

// codeFormatter is chroma's HTML formatter as pm used it before appendCodeHTML: the tests compare the
// two.
var codeFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(false))

// codeStyle is the (empty) style chroma's HTML formatter is handed: pm writes class names, and its
// own style sheet (codeCSS) colours them.
var codeStyle = sync.OnceValue(func() *chroma.Style {
	return chroma.MustNewStyle("pm", chroma.StyleEntries{})
})

// toChroma is tokens as chroma's: the same types, by number, and values.
func toChroma(toks []token) []chroma.Token {
	out := make([]chroma.Token, len(toks))
	for i, tok := range toks {
		out[i] = chroma.Token{Type: chroma.TokenType(tok.Type), Value: tok.Value}
	}
	return out
}

// checkCodeHTML checks that appendCodeHTML writes what chroma's formatter writes of toks.
func checkCodeHTML(t *testing.T, toks []token) {
	t.Helper()
	var want bytes.Buffer
	if err := codeFormatter.Format(&want, codeStyle(), chroma.Literator(toChroma(toks)...)); err != nil {
		t.Fatal(err)
	}
	if got := appendCodeHTML([]byte("x"), toks); string(got) != "x"+want.String() {
		t.Errorf("appendCodeHTML(%v):\n got %s\nwant %s", toks, got[1:], want.String())
	}
}

// TestCodeHTML compares appendCodeHTML with chroma's formatter: each lexer on each sample, and tokens
// no lexer of pm makes (empty ones, an EOF, types without a class, lines ending inside a token).
func TestCodeHTML(t *testing.T) {
	for _, code := range highlightSamples {
		for _, l := range lexerTable.Get() {
			checkCodeHTML(t, l.tokens(code))
		}
		if got, want := string(appendEscaped(nil, code)), html.EscapeString(code); got != want {
			t.Errorf("appendEscaped(%q) = %q, want %q", code, got, want)
		}
	}
	k, s, x := typeKeyword, typeLiteralStringSingle, tokenType(12345)
	for _, toks := range [][]token{
		nil,
		{{Type: k, Value: ""}},
		{{Type: k, Value: "a\n"}, {Type: s, Value: ""}},
		{{Type: k, Value: "a\n"}, {Type: s, Value: ""}, {Type: s, Value: ""}},
		{{Type: k, Value: "a"}, {Type: s, Value: ""}, {Type: k, Value: "b\n\nc\n"}, {Type: x, Value: "<&'\">\n"}},
		{{Type: k, Value: "a"}, {}, {Type: k, Value: "b"}},
		{{Type: typeText, Value: "plain\n"}, {Type: typeTextWhitespace, Value: "\n"}, {Type: typeNameVariable, Value: "x"}},
		{{Type: typeGeneric, Value: "\n"}, {Type: typeLiteral, Value: "y"}, {Type: typeComment, Value: "z"}, {Type: typeLiteralString, Value: "w"}},
	} {
		checkCodeHTML(t, toks)
	}
}

// TestLexers highlights a line of each language and checks a token of each kind it names, and that
// the whole input comes back (no token is dropped or turned into an error).
func TestLexers(t *testing.T) {
	cases := []struct {
		lang, code string
		want       []string
	}{
		{"sh", "# restart\nkubectl rollout restart deploy/api --namespace $NS && echo 'ok'\n",
			[]string{`<span class="c1"># restart</span>`, `<span class="nv">$NS</span>`, `<span class="s1">&#39;ok&#39;</span>`, `<span class="o">&amp;&amp;</span>`}},
		{"SQL", "SELECT count(*) FROM orders WHERE state = 'stuck'; -- since 09:14\n",
			[]string{`<span class="k">SELECT</span>`, `<span class="nf">count</span>`, `<span class="s1">&#39;stuck&#39;</span>`, `<span class="c1">-- since 09:14</span>`}},
		{"json", `{"pool": 50, "ok": true}` + "\n",
			[]string{`<span class="nt">&#34;pool&#34;</span>`, `<span class="m">50</span>`, `<span class="kc">true</span>`}},
		{"yml", "replicas: 3 # was 2\n",
			[]string{`<span class="nt">replicas</span>`, `<span class="m">3</span>`, `<span class="c1"># was 2</span>`}},
		{"go", "func main() { fmt.Println(\"hi\") }\n",
			[]string{`<span class="k">func</span>`, `<span class="nf">Println</span>`, `<span class="s2">&#34;hi&#34;</span>`}},
		{"python", "def retry(n=3):\n    return None  # give up\n",
			[]string{`<span class="k">def</span>`, `<span class="nf">retry</span>`, `<span class="kc">None</span>`, `<span class="c1"># give up</span>`}},
	}
	for _, c := range cases {
		l := lexer(c.lang)
		if l == nil {
			t.Fatalf("%s: no lexer", c.lang)
		}
		var text strings.Builder
		for _, tok := range l.tokens(c.code) {
			if chroma.TokenType(tok.Type) == chroma.Error {
				t.Errorf("%s: error token %q", c.lang, tok.Value)
			}
			text.WriteString(tok.Value)
		}
		if text.String() != c.code {
			t.Errorf("%s: tokens give back %q", c.lang, text.String())
		}
		var b bytes.Buffer
		if err := codeFormatter.Format(&b, codeStyle(), chroma.Literator(toChroma(l.tokens(c.code))...)); err != nil {
			t.Fatal(err)
		}
		for _, w := range c.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s: no %s in\n%s", c.lang, w, b.String())
			}
		}
	}
	if lexer("brainfuck") != nil {
		t.Error("a language pm does not highlight has a lexer")
	}
}

// highlightSamples are code blocks with what trips lexers up: unclosed strings and comments, keywords
// inside names, numbers next to letters, multi-line comments and strings, CR LF, non-ASCII letters,
// digits and spaces, a missing last newline.
var highlightSamples = []string{
	"SELECT count(*) FILTER (WHERE status >= 500) AS failed, count(*) AS total\nFROM inventory_api_access_log\nWHERE ts >= '2024-01-01 13:26Z' AND ts < '2024-01-01 14:40Z';\n",
	"select \"Quoted\" from t /* multi\nline */ where selected = 'it''s' -- note\nSeLeCt x<>y, a!=b, 1.5e3, 2e, 3.x, x1 FROM t\n",
	"# restart\nkubectl rollout restart deploy/api --namespace $NS && echo 'ok' | grep \"a\\\"b\" ${X:-1} $1 $? -v ---x\n$ ls -la > out; fi\n> next\n",
	"{\"pool\": 50, \"ok\": true, \"n\": -1.5e3, \"s\": \"a\\\"b\"} // c\n[null, false, -x, 1e, \"k\"\n :1]\n",
	"---\nreplicas: 3 # was 2\nname: 'a''b'\nlist:\n  - &anchor \"x\"\n  - *anchor\non: yes\nurl: http://x\n...  \n--- x\n",
	"package main\n\n// Comment\nfunc main() { x := `raw`; fmt.Println(\"hi\", 'c', '', 3.5, nil) /* c */ a <- b; c++; d &&= e }\n",
	"@decorator.x\ndef retry(n=3):\n    \"\"\"doc\n    string\"\"\"\n    return None  # give up\nprint(f'{x}', rb\"raw\", rbf\"x\", 2**8, a//b)\n",
	"unclosed 'string\nand \"another\n and 'a'' and \"b\"\" /* open", "日本語 ünïcode λ → x\r\ny\r\nselectä äselect ٣ ٣x x\u00a0y\u3000z\u2028w\u200dif",
	"", "\n\n", "a", "ls\n-l\n\n--all -x", "--", "/*", "'", "x ", "  \n", "if", "\xff\xfe bad bytes", "\r",
}

// TestLexersAsRules checks that each lexer gives the tokens its regular expressions gave.
func TestLexersAsRules(t *testing.T) {
	for _, code := range highlightSamples {
		checkLexers(t, code)
	}
}

func checkLexers(t *testing.T, code string) {
	t.Helper()
	for _, l := range lexerTable.Get() {
		if l.name == "SQL" && strings.ContainsAny(code, "\u017f\u212a\u0130") {
			continue // the regular expressions fold these into s, k and i in some keywords (see word)
		}
		it, err := regexLexer(l.name).Tokenise(nil, code)
		if err != nil {
			t.Fatal(err)
		}
		if want, got := it.Tokens(), toChroma(l.tokens(code)); !slices.Equal(want, got) {
			t.Errorf("%s %q:\n got %v\nwant %v", l.name, code, got, want)
		}
	}
}

// FuzzLexers checks the lexers against their regular expressions on any code.
func FuzzLexers(f *testing.F) {
	for _, code := range highlightSamples {
		f.Add(code)
	}
	f.Fuzz(func(t *testing.T, code string) {
		if len(code) > 2000 {
			return
		}
		checkLexers(t, code)
		for _, l := range lexerTable.Get() {
			checkCodeHTML(t, l.tokens(code))
		}
	})
}

// BenchmarkHighlight highlights a SQL block as a postmortem quotes one.
func BenchmarkHighlight(b *testing.B) {
	l := lexer("sql")
	var toks []token
	var runes []rune
	var out []byte
	for b.Loop() {
		toks, runes = appendTokens(toks[:0], runes, highlightSamples[0], l.scan)
		out = appendCodeHTML(out[:0], toks)
	}
}

// BenchmarkHighlightRules highlights the same block with the regular expressions.
func BenchmarkHighlightRules(b *testing.B) {
	l := regexLexer("SQL")
	for b.Loop() {
		it, err := l.Tokenise(nil, highlightSamples[0])
		if err != nil {
			b.Fatal(err)
		}
		var out bytes.Buffer
		if err := codeFormatter.Format(&out, codeStyle(), it); err != nil {
			b.Fatal(err)
		}
	}
}

// TestIsWordASCII checks isWord on ASCII against unicode's classes.
func TestIsWordASCII(t *testing.T) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		if want := unicode.In(r, unicode.L, unicode.Mn, unicode.Nd, unicode.Pc); isWord(r) != want {
			t.Errorf("isWord(%q) = %t, want %t", r, isWord(r), want)
		}
	}
}
