// Package templates holds the postmortem templates pm renders, embedded in the binary.
package templates

import (
	"embed"
	"errors"
	"fmt"
	"slices"
	"strings"
)

//go:embed postmortem.en.md postmortem.ja.md
var files embed.FS

// languages lists the embedded templates; Postmortem accepts nothing else.
var languages = []string{"en", "ja"}

// ErrUnknownLanguage is returned, wrapped with the language asked for, when no template exists for it.
var ErrUnknownLanguage = errors.New("unknown template language")

// Postmortem returns the template text for lang ("en" or "ja"); an unknown language is an error naming it.
func Postmortem(lang string) ([]byte, error) {
	// Checking against the list first also keeps a lang like "../x" away from the file system.
	if !slices.Contains(languages, lang) {
		return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownLanguage, lang, strings.Join(languages, ", "))
	}
	return files.ReadFile("postmortem." + lang + ".md")
}

// Languages lists the template languages.
func Languages() []string {
	return slices.Clone(languages)
}
