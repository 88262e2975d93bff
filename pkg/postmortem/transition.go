package postmortem

import (
	"github.com/pm-tools/pm/pkg/i18n"
)

// Move is a status change the process allows, with why it exists.
type Move struct {
	From, To Status
	Why      i18n.Msg
}

// Moves lists every allowed status change.
var Moves = []Move{
	{StatusDraft, StatusInReview, i18n.M("move.why.in-review")},
	{StatusInReview, StatusReviewed, i18n.M("move.why.reviewed")},
	{StatusInReview, StatusDraft, i18n.M("move.why.draft")},
	{StatusReviewed, StatusClosed, i18n.M("move.why.closed")},
	{StatusInReview, StatusClosed, i18n.M("move.why.closed-direct")},
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

// MoveError is a refused status change; Msg says why in any language.
type MoveError struct {
	Msg i18n.Msg
}

func (e *MoveError) Error() string { return e.Msg.String() }

// AllowedMovesTo lists the moves that lead to a status, from wherever they start.
func AllowedMovesTo(to Status, externalMessage bool) []Move {
	var out []Move
	for _, m := range Moves {
		if m.To == to && !(m.From == StatusInReview && m.To == StatusClosed && externalMessage) {
			out = append(out, m)
		}
	}
	return out
}

// CheckMove returns nil when from → to is allowed, or a *MoveError naming the allowed moves.
func CheckMove(from, to Status, externalMessage bool) error {
	allowed := AllowedMoves(from, externalMessage)
	for _, m := range allowed {
		if m.To == to {
			return nil
		}
	}
	if from == to {
		return &MoveError{i18n.M("move.already", from)}
	}
	var names []string
	for _, m := range allowed {
		names = append(names, string(m.To))
	}
	var reason any = ""
	if from == StatusInReview && to == StatusClosed {
		reason = i18n.M("move.skip-reviewed")
	}
	if len(names) == 0 {
		return &MoveError{i18n.M("move.last", from, to, from, reason)}
	}
	return &MoveError{i18n.M("move.not-allowed", from, to, reason, from, i18n.Or(names))}
}
