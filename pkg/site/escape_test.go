package site

import (
	"bufio"
	"bytes"
	htmltemplate "html/template"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// hostile are strings a document could hold, for the escaping's tests and the fuzz target's seeds.
var hostile = []string{
	"", "plain", "<script>alert('pwned')</script>", `"><img src=x onerror=alert(1)>`, `' onmouseover='x`,
	"a & b &amp; c", "1+1", "\x00nul", "javascript:alert(1)", "JavaScript:alert(1)", " javascript:x",
	"java\tscript:x", "data:text/html,<b>x</b>", "vbscript:x", "https://example.com/a b?q=1&r=<2>#f",
	"mailto:a@example.com", "../pm/x.html", "../tag/日本語.html", "%zz%41", "a\"b'c`d", "\xff\xfe<", "\ufdd0\uffff",
	"</title><script>x</script>", "<!--", "]]>", "&#x3c;", "/\\example.com", "HTTP:ok", "x:y/z", "/a:b",
	"Invoice \u202efdp.exe", "\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069", "\u200f\u200e\u061c marks", "\xe2\x80", "\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa",
	"https://example.com/\u202e", "\u2028\u2029",
}

// viaTemplate is what html/template writes for s in the context of tmpl.
func viaTemplate(t testing.TB, tmpl, s string) string {
	var b bytes.Buffer
	if err := htmltemplate.Must(htmltemplate.New("").Parse(tmpl)).Execute(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// viaMarkup is what markup writes for s between before and after.
func viaMarkup(before, after string, write func(markup), s string) string {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	w.WriteString(before)
	write(markup{w})
	w.WriteString(after)
	w.Flush()
	return b.String()
}

// checkEscaping checks that s, written as text, as an attribute value and as a link, comes out as
// html/template writes it there (as text, with its bidirectional controls shown as their escapes
// first), and that a browser's parser reads it back as one text node, one attribute value and one
// link: it opens no tag and no attribute, and holds no bidirectional control.
func checkEscaping(t *testing.T, s string) {
	t.Helper()
	h := func(f func(markup, string)) func(markup) { return func(m markup) { f(m, s) } }
	shown := string(appendBidiEscaped(nil, s))
	for _, c := range []struct {
		tmpl, before, after string
		write               func(markup)
		in                  string // what html/template is given
	}{
		{`<p>{{.}}</p>`, `<p>`, `</p>`, h(markup.text), shown},
		{`<p title="{{.}}"></p>`, `<p title="`, `"></p>`, h(markup.text), shown},
		{`<a href="{{.}}"></a>`, `<a href="`, `"></a>`, h(markup.url), s},
		{`<title>{{.}}</title>`, `<title>`, `</title>`, h(markup.text), shown},
	} {
		want, got := viaTemplate(t, c.tmpl, c.in), viaMarkup(c.before, c.after, c.write, s)
		if hasBidi(got) {
			t.Errorf("%q in %s: a bidirectional control in %q", s, c.tmpl, got)
		}
		if got != want {
			t.Errorf("%q in %s: markup writes %q, html/template %q", s, c.tmpl, got, want)
		}
		// One element, its attribute if any, its text if any, its end: nothing else.
		z := html.NewTokenizer(strings.NewReader(got))
		var kinds []html.TokenType
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			tok := z.Token()
			kinds = append(kinds, tt)
			if tt == html.StartTagToken && len(tok.Attr) > 1 {
				t.Errorf("%q in %s: %d attributes", s, c.tmpl, len(tok.Attr))
			}
			if tt == html.StartTagToken && len(tok.Attr) == 1 && tok.Attr[0].Key == "href" {
				v := strings.ToLower(strings.TrimSpace(tok.Attr[0].Val))
				for _, bad := range []string{"javascript:", "data:", "vbscript:"} {
					if strings.HasPrefix(v, bad) {
						t.Errorf("%q: a %s link", s, bad)
					}
				}
			}
		}
		if n := len(kinds); n < 2 || n > 3 || kinds[0] != html.StartTagToken || kinds[n-1] != html.EndTagToken || (n == 3 && kinds[1] != html.TextToken) {
			t.Errorf("%q in %s: tokens %v in %q", s, c.tmpl, kinds, got)
		}
	}
}

// TestEscaping checks markup's escaping on hostile strings (see checkEscaping).
func TestEscaping(t *testing.T) {
	for _, s := range hostile {
		checkEscaping(t, s)
	}
	if got := escapeText(`<a href="x">&'+`); got != "&lt;a href=&#34;x&#34;&gt;&amp;&#39;&#43;" {
		t.Errorf("escapeText: %q", got)
	}
	if got := escapeText("a\u202eb\u2069c\u200fd<"); got != `a\u202eb\u2069c`+"\u200f"+`d&lt;` {
		t.Errorf("escapeText: %q", got)
	}
}

// FuzzEscaping checks markup's escaping on any string (see checkEscaping).
func FuzzEscaping(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(checkEscaping)
}
