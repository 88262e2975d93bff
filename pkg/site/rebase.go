package site

import (
	"bytes"
	"path"
	"strings"
)

// rebased appends to dst a postmortem's External Message, rendered for its own page (from, such as
// "pm/<id>.html"), made fit for another page of the site (to, such as "messages.html"): each relative
// href and src leads where it leads on the postmortem's page ("../pm/b.html" from pm/ is "pm/b.html"
// from the site's root, and "#impact" is the postmortem's heading), and the headings lose their ids,
// which would repeat between the messages of one page and could take one of the page's own.
//
// The message is HTML pm wrote (goldmark's and pm's renderers): every '<' in it opens a tag, every
// '"' in a tag delimits an attribute's value, since text and values have them escaped. Raw HTML let
// through by site.unsafe_html is taken as it is written there: a value in single quotes, or none, is
// left alone.
func rebased(dst, msg []byte, from, to string) []byte {
	for len(msg) > 0 {
		i := bytes.IndexByte(msg, '<')
		if i < 0 {
			break
		}
		end := bytes.IndexByte(msg[i:], '>')
		if end < 0 {
			break
		}
		dst = append(dst, msg[:i]...)
		dst = rebasedTag(dst, msg[i:i+end+1], from, to)
		msg = msg[i+end+1:]
	}
	return append(dst, msg...)
}

// rebasedTag appends one tag, its href and src rebased, and its id dropped if it is a heading's.
func rebasedTag(dst, tag []byte, from, to string) []byte {
	heading := len(tag) > 3 && tag[1] == 'h' && '1' <= tag[2] && tag[2] <= '6' && (tag[3] == ' ' || tag[3] == '>')
	for {
		at, name := -1, ""
		for _, n := range [...]string{` href="`, ` src="`, ` id="`} {
			if k := bytes.Index(tag, []byte(n)); k >= 0 && (at < 0 || k < at) {
				at, name = k, n
			}
		}
		if at < 0 {
			return append(dst, tag...)
		}
		start := at + len(name)
		n := bytes.IndexByte(tag[start:], '"')
		if n < 0 {
			return append(dst, tag...)
		}
		value := string(tag[start : start+n])
		switch {
		case name == ` id="` && heading:
			dst = append(dst, tag[:at]...)
		case name == ` id="`:
			dst = append(dst, tag[:start+n+1]...)
		default:
			dst = append(append(append(dst, tag[:start]...), rebasedURL(value, from, to)...), '"')
		}
		tag = tag[start+n+1:]
	}
}

// rebasedURL is the address u (as written in an attribute) of the page from (site-relative), made
// relative to the page to. An address with a scheme, or from the root of the host, stays.
func rebasedURL(u, from, to string) string {
	if hasScheme(u) || strings.HasPrefix(u, "/") {
		return u
	}
	if u == "" || u[0] == '#' || u[0] == '?' {
		u = path.Base(from) + u // the page itself
	}
	p, rest := u, ""
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		p, rest = u[:i], u[i:]
	}
	target := path.Join(path.Dir(from), p)
	if strings.HasSuffix(p, "/") && !strings.HasSuffix(target, "/") {
		target += "/"
	}
	return relativePath(path.Dir(to), target) + rest
}

// relativePath is the site-relative path target (cleaned, slash-separated, perhaps with leading
// ".."s) as seen from the folder dir ("." for the site's root, no ".." in it).
func relativePath(dir, target string) string {
	var up []string
	if dir != "." && dir != "" {
		up = strings.Split(dir, "/")
	}
	down := strings.Split(target, "/")
	for len(up) > 0 && len(down) > 1 && up[0] == down[0] {
		up, down = up[1:], down[1:]
	}
	return strings.Repeat("../", len(up)) + strings.Join(down, "/")
}

// hasScheme reports whether an address starts with a scheme ("https:", "mailto:"): letters, then
// letters, digits, '+', '-' or '.', then a colon, before any '/', '?' or '#'.
func hasScheme(u string) bool {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}
