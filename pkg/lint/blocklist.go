package lint

import "github.com/yuin/goldmark/ast"

// blockList lets a slice of sibling blocks be walked as one node.
type blockList struct{ blocks []ast.Node }

func (b *blockList) text(src []byte) string {
	var parts string
	for _, n := range b.blocks {
		if parts != "" {
			parts += "\n"
		}
		parts += inlineTextBlocks(n, src)
	}
	return parts
}
