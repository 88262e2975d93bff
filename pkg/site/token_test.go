package site

import (
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// tokenTypes pairs each of pm's token types with chroma's of the same name.
var tokenTypes = []struct {
	pm     tokenType
	chroma chroma.TokenType
}{
	{typePreWrapper, chroma.PreWrapper}, {typeLine, chroma.Line}, {typeCodeLine, chroma.CodeLine},
	{typeKeyword, chroma.Keyword}, {typeKeywordConstant, chroma.KeywordConstant}, {typeKeywordType, chroma.KeywordType},
	{typeName, chroma.Name}, {typeNameAttribute, chroma.NameAttribute}, {typeNameDecorator, chroma.NameDecorator},
	{typeNameLabel, chroma.NameLabel}, {typeNameNamespace, chroma.NameNamespace}, {typeNameTag, chroma.NameTag},
	{typeNameVariable, chroma.NameVariable}, {typeNameFunction, chroma.NameFunction},
	{typeLiteral, chroma.Literal}, {typeLiteralString, chroma.LiteralString},
	{typeLiteralStringBacktick, chroma.LiteralStringBacktick}, {typeLiteralStringChar, chroma.LiteralStringChar},
	{typeLiteralStringDoc, chroma.LiteralStringDoc}, {typeLiteralStringDouble, chroma.LiteralStringDouble},
	{typeLiteralStringSingle, chroma.LiteralStringSingle}, {typeLiteralNumber, chroma.LiteralNumber},
	{typeOperator, chroma.Operator}, {typePunctuation, chroma.Punctuation},
	{typeComment, chroma.Comment}, {typeCommentMultiline, chroma.CommentMultiline}, {typeCommentSingle, chroma.CommentSingle},
	{typeGeneric, chroma.Generic}, {typeGenericPrompt, chroma.GenericPrompt},
	{typeText, chroma.Text}, {typeTextWhitespace, chroma.TextWhitespace},
}

// chromaClass is the class chroma's HTML formatter writes for a type: its own, else its nearest
// parent's.
func chromaClass(t chroma.TokenType) string {
	for t != 0 {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
		t = t.Parent()
	}
	return chroma.StandardTypes[t]
}

// TestTokenTypesAreChromas checks each of pm's token types against chroma's: its number, its parent
// and its CSS class.
func TestTokenTypesAreChromas(t *testing.T) {
	for _, tt := range tokenTypes {
		if int(tt.pm) != int(tt.chroma) {
			t.Errorf("%s is %d in pm, %d in chroma", tt.chroma, tt.pm, tt.chroma)
		}
		if int(tt.pm.parent()) != int(tt.chroma.Parent()) {
			t.Errorf("%s's parent is %d in pm, %d in chroma", tt.chroma, tt.pm.parent(), tt.chroma.Parent())
		}
		if got, want := tokenClass(tt.pm), chromaClass(tt.chroma); got != want {
			t.Errorf("%s's class is %q in pm, %q in chroma", tt.chroma, got, want)
		}
		if cls, ok := ownClass(tt.pm); !ok || cls != chroma.StandardTypes[tt.chroma] {
			t.Errorf("%s's own class is %q (%t) in pm, %q in chroma", tt.chroma, cls, ok, chroma.StandardTypes[tt.chroma])
		}
	}
	// a type pm does not know, and its ancestors, have no class in either
	for _, x := range []tokenType{12345, 12300, 12000, 0} {
		if got, want := tokenClass(x), chromaClass(chroma.TokenType(x)); got != want {
			t.Errorf("type %d's class is %q in pm, %q in chroma", x, got, want)
		}
	}
	if (token{}) != (token{Type: tokenType(chroma.EOF.Type), Value: chroma.EOF.Value}) {
		t.Error("pm's end token is not chroma's EOF")
	}
}
