// Package present is how pm's commands show things to a person: tables fitted to a terminal's width,
// the colour scheme, display width and truncation by grapheme cluster, the terminal's size, and the
// one sanitiser that every string from a document goes through (see Line). It imports no other
// package of pm, and not cobra.
package present
