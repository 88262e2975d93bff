// Command pm manages incident postmortems in a git repository.
package main

import (
	"os"
	_ "time/tzdata" // zone names work on machines without a zone database (Windows)

	_ "github.com/pm-tools/pm/cmd/pm/internal/hugeheap"    // the heap's first chunk on huge pages
	_ "github.com/pm-tools/pm/cmd/pm/internal/indexahead"  // pm lint --staged: the index decoded first
	_ "github.com/pm-tools/pm/cmd/pm/internal/stackwarm"   // the stack goldmark's initialisers need, grown first
	_ "github.com/pm-tools/pm/cmd/pm/internal/stagedahead" // pm lint --staged: git read while pm starts
	"github.com/pm-tools/pm/pkg/cmd/root"
)

func main() { os.Exit(root.Main()) }
