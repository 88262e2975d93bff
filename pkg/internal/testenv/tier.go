package testenv

import (
	"os"
	"strconv"
)

// The suite has two tiers. `go test ./...` alone is the quick one, for the edit-test loop: every
// cross-check against git (or iconv) runs, on a representative part of its inputs. The full tier
// runs every input and every scenario; it is what CI runs (CI=true), and PM_TEST_FULL=1 asks for
// it anywhere. A test never runs less than its quick part, so a quick run can fail on everything
// a full run checks, only on fewer cases.

// Full reports whether the full tier runs: under CI=true, or PM_TEST_FULL set to a true value.
func Full() bool {
	if CI() {
		return true
	}
	full, err := strconv.ParseBool(os.Getenv("PM_TEST_FULL"))
	return err == nil && full
}

// Exhaustive skips t in the quick tier, saying how to run it: for a scenario that only widens what
// a quick one already covers.
func Exhaustive(t TB) {
	t.Helper()
	if !Full() {
		t.Skip("full tier only: run with PM_TEST_FULL=1 (CI=true does)")
	}
}

// Inputs is how many generated inputs a cross-check tries: quick in the quick tier, full in the
// full one.
func Inputs(quick, full int) int {
	if Full() {
		return full
	}
	return quick
}
