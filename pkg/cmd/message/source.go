package message

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/pm-tools/pm/pkg/lint"
)

var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// sectionMarkdown returns the Markdown source under the first heading whose canonical key is key, up to
// the next heading of the same or a higher level (subsections included, the heading itself not), with
// HTML comments removed outside code blocks and blank lines at both ends trimmed. It finds sections
// as the linter does: top-level headings, aliases and Japanese names included.
func sectionMarkdown(body []byte, key string) (string, bool) {
	root := markdown.Parser().Parse(text.NewReader(body))
	start, end, level := -1, len(body), 0
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok || h.Lines().Len() == 0 {
			continue
		}
		lineStart := bytes.LastIndexByte(body[:h.Lines().At(0).Start], '\n') + 1
		if start >= 0 {
			if h.Level <= level {
				end = lineStart
				break
			}
			continue
		}
		if lint.SectionKey(headingText(h, body)) != key {
			continue
		}
		level = h.Level
		start = nextLine(body, h.Lines().At(h.Lines().Len()-1).Start)
		if !isATX(body[lineStart:]) {
			start = nextLine(body, start) // the setext underline
		}
	}
	if start < 0 {
		return "", false
	}
	if start > end {
		start = end
	}
	return stripComments(string(body[start:end])), true
}

// headingText is the heading's text without Markdown, as lint.SectionKey expects it.
func headingText(h *ast.Heading, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// nextLine returns the offset of the line after the one holding off.
func nextLine(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

func isATX(line []byte) bool {
	return strings.HasPrefix(strings.TrimLeft(string(line), " "), "#")
}

var (
	comment = regexp.MustCompile(`(?s)<!--.*?-->`)
	fence   = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	blanks  = regexp.MustCompile(`\n{3,}`)
)

// stripComments removes HTML comments from Markdown outside fenced code blocks, and the blank lines
// they leave behind; code blocks stay byte for byte.
func stripComments(md string) string {
	var out, prose strings.Builder
	flush := func() {
		s := comment.ReplaceAllString(prose.String(), "")
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			if strings.TrimSpace(l) == "" {
				lines[i] = ""
			}
		}
		out.WriteString(blanks.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
		prose.Reset()
	}
	open := ""
	for _, line := range strings.SplitAfter(md, "\n") {
		if open != "" {
			out.WriteString(line)
			if m := fence.FindStringSubmatch(line); m != nil && m[1][0] == open[0] && len(m[1]) >= len(open) &&
				strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), m[1][:1])) == "" {
				open = ""
			}
			continue
		}
		if m := fence.FindStringSubmatch(line); m != nil {
			flush()
			open = m[1]
			out.WriteString(line)
			continue
		}
		prose.WriteString(line)
	}
	flush()
	return strings.Trim(out.String(), "\n")
}
