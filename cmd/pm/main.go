// Command pm manages incident postmortems in a git repository.
package main

import (
	"os"

	"github.com/pm-tools/pm/pkg/cmd/root"
)

func main() { os.Exit(root.Main()) }
