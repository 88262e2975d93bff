package root

import (
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/project"
)

func TestShortenLockWait(t *testing.T) {
	def := project.LockWait
	t.Cleanup(func() { project.LockWait = def })
	for _, c := range []struct {
		value string
		want  time.Duration
	}{
		{"", def},
		{"soon", def},
		{"-1s", def},
		{(def + time.Second).String(), def},
		{def.String(), def},
		{"50ms", 50 * time.Millisecond},
		{"0s", 0},
	} {
		project.LockWait = def
		shortenLockWait(func(k string) string {
			if k == lockWaitEnv {
				return c.value
			}
			return ""
		})
		if project.LockWait != c.want {
			t.Errorf("%s=%q: wait %v, want %v", lockWaitEnv, c.value, project.LockWait, c.want)
		}
	}
}
