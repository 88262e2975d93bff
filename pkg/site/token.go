package site

// The token model of pm's highlighter. Its types and their CSS classes are chroma's (the style sheet
// and the pages keep the classes chroma's HTML formatter wrote, and the tests compare pm's lexers and
// HTML with chroma's), but chroma itself is not linked into pm: its package initialisers ran in every
// pm process, a pre-commit hook's one-file lint included, for the code blocks of a page pm site
// writes now and then. token_test.go holds each value and class to chroma's.

// tokenType is a kind of token, numbered as chroma numbers it: categories in thousands,
// sub-categories in hundreds, the formatter's own kinds (the wrapper, a line) below zero.
type tokenType int

const (
	typePreWrapper tokenType = -2
	typeLine       tokenType = -3
	typeCodeLine   tokenType = -10

	typeKeyword         tokenType = 1000
	typeKeywordConstant tokenType = 1001
	typeKeywordType     tokenType = 1006

	typeName          tokenType = 2000
	typeNameAttribute tokenType = 2001
	typeNameDecorator tokenType = 2004
	typeNameLabel     tokenType = 2008
	typeNameNamespace tokenType = 2009
	typeNameTag       tokenType = 2014
	typeNameVariable  tokenType = 2200
	typeNameFunction  tokenType = 2300

	typeLiteral               tokenType = 3000
	typeLiteralString         tokenType = 3100
	typeLiteralStringBacktick tokenType = 3103
	typeLiteralStringChar     tokenType = 3105
	typeLiteralStringDoc      tokenType = 3107
	typeLiteralStringDouble   tokenType = 3108
	typeLiteralStringSingle   tokenType = 3115
	typeLiteralNumber         tokenType = 3200

	typeOperator    tokenType = 4000
	typePunctuation tokenType = 5000

	typeComment          tokenType = 6000
	typeCommentMultiline tokenType = 6002
	typeCommentSingle    tokenType = 6003

	typeGeneric       tokenType = 7000
	typeGenericPrompt tokenType = 7007

	typeText           tokenType = 8000
	typeTextWhitespace tokenType = 8001
)

// token is a piece of code and its kind. The zero token ends a list of tokens, as chroma's EOF does.
type token struct {
	Type  tokenType
	Value string
}

// parent is the sub-category of a type, or the category of a sub-category; 0 for a category.
func (t tokenType) parent() tokenType {
	if t%100 != 0 {
		return t / 100 * 100
	}
	if t%1000 != 0 {
		return t / 1000 * 1000
	}
	return 0
}

// tokenClass is the CSS class of a token type: its own, else its nearest parent's, else none.
func tokenClass(t tokenType) string {
	for ; t != 0; t = t.parent() {
		if cls, ok := ownClass(t); ok {
			return cls
		}
	}
	return ""
}

// ownClass is the class chroma's formatter gives a type of its own, for the types pm's lexers make
// and their parents.
func ownClass(t tokenType) (string, bool) {
	switch t {
	case typePreWrapper:
		return "chroma", true
	case typeLine:
		return "line", true
	case typeCodeLine:
		return "cl", true
	case typeKeyword:
		return "k", true
	case typeKeywordConstant:
		return "kc", true
	case typeKeywordType:
		return "kt", true
	case typeName:
		return "n", true
	case typeNameAttribute:
		return "na", true
	case typeNameDecorator:
		return "nd", true
	case typeNameLabel:
		return "nl", true
	case typeNameNamespace:
		return "nn", true
	case typeNameTag:
		return "nt", true
	case typeNameVariable:
		return "nv", true
	case typeNameFunction:
		return "nf", true
	case typeLiteral:
		return "l", true
	case typeLiteralString:
		return "s", true
	case typeLiteralStringBacktick:
		return "sb", true
	case typeLiteralStringChar:
		return "sc", true
	case typeLiteralStringDoc:
		return "sd", true
	case typeLiteralStringDouble:
		return "s2", true
	case typeLiteralStringSingle:
		return "s1", true
	case typeLiteralNumber:
		return "m", true
	case typeOperator:
		return "o", true
	case typePunctuation:
		return "p", true
	case typeComment:
		return "c", true
	case typeCommentMultiline:
		return "cm", true
	case typeCommentSingle:
		return "c1", true
	case typeGeneric:
		return "g", true
	case typeGenericPrompt:
		return "gp", true
	case typeText:
		return "", true
	case typeTextWhitespace:
		return "w", true
	}
	return "", false
}
