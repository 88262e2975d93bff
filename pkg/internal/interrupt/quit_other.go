//go:build !(linux && (amd64 || arm64))

package interrupt

// quitDefault cannot give SIGQUIT the kernel's default action here: Quit catches it with os/signal.
func quitDefault() bool { return false }

func quitRestore() {}
