package testenv

import (
	"os"
	"path/filepath"
)

// A test binary can be the program it tests: TestMain calls RunAs first, and a test runs the binary
// under the program's name (LinkSelf). The package then needs no second build and link of the
// program, which costs more than most tests.

// RunAs runs main and exits with its code when this binary was started under the given name (the
// base name of os.Args[0]); otherwise it returns.
func RunAs(name string, main func() int) {
	if filepath.Base(os.Args[0]) == name {
		os.Exit(main())
	}
}

// LinkSelf puts this binary at path: a hard link, or a copy across file systems. Not a symbolic
// link: a program that writes its own path (os.Executable) into a hook must write path, not the
// test binary's.
func LinkSelf(path string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if os.Link(self, path) == nil {
		return nil
	}
	data, err := os.ReadFile(self)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o755)
}
