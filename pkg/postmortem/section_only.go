package postmortem

import "bytes"

// ActionItemsOnly returns what Content().ActionItems() returns, parsing only the Action Items section
// when a scan of the body's lines finds its heading (an ATX heading outside fenced code): a reader of
// thousands of documents that needs only their follow-ups (pm stats) then hands goldmark a few lines
// of each instead of the whole body. The link reference definitions of the rest of the body go with
// the section, so a ticket written [OPS-1][ref] is still a link. When the heading is not found that
// way (a setext heading, say), the whole body is parsed. Positions (ActionItem.Line) are the file's
// either way. The document's Content is not built or changed.
func (d *Doc) ActionItemsOnly() []ActionItem {
	if d.Root == nil {
		return nil
	}
	start, end, ok := findATXSection(d.Body, "action-items")
	if !ok {
		return d.Content().ActionItems()
	}
	body := d.Body[start:end:end]
	if refs := linkDefinitions(d.Body, start, end); len(refs) > 0 {
		body = append(append(append([]byte(nil), body...), "\n\n"...), refs...)
	}
	sub := &Doc{Path: d.Path, Src: d.Src, Text: d.Text, Root: d.Root, Fields: d.Fields,
		BodyOffset: d.BodyOffset + start, Body: body, lineStarts: d.lineStarts, mapping: d.mapping}
	return parseContent(sub).ActionItems()
}

// findATXSection finds the first ATX heading whose section key is key, outside fenced code, and
// returns the byte range from its line to the next ATX heading of the same or a higher level (or the
// end of the body).
func findATXSection(body []byte, key string) (start, end int, ok bool) {
	level := 0
	var fence []byte // the opening fence's run of ` or ~ while inside fenced code
	for off := 0; off < len(body); {
		next := bytes.IndexByte(body[off:], '\n')
		if next < 0 {
			next = len(body)
		} else {
			next += off + 1
		}
		line := bytes.TrimRight(body[off:next], "\r\n")
		trimmed, indent := trimIndent(line)
		switch {
		case fence != nil:
			if indent <= 3 && bytes.HasPrefix(trimmed, fence) && len(bytes.TrimSpace(bytes.TrimLeft(trimmed, string(fence[:1])))) == 0 {
				fence = nil
			}
		case indent <= 3 && (bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~"))):
			n := 0
			for n < len(trimmed) && trimmed[n] == trimmed[0] {
				n++
			}
			fence = trimmed[:n]
		case indent <= 3:
			if l, text, isHeading := atxHeading(trimmed); isHeading {
				if level > 0 && l <= level {
					return start, off, true
				}
				if level == 0 && SectionKey(text) == key {
					start, level = off, l
				}
			}
		}
		off = next
	}
	if level == 0 {
		return 0, 0, false
	}
	return start, len(body), true
}

// trimIndent drops a line's leading spaces (a tab counts as four) and says how many columns they took.
func trimIndent(line []byte) ([]byte, int) {
	cols, i := 0, 0
	for ; i < len(line); i++ {
		switch line[i] {
		case ' ':
			cols++
		case '\t':
			cols += 4 - cols%4
		default:
			return line[i:], cols
		}
	}
	return line[i:], cols
}

// atxHeading reads "## Title ##" as level 2 and "Title".
func atxHeading(line []byte) (level int, text string, ok bool) {
	for level < len(line) && line[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || (level < len(line) && line[level] != ' ' && line[level] != '\t') {
		return 0, "", false
	}
	t := bytes.TrimSpace(line[level:])
	if closing := bytes.TrimRight(t, "#"); len(closing) < len(t) && (len(closing) == 0 || closing[len(closing)-1] == ' ' || closing[len(closing)-1] == '\t') {
		t = bytes.TrimSpace(closing)
	}
	return level, string(t), true
}

// linkDefinitions returns the lines outside [start, end) and outside fenced code that begin a link
// reference definition ("[ref]: https://…"), each ending in a newline.
func linkDefinitions(body []byte, start, end int) []byte {
	if !bytes.Contains(body, []byte("]:")) {
		return nil
	}
	var out []byte
	var fence []byte
	for off := 0; off < len(body); {
		next := bytes.IndexByte(body[off:], '\n')
		if next < 0 {
			next = len(body)
		} else {
			next += off + 1
		}
		line := bytes.TrimRight(body[off:next], "\r\n")
		trimmed, indent := trimIndent(line)
		switch {
		case fence != nil:
			if indent <= 3 && bytes.HasPrefix(trimmed, fence) {
				fence = nil
			}
		case indent <= 3 && (bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~"))):
			n := 0
			for n < len(trimmed) && trimmed[n] == trimmed[0] {
				n++
			}
			fence = trimmed[:n]
		case (off < start || off >= end) && indent <= 3 && len(trimmed) > 0 && trimmed[0] == '[':
			if i := bytes.Index(trimmed, []byte("]:")); i > 1 {
				out = append(append(out, trimmed...), '\n')
			}
		}
		off = next
	}
	return out
}
