package postmortem

import (
	"fmt"
	"strings"
)

// Move is a status change the process allows, with why it exists.
type Move struct {
	From, To Status
	Why      string
}

// Moves lists every allowed status change.
var Moves = []Move{
	{StatusDraft, StatusInReview, "the document is written and ready for review"},
	{StatusInReview, StatusReviewed, "the postmortem meeting was held"},
	{StatusInReview, StatusDraft, "back to writing"},
	{StatusReviewed, StatusClosed, "the external message is out and nothing is left in the document"},
	{StatusInReview, StatusClosed, "straight after the meeting, only when no message goes to customers (external_message: false)"},
}

// AllowedMoves returns the moves from a status; In Review → Closed only when externalMessage is false.
func AllowedMoves(from Status, externalMessage bool) []Move {
	var out []Move
	for _, m := range Moves {
		if m.From != from {
			continue
		}
		if m.From == StatusInReview && m.To == StatusClosed && externalMessage {
			continue
		}
		out = append(out, m)
	}
	return out
}

// CheckMove returns nil when from → to is allowed, or an error naming the allowed moves.
func CheckMove(from, to Status, externalMessage bool) error {
	allowed := AllowedMoves(from, externalMessage)
	for _, m := range allowed {
		if m.To == to {
			return nil
		}
	}
	if from == to {
		return fmt.Errorf("the postmortem is already %s", from)
	}
	var names []string
	for _, m := range allowed {
		names = append(names, string(m.To))
	}
	reason := ""
	if from == StatusInReview && to == StatusClosed {
		reason = " (In Review → Closed skips Reviewed only when external_message is false)"
	}
	if len(names) == 0 {
		return fmt.Errorf("%s → %s is not allowed: %s is the last status%s", from, to, from, reason)
	}
	return fmt.Errorf("%s → %s is not allowed%s; from %s the postmortem can move to %s", from, to, reason, from, strings.Join(names, " or "))
}
