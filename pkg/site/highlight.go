package site

import (
	"strings"

	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// pm highlights the languages postmortems quote: shell sessions, SQL, JSON, YAML, Go and Python,
// with its own lexers (lex.go) and HTML writer (appendCodeHTML), in the tokens and CSS classes of
// chroma (token.go). chroma is the reference the tests hold them to, not a part of pm: its registry of
// every lexer it knows and its style gallery build themselves in package init, and even its core
// package's initialisers (regexp2's among them) would run in every pm process, a pre-commit hook's
// included, for a page pm site writes now and then. Code in another language is shown plain.

// language is a lexer: its name (in the memo's keys) and its scanner.
type language struct {
	name string
	scan scan
}

// tokens returns the tokens of code.
func (l *language) tokens(code string) []token { return tokens(code, l.scan) }

// lexer returns the lexer of a fenced block's language (its info string's first word), or nil.
func lexer(lang string) *language {
	return lexerTable.Get()[strings.ToLower(lang)]
}

var lexerTable = lazy.Value[map[string]*language]{New: func() map[string]*language {
	table := map[string]*language{}
	add := func(l *language, names ...string) {
		for _, n := range names {
			table[n] = l
		}
	}
	add(&language{"Shell", scanShell}, "sh", "bash", "shell", "zsh", "console", "shell-session", "terminal")
	add(&language{"SQL", scanSQL}, "sql", "psql", "mysql", "postgresql")
	add(&language{"JSON", scanJSON}, "json", "jsonc")
	add(&language{"YAML", scanYAML}, "yaml", "yml")
	add(&language{"Go", scanGo}, "go", "golang")
	add(&language{"Python", scanPython}, "python", "py", "python3")
	return table
}}

// codeCSS colours the classes chroma writes for each kind of token, in a light and a dark palette
// chosen for contrast on the pages' backgrounds.
func codeCSS() string {
	return `.chroma { background: var(--code-bg, #f6f8fa); }
.chroma .c, .chroma .c1, .chroma .cm { color: #57606a; font-style: italic; }
.chroma .k, .chroma .kt { color: #cf222e; }
.chroma .kc { color: #0550ae; }
.chroma .s, .chroma .s1, .chroma .s2, .chroma .sb, .chroma .sc, .chroma .sd { color: #0a3069; }
.chroma .m { color: #0550ae; }
.chroma .nf { color: #8250df; }
.chroma .nv, .chroma .nl { color: #953800; }
.chroma .nt { color: #116329; }
.chroma .na { color: #0550ae; }
.chroma .nd, .chroma .nn { color: #6639ba; }
.chroma .gp { color: #57606a; user-select: none; }
.chroma .o, .chroma .p { color: #24292f; }
@media (prefers-color-scheme: dark) {
.chroma { background: var(--code-bg, #161b22); }
.chroma .c, .chroma .c1, .chroma .cm { color: #8b949e; }
.chroma .k, .chroma .kt { color: #ff7b72; }
.chroma .kc, .chroma .m, .chroma .na { color: #79c0ff; }
.chroma .s, .chroma .s1, .chroma .s2, .chroma .sb, .chroma .sc, .chroma .sd { color: #a5d6ff; }
.chroma .nf, .chroma .nd, .chroma .nn { color: #d2a8ff; }
.chroma .nv, .chroma .nl { color: #ffa657; }
.chroma .nt { color: #7ee787; }
.chroma .gp { color: #8b949e; }
.chroma .o, .chroma .p { color: #c9d1d9; }
}
`
}
