//go:build !linux

package memtmp

// memoryDir finds no memory file system outside Linux: the temporary folders stay where the
// system puts them.
func memoryDir() string { return "" }
