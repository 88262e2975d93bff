//go:build !unix

package lsp

// processAlive is true where pm cannot ask: the server then ends with its input, as before.
func processAlive(int) bool { return true }
