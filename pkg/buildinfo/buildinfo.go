// Package buildinfo says which pm this is: set by goreleaser through -ldflags, or read from the Go
// build information for `go install` builds.
package buildinfo

import "runtime/debug"

// Set at link time by goreleaser: -X github.com/pm-tools/pm/pkg/buildinfo.Version=… (and Commit, Date).
var (
	Version = ""
	Commit  = ""
	Date    = ""
)

// Info is the version, commit and build date of this binary.
type Info struct {
	Version, Commit, Date string
	// DateIsCommit is set when Date is the commit's time (vcs.time, all Go records for a go install
	// build), not the build's.
	DateIsCommit bool
}

// Get returns the link-time values, or what the Go toolchain recorded (module version, vcs revision
// and time), or "dev".
func Get() Info {
	i := Info{Version: Version, Commit: Commit, Date: Date}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if i.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			i.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && i.Commit == "":
				i.Commit = s.Value
			case s.Key == "vcs.time" && i.Date == "":
				i.Date, i.DateIsCommit = s.Value, true
			}
		}
	}
	if i.Version == "" {
		i.Version = "dev"
	}
	return i
}
