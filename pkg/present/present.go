// Package present is how pm shows things in a terminal: tables fitted to its width, the colour
// scheme, display width and truncation by grapheme cluster, the terminal's size, and the sanitiser
// every string from a document goes through before it reaches a human.
//
// Commands and cmdutil use it; it imports no other package of pm and nothing of cobra, so that a
// later front end (a site, a report) can present text by the same rules.
package present
