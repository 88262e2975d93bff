// Package archtest holds the test that keeps pm's import graph as the README's architecture section
// draws it; it has no code of its own.
package archtest
