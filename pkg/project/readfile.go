package project

// ReadFile reads one postmortem file as Load does: a regular file no larger than MaxFileSize.
func ReadFile(path string) ([]byte, error) { return readWhole(path) }
