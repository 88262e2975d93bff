package site

import (
	"bytes"
	"strings"
	"testing"
)

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
		it, err := l.Tokenise(nil, c.code)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, tok := range it.Tokens() {
			if tok.Type.String() == "Error" {
				t.Errorf("%s: error token %q", c.lang, tok.Value)
			}
			text.WriteString(tok.Value)
		}
		if text.String() != c.code {
			t.Errorf("%s: tokens give back %q", c.lang, text.String())
		}
		it, _ = l.Tokenise(nil, c.code)
		var b bytes.Buffer
		if err := codeFormatter.Format(&b, codeStyle(), it); err != nil {
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
