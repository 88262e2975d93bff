package lint

import (
	"bytes"
)

var conflictMarkerRule = Rule{
	ID: "conflict-marker",
	Help: "A merge or rebase left both sides of a conflict in the file. Keep the text that is right, and remove " +
		"the <<<<<<<, |||||||, ======= and >>>>>>> lines.",
	Default: DefaultError,
	Always:  true,
	Check: func(c *Context) {
		text := c.Doc.Text
		if !bytes.Contains(text, []byte("<<<<<<<")) && !bytes.Contains(text, []byte(">>>>>>>")) {
			return
		}
		open := false // between <<<<<<< and >>>>>>>, where ||||||| and ======= are markers too
		for line := 1; line <= c.Doc.LastLine(); line++ {
			l := text[c.Doc.LineStart(line):c.Doc.LineStart(line+1)]
			l = bytes.TrimRight(l, "\r\n")
			switch {
			case conflictLine(l, '<'):
				open = true
			case conflictLine(l, '>'):
				open = false
			case open && (conflictLine(l, '|') || conflictLine(l, '=')):
			default:
				continue
			}
			c.ReportLine(line, LevelError, "conflict.marker", string(l[:7]))
		}
	},
}

// conflictLine reports whether a line is git's conflict marker of the character c: seven of it,
// alone or followed by a space and a label.
func conflictLine(l []byte, c byte) bool {
	if len(l) < 7 || (len(l) > 7 && l[7] != ' ') {
		return false
	}
	for _, b := range l[:7] {
		if b != c {
			return false
		}
	}
	return true
}
