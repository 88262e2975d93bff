package site

import "unicode/utf8"

// appendAtom appends feed.xml: the XML declaration and the feed, indented by two spaces, byte for byte
// as encoding/xml's MarshalIndent writes it (atom_test.go compares the two). Written out by hand so
// that encoding/xml, whose package initialisers every pm process would run, is not linked into pm
// for one file of the site.
func appendAtom(dst []byte, f *atomFeed) []byte {
	dst = append(dst, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"...)
	dst = appendElement(dst, "\n  ", "title", f.Title)
	dst = appendElement(dst, "\n  ", "id", f.ID)
	dst = appendElement(dst, "\n  ", "updated", f.Updated)
	dst = appendLink(dst, "\n  ", f.Link)
	for i := range f.Entries {
		e := &f.Entries[i]
		dst = append(dst, "\n  <entry>"...)
		dst = appendElement(dst, "\n    ", "title", e.Title)
		dst = appendElement(dst, "\n    ", "id", e.ID)
		dst = appendElement(dst, "\n    ", "updated", e.Updated)
		dst = appendLink(dst, "\n    ", e.Link)
		dst = append(dst, "\n    <author>"...)
		dst = appendElement(dst, "\n      ", "name", e.Author.Name)
		dst = append(dst, "\n    </author>"...)
		dst = appendElement(dst, "\n    ", "summary", e.Summary)
		dst = append(dst, "\n  </entry>"...)
	}
	return append(dst, "\n</feed>\n"...)
}

// appendElement appends indent and <name>text</name>.
func appendElement(dst []byte, indent, name, text string) []byte {
	dst = append(append(append(append(dst, indent...), '<'), name...), '>')
	dst = appendXMLText(dst, text)
	return append(append(append(dst, "</"...), name...), '>')
}

// appendLink appends indent and a link element: its href, its rel when it has one.
func appendLink(dst []byte, indent string, l atomLink) []byte {
	dst = appendXMLText(append(append(dst, indent...), `<link href="`...), l.Href)
	if l.Rel != "" {
		dst = appendXMLText(append(dst, `" rel="`...), l.Rel)
	}
	return append(dst, `"></link>`...)
}

// appendXMLText appends s escaped as encoding/xml escapes text and attribute values: the five
// markup characters, tab, newline and carriage return as references, and what XML cannot hold
// (control characters, invalid UTF-8, U+FFFE and U+FFFF, lone surrogates) as U+FFFD.
func appendXMLText(dst []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if inXML(r) && (r != utf8.RuneError || width > 1) {
				i += width
				continue
			}
			esc = "\uFFFD"
		}
		dst = append(append(dst, s[last:i]...), esc...)
		i += width
		last = i
	}
	return append(dst, s[last:]...)
}

// inXML reports whether XML 1.0 can hold r (its Char production).
func inXML(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
