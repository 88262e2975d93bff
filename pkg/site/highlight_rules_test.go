package site

import (
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

// The rules pm highlighted with before its lexers were written by hand (lex.go): regular
// expressions on chroma's engine, tried one after the other at each position. The tests hold the
// hand-written lexers to the tokens these give.

// regexLexer returns the rules' lexer of a language pm highlights, by its name.
func regexLexer(name string) chroma.Lexer {
	if l, ok := regexLexers.Load(name); ok {
		return l.(chroma.Lexer)
	}
	rules := map[string]func() chroma.Rules{"Shell": shellRules, "SQL": sqlRules, "JSON": jsonRules, "YAML": yamlRules, "Go": goRules, "Python": pythonRules}[name]
	l, _ := regexLexers.LoadOrStore(name, newLexer(name, rules))
	return l.(chroma.Lexer)
}

// regexLexers keeps each reference lexer once it is made: its rules are compiled on first use, and
// compiling them for every input of FuzzLexers left the fuzzer a few inputs a second.
var regexLexers sync.Map

func newLexer(name string, rules func() chroma.Rules) chroma.Lexer {
	return chroma.MustNewLexer(&chroma.Config{Name: name, EnsureNL: true}, rules)
}

// words is a regular expression matching any of ws as a whole word.
func words(ws ...string) string { return `\b(?:` + strings.Join(ws, "|") + `)\b` }

// common are the rules every lexer ends with: white space, numbers, and any other character as text.
var commonRules = []chroma.Rule{
	{Pattern: `\s+`, Type: chroma.TextWhitespace},
	{Pattern: `\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b`, Type: chroma.LiteralNumber},
	{Pattern: `[A-Za-z_][A-Za-z0-9_]*`, Type: chroma.Name},
	{Pattern: `.`, Type: chroma.Text},
}

func rules(rs ...chroma.Rule) chroma.Rules {
	return chroma.Rules{"root": append(rs, commonRules...)}
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
