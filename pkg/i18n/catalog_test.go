package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"testing"
)

// catalog reads the message ids from the case labels of catalog.go and returns every entry, as
// message returns it: the catalogue is a switch, which the tests cannot range over.
func catalog() map[string][2]string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "catalog.go", nil, 0)
	if err != nil {
		panic(err)
	}
	out := map[string][2]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		c, ok := n.(*ast.CaseClause)
		if !ok {
			return true
		}
		for _, e := range c.List {
			lit, ok := e.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				panic("catalog.go: a case label that is not a string literal")
			}
			id, err := strconv.Unquote(lit.Value)
			if err != nil {
				panic(err)
			}
			m, ok := message(id)
			if !ok {
				panic("catalog.go: case " + id + " is not found by message")
			}
			out[id] = m
		}
		return false
	})
	return out
}

func TestCatalogueReadsEveryCase(t *testing.T) {
	c := catalog()
	if len(c) < 600 {
		t.Fatalf("read %d messages from catalog.go, want the whole catalogue", len(c))
	}
	if m, ok := message("fm.none"); !ok || m[EN] == "" || m[JA] == "" {
		t.Errorf(`message("fm.none") = %q, %v`, m, ok)
	}
	if _, ok := message("no.such.message"); ok {
		t.Error("an unknown id is found")
	}
	if Has("no.such.message") || !Has("fm.none") {
		t.Error("Has disagrees with the catalogue")
	}
}
