// Package stagedahead begins, while the rest of pm's packages initialise, the reading of git that a
// pre-commit hook's `pm lint --staged` needs first: the index compared with HEAD (see
// gitrepo.StartStaged).
//
// pm's packages take longer to initialise than all that the command then does (goldmark compiles
// its expressions, yaml and the standard library's network and crypto packages build their
// tables), on one core. In a repository of 10,000 postmortems, comparing a 1.2 MB index with HEAD's
// 680 KB folder tree takes as long again. This package is initialised as soon as gitrepo is, before
// goldmark, and when the command line is `pm lint … --staged …` it starts that comparison on a
// goroutine, which the runtime runs on another core: when the lint command asks for the staged
// files, the answer is there, or nearly (alternated runs of the builds before and after: the one-file
// --staged run in that repository, 1.83 → 1.58 times the goldmark floor's; in one of 20, 1.57 → 1.44). The answer is taken only
// for the repository, index file and HEAD the command finds itself (gitrepo.StagedChangesAnd);
// the goroutine only reads, and runs no git program.
//
// For any other `pm lint` command line (pm lint FILE, the pre-commit framework's hook), it begins
// the discovery of the repository alone (gitrepo.StartDiscovery), which project.Open then takes
// (gitrepo.DiscoverOnce): about 0.3 ms of a one-file run.
//
// The reading takes the index file's decoding that indexahead began earlier still, when it is of
// the same file. With indexahead, it is one of the two packages whose initialisers do a command's
// work, and they do so for pm lint only: for every other command line they do nothing (archtest
// holds that `pm version` allocates nothing in any pm package's initialiser).
package stagedahead

import (
	"os"

	"github.com/pm-tools/pm/cmd/pm/internal/indexahead"
	"github.com/pm-tools/pm/pkg/gitrepo"
)

// ConfigFile is the settings file pm lint --staged reads from the index with the staged files:
// config.FileName (a test holds them equal). The config package is not imported: it brings yaml,
// whose initialiser would then run before this one.
const ConfigFile = ".pm.yaml"

func init() {
	args := os.Args[1:]
	if len(args) == 0 || args[0] != "lint" {
		return
	}
	wd, err := os.Getwd()
	if err != nil {
		return
	}
	if indexahead.Wanted(args) {
		gitrepo.StartStaged(wd, os.Getenv, ConfigFile)
	} else {
		gitrepo.StartDiscovery(wd, os.Getenv) // pm lint FILE, the hooks of the pre-commit framework
	}
}
