package site

import (
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

// pm's own lexers, on chroma's engine, for the languages postmortems quote: shell sessions, SQL,
// JSON, YAML, Go and Python. chroma's registry of every lexer it knows, and its style gallery, build
// themselves in their packages' init, which every pm process would then pay (about 25 ms and 1,100
// page faults at each start, a pre-commit hook's included) for a page pm site writes now and then.
// These are built on first use. Code in another language is shown plain.

// lexer returns the lexer of a fenced block's language (its info string's first word), or nil.
func lexer(lang string) chroma.Lexer {
	return lexerTable()[strings.ToLower(lang)]
}

var lexerTable = sync.OnceValue(func() map[string]chroma.Lexer {
	table := map[string]chroma.Lexer{}
	add := func(l chroma.Lexer, names ...string) {
		for _, n := range names {
			table[n] = l
		}
	}
	add(newLexer("Shell", shellRules), "sh", "bash", "shell", "zsh", "console", "shell-session", "terminal")
	add(newLexer("SQL", sqlRules), "sql", "psql", "mysql", "postgresql")
	add(newLexer("JSON", jsonRules), "json", "jsonc")
	add(newLexer("YAML", yamlRules), "yaml", "yml")
	add(newLexer("Go", goRules), "go", "golang")
	add(newLexer("Python", pythonRules), "python", "py", "python3")
	return table
})

func newLexer(name string, rules func() chroma.Rules) chroma.Lexer {
	return chroma.MustNewLexer(&chroma.Config{Name: name, EnsureNL: true}, rules)
}

// words is a regular expression matching any of ws as a whole word.
func words(ws ...string) string { return `\b(?:` + strings.Join(ws, "|") + `)\b` }

// common are the rules every lexer ends with: white space, numbers, and any other character as text.
var common = []chroma.Rule{
	{Pattern: `\s+`, Type: chroma.TextWhitespace},
	{Pattern: `\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b`, Type: chroma.LiteralNumber},
	{Pattern: `[A-Za-z_][A-Za-z0-9_]*`, Type: chroma.Name},
	{Pattern: `.`, Type: chroma.Text},
}

func rules(rs ...chroma.Rule) chroma.Rules {
	return chroma.Rules{"root": append(rs, common...)}
}

func shellRules() chroma.Rules {
	return rules(
		chroma.Rule{Pattern: `#[^\n]*`, Type: chroma.CommentSingle},
		chroma.Rule{Pattern: `'[^']*'`, Type: chroma.LiteralStringSingle},
		chroma.Rule{Pattern: `"(?:\\.|[^"\\])*"`, Type: chroma.LiteralStringDouble},
		chroma.Rule{Pattern: `\$(?:\{[^}\n]*\}|[A-Za-z_][A-Za-z0-9_]*|[0-9#?@$!*-])`, Type: chroma.NameVariable},
		chroma.Rule{Pattern: words("if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case",
			"esac", "in", "function", "return", "export", "local", "set", "unset"), Type: chroma.Keyword},
		chroma.Rule{Pattern: `(?m)^[$#>] `, Type: chroma.GenericPrompt},
		chroma.Rule{Pattern: `\|\||&&|[|;&<>]`, Type: chroma.Operator},
		chroma.Rule{Pattern: `(?:^|\s)--?[A-Za-z0-9][A-Za-z0-9-]*`, Type: chroma.NameAttribute},
	)
}

func sqlRules() chroma.Rules {
	return rules(
		chroma.Rule{Pattern: `--[^\n]*`, Type: chroma.CommentSingle},
		chroma.Rule{Pattern: `/\*[\s\S]*?\*/`, Type: chroma.CommentMultiline},
		chroma.Rule{Pattern: `'(?:''|[^'])*'`, Type: chroma.LiteralStringSingle},
		chroma.Rule{Pattern: `"(?:""|[^"])*"`, Type: chroma.NameVariable},
		chroma.Rule{Pattern: `(?i)` + words("select", "from", "where", "and", "or", "not", "in", "is", "null", "as",
			"join", "left", "right", "inner", "outer", "on", "group", "by", "order", "having", "limit", "offset",
			"insert", "into", "values", "update", "set", "delete", "create", "table", "index", "alter", "drop",
			"distinct", "union", "all", "case", "when", "then", "else", "end", "with", "explain", "analyze",
			"asc", "desc", "between", "like", "exists", "true", "false", "begin", "commit", "rollback"), Type: chroma.Keyword},
		chroma.Rule{Pattern: `[A-Za-z_][A-Za-z0-9_]*(?=\()`, Type: chroma.NameFunction},
		chroma.Rule{Pattern: `<=|>=|<>|!=|[=<>+*/%-]`, Type: chroma.Operator},
	)
}

func jsonRules() chroma.Rules {
	return rules(
		chroma.Rule{Pattern: `"(?:\\.|[^"\\])*"(?=\s*:)`, Type: chroma.NameTag},
		chroma.Rule{Pattern: `"(?:\\.|[^"\\])*"`, Type: chroma.LiteralStringDouble},
		chroma.Rule{Pattern: `-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?`, Type: chroma.LiteralNumber},
		chroma.Rule{Pattern: words("true", "false", "null"), Type: chroma.KeywordConstant},
		chroma.Rule{Pattern: `//[^\n]*`, Type: chroma.CommentSingle},
		chroma.Rule{Pattern: `[{}\[\],:]`, Type: chroma.Punctuation},
	)
}

func yamlRules() chroma.Rules {
	return rules(
		chroma.Rule{Pattern: `#[^\n]*`, Type: chroma.CommentSingle},
		chroma.Rule{Pattern: `(?m)^(?:---|\.\.\.)\s*$`, Type: chroma.NameNamespace},
		chroma.Rule{Pattern: `(?m)[A-Za-z0-9_.\-/]+(?=\s*:(?:\s|$))`, Type: chroma.NameTag},
		chroma.Rule{Pattern: `'(?:''|[^'])*'`, Type: chroma.LiteralStringSingle},
		chroma.Rule{Pattern: `"(?:\\.|[^"\\])*"`, Type: chroma.LiteralStringDouble},
		chroma.Rule{Pattern: words("true", "false", "null", "yes", "no", "on", "off"), Type: chroma.KeywordConstant},
		chroma.Rule{Pattern: `[&*][A-Za-z0-9_-]+`, Type: chroma.NameLabel},
		chroma.Rule{Pattern: `[-:?|>{}\[\],]`, Type: chroma.Punctuation},
	)
}

func goRules() chroma.Rules {
	return rules(
		chroma.Rule{Pattern: `//[^\n]*`, Type: chroma.CommentSingle},
		chroma.Rule{Pattern: `/\*[\s\S]*?\*/`, Type: chroma.CommentMultiline},
		chroma.Rule{Pattern: "`[^`]*`", Type: chroma.LiteralStringBacktick},
		chroma.Rule{Pattern: `"(?:\\.|[^"\\\n])*"`, Type: chroma.LiteralStringDouble},
		chroma.Rule{Pattern: `'(?:\\.|[^'\\\n])+'`, Type: chroma.LiteralStringChar},
		chroma.Rule{Pattern: words("break", "case", "chan", "const", "continue", "default", "defer", "else",
			"fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
			"return", "select", "struct", "switch", "type", "var"), Type: chroma.Keyword},
		chroma.Rule{Pattern: words("true", "false", "nil", "iota"), Type: chroma.KeywordConstant},
		chroma.Rule{Pattern: words("bool", "byte", "error", "float32", "float64", "int", "int8", "int16", "int32",
			"int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "any"), Type: chroma.KeywordType},
		chroma.Rule{Pattern: `[A-Za-z_][A-Za-z0-9_]*(?=\()`, Type: chroma.NameFunction},
		chroma.Rule{Pattern: `:=|[-+*/%&|^<>=!]=?|&&|\|\||<-|\+\+|--`, Type: chroma.Operator},
		chroma.Rule{Pattern: `[{}()\[\],;.]`, Type: chroma.Punctuation},
	)
}

func pythonRules() chroma.Rules {
	return rules(
		chroma.Rule{Pattern: `#[^\n]*`, Type: chroma.CommentSingle},
		chroma.Rule{Pattern: `(?:"""[\s\S]*?"""|'''[\s\S]*?''')`, Type: chroma.LiteralStringDoc},
		chroma.Rule{Pattern: `[rbfRBF]{0,2}"(?:\\.|[^"\\\n])*"`, Type: chroma.LiteralStringDouble},
		chroma.Rule{Pattern: `[rbfRBF]{0,2}'(?:\\.|[^'\\\n])*'`, Type: chroma.LiteralStringSingle},
		chroma.Rule{Pattern: words("and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
			"elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
			"nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"), Type: chroma.Keyword},
		chroma.Rule{Pattern: words("True", "False", "None"), Type: chroma.KeywordConstant},
		chroma.Rule{Pattern: `@[A-Za-z_][A-Za-z0-9_.]*`, Type: chroma.NameDecorator},
		chroma.Rule{Pattern: `[A-Za-z_][A-Za-z0-9_]*(?=\()`, Type: chroma.NameFunction},
		chroma.Rule{Pattern: `[-+*/%&|^<>=!]=?|//|\*\*`, Type: chroma.Operator},
	)
}

// codeStyle is the (empty) style chroma's HTML formatter is handed: pm writes class names, and its
// own style sheet (codeCSS) colours them.
var codeStyle = sync.OnceValue(func() *chroma.Style {
	return chroma.MustNewStyle("pm", chroma.StyleEntries{})
})

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
