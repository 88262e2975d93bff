//go:build !unix

package cmdutil

import "os"

// terminalWidth returns 0 where pm does not ask the terminal: COLUMNS or the default applies.
func terminalWidth(*os.File) int { return 0 }
