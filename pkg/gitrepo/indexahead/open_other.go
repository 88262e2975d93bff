//go:build !unix

package indexahead

const openFlags = 0
