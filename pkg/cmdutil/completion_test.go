package cmdutil

import (
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/postmortem"
)

func TestStatusWordsAreTheStatuses(t *testing.T) {
	if len(StatusWords) != len(postmortem.Statuses) {
		t.Fatalf("StatusWords = %q, statuses %q", StatusWords, postmortem.Statuses)
	}
	for i, s := range postmortem.Statuses {
		if want := strings.ReplaceAll(strings.ToLower(string(s)), " ", "-"); StatusWords[i] != want {
			t.Errorf("StatusWords[%d] = %q, want %q", i, StatusWords[i], want)
		}
	}
}
