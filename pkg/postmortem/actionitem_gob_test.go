package postmortem

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"
)

// An action item through gob answers State and HasTicket as the parsed one did.
func TestActionItemGob(t *testing.T) {
	items := []ActionItem{
		{Priority: "P1", Action: "Add a pool limit", Owner: "Ana", Due: "2026-12-01", Ticket: "[OPS-1](https://x)", Line: 40, ticketLink: true},
		{Priority: "P2", Action: "Write the runbook", Status: "Done", Line: 41, hasStatus: true},
		{Action: "", Line: -1},
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(items); err != nil {
		t.Fatal(err)
	}
	var got []ActionItem
	if err := gob.NewDecoder(&b).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, items) {
		t.Fatalf("got %+v, want %+v", got, items)
	}
	if got[0].State() != items[0].State() || got[1].State() != items[1].State() || !got[0].HasTicket() {
		t.Error("states differ after decoding")
	}
	var a ActionItem
	if err := a.GobDecode([]byte{200}); err == nil {
		t.Error("malformed data decoded")
	}
}
