package postmortem

import (
	"encoding/binary"
	"errors"
)

// GobEncode encodes the item with what its cells said about it (a linked ticket, a Status column),
// so that a command caching action items between runs (pm site) gets back items that answer State
// and HasTicket as the parsed ones did. The encoding is plain (length-prefixed strings): a nested
// gob encoder per item would cost more than the item.
func (a ActionItem) GobEncode() ([]byte, error) {
	b := make([]byte, 0, 64+len(a.Action))
	for _, s := range [...]string{a.Priority, a.Action, a.Type, a.Owner, a.Due, a.Ticket, a.Status} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendVarint(b, int64(a.Line))
	var flags byte
	if a.ticketLink {
		flags |= 1
	}
	if a.hasStatus {
		flags |= 2
	}
	return append(b, flags), nil
}

var errActionItemCode = errors.New("decode an action item: malformed data")

// GobDecode decodes what GobEncode wrote.
func (a *ActionItem) GobDecode(data []byte) error {
	var s [7]string
	for i := range s {
		n, k := binary.Uvarint(data)
		if k <= 0 || uint64(len(data)-k) < n {
			return errActionItemCode
		}
		s[i], data = string(data[k:k+int(n)]), data[k+int(n):]
	}
	line, k := binary.Varint(data)
	if k <= 0 || len(data) != k+1 {
		return errActionItemCode
	}
	flags := data[k]
	*a = ActionItem{Priority: s[0], Action: s[1], Type: s[2], Owner: s[3], Due: s[4], Ticket: s[5], Status: s[6],
		Line: int(line), ticketLink: flags&1 != 0, hasStatus: flags&2 != 0}
	return nil
}
