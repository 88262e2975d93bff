// Package e2e holds end-to-end tests: the pm binary run as a user runs it, with the real git CLI as
// the judge of what it leaves behind.
package e2e
