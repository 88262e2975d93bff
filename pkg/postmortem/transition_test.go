package postmortem

import (
	"strings"
	"testing"
)

func TestCheckMove(t *testing.T) {
	ok := []struct {
		from, to Status
		ext      bool
	}{
		{StatusDraft, StatusInReview, true},
		{StatusInReview, StatusReviewed, true},
		{StatusInReview, StatusDraft, true},
		{StatusReviewed, StatusClosed, true},
		{StatusInReview, StatusClosed, false},
	}
	for _, c := range ok {
		if err := CheckMove(c.from, c.to, c.ext); err != nil {
			t.Errorf("%s → %s (external %v): %v", c.from, c.to, c.ext, err)
		}
	}
	bad := []struct {
		from, to Status
		ext      bool
		msg      string
	}{
		{StatusDraft, StatusReviewed, true, "can move to In Review"},
		{StatusDraft, StatusClosed, false, "can move to In Review"},
		{StatusInReview, StatusClosed, true, "external_message is false"},
		{StatusReviewed, StatusDraft, true, "can move to Closed"},
		{StatusClosed, StatusDraft, true, "last status"},
		{StatusDraft, StatusDraft, true, "already Draft"},
	}
	for _, c := range bad {
		err := CheckMove(c.from, c.to, c.ext)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s → %s: %v, want %q", c.from, c.to, err, c.msg)
		}
	}
}
