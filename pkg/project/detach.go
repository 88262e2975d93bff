package project

import (
	"strings"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// commonValues are the severities and statuses most postmortems hold.
var commonValues = []string{"SEV-1", "SEV-2", "SEV-3", "SEV-4", "SEV-5", string(postmortem.StatusDraft),
	string(postmortem.StatusInReview), string(postmortem.StatusReviewed), string(postmortem.StatusClosed)}

// Detach returns s as a string that holds nothing else: a field of a document's Fields is a slice of
// its whole front matter text, which a command keeping a few fields of thousands of postmortems (pm
// list's rows, pm stats' figures) would otherwise keep alive. The usual severities and statuses are
// shared rather than copied.
func Detach(s string) string {
	for _, c := range commonValues {
		if s == c {
			return c
		}
	}
	return strings.Clone(s)
}

// DetachAll is Detach of each string of l; nil stays nil.
func DetachAll(l []string) []string {
	if l == nil {
		return nil
	}
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = strings.Clone(s)
	}
	return out
}
