package audit

import (
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/postmortem"
)

var day = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

func move(to postmortem.Status, from postmortem.Status, at time.Time, hash string) Move {
	return Move{Commit: hash, Author: "Aiko", Authored: at, Committed: at, From: from, To: to}
}

// TestCheckPairsClosestFirst moves a postmortem In Review → Draft → In Review within one day: each
// entry pairs with its own commit, though both In Review commits lie within the tolerance of both
// In Review entries.
func TestCheckPairsClosestFirst(t *testing.T) {
	h := []postmortem.HistoryEntry{
		{Status: "Draft", At: day.Format(time.RFC3339)},
		{Status: "In Review", At: day.Add(2 * time.Hour).Format(time.RFC3339)},
		{Status: "Draft", At: day.Add(3 * time.Hour).Format(time.RFC3339)},
		{Status: "In Review", At: day.Add(5 * time.Hour).Format(time.RFC3339), Forced: true},
	}
	moves := []Move{
		move("In Review", "Draft", day.Add(5*time.Hour), "c4"),
		move("Draft", "In Review", day.Add(3*time.Hour), "c3"),
		move("In Review", "Draft", day.Add(2*time.Hour), "c2"),
		move("Draft", "", day, "c1"),
	}
	res := Check(h, moves, DefaultTolerance, time.UTC)
	if len(res.Findings) != 0 {
		t.Errorf("findings %+v, want none", res.Findings)
	}
	if len(res.Forced) != 1 || res.Forced[0].Move == nil || res.Forced[0].Move.Commit != "c4" {
		t.Errorf("forced %+v, want the last entry, made by c4", res.Forced)
	}
}

func TestCheckFindings(t *testing.T) {
	h := []postmortem.HistoryEntry{
		{Status: "Draft", At: "2026-11-20"}, // a date written by hand: midnight in loc
		{Status: "In Review", At: "yesterday"},
		{Status: "Reviewed", At: day.Add(48 * time.Hour).Format(time.RFC3339)},
	}
	tokyo := time.FixedZone("JST", 9*3600)
	moves := []Move{
		move("Draft", "", day.Add(-9*time.Hour+20*time.Hour), "c1"), // 20 h after midnight in Tokyo
		move("In Review", "Draft", day.Add(26*time.Hour), "c2"),
		move("Closed", "In Review", day.Add(30*time.Hour), "c3"),
	}
	res := Check(h, moves, DefaultTolerance, tokyo)
	var got []string
	for _, f := range res.Findings {
		what := f.Kind + " "
		if f.Entry != nil {
			what += f.Entry.Status
		} else {
			what += f.Move.Commit
		}
		got = append(got, what)
	}
	// Oldest first; the entry without a time has none, so it comes first. It records c2's move:
	// that commit is not reported as a move without an entry too.
	want := []string{"bad-time In Review", "no-entry c3", "no-commit Reviewed"}
	if len(got) != len(want) {
		t.Fatalf("findings %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("findings %q, want %q", got, want)
		}
	}
	// The creation needs no entry even when its entry is missing.
	if res := Check(nil, moves[:1], DefaultTolerance, tokyo); len(res.Findings) != 0 {
		t.Errorf("a postmortem added with a status and no history: %+v", res.Findings)
	}
}
