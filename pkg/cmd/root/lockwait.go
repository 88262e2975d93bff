package root

import (
	"time"

	"github.com/pm-tools/pm/pkg/project"
)

// lockWaitEnv names the variable pm's end-to-end tests set to shorten the wait for another process's
// index lock (a Go duration no longer than the default), so that a test that locks the index on
// purpose sees the refusal at once. It is not a setting: it can only shorten the wait, and pm
// without it waits as git does.
const lockWaitEnv = "PM_TEST_LOCK_WAIT"

// shortenLockWait applies lockWaitEnv for the whole process; a value that does not parse, is
// negative or would lengthen the wait is ignored.
func shortenLockWait(getenv func(string) string) {
	v := getenv(lockWaitEnv)
	if v == "" {
		return
	}
	if d, err := time.ParseDuration(v); err == nil && d >= 0 && d < project.LockWait {
		project.LockWait = d
	}
}
