package docs

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The pages are written here rather than by cobra's doc package: that package turns help text into
// roff through a Markdown library whose start-up work (tables built in its package init) ran in every
// pm process, a pre-commit hook's included, for the sake of a command run once per release.

// manPage writes c's manual page (section 1): the help text as roff, paragraphs filled by man, lines
// that start with a space kept as they are (lists and aligned examples), every flag with its usage.
// The date is ISO 8601, which mandoc parses (it warns of "Jan 2006"); hyphenation is turned off
// after .TH, since the man macros' .TH turns it back on, so that no command or flag name is broken.
func manPage(c *cobra.Command, w io.Writer, date time.Time, source string) error {
	var b strings.Builder
	name := manName(c)
	fmt.Fprintf(&b, ".TH %s \"1\" %s %s \"pm manual\"\n.nh\n", roffQuote(strings.ToUpper(name)),
		roffQuote(date.Format("2006-01-02")), roffQuote(source))
	b.WriteString(".SH NAME\n")
	b.WriteString(roffLine(name + " - " + c.Short))
	b.WriteString(".SH SYNOPSIS\n")
	b.WriteString(`\fB` + roffText(c.UseLine()) + `\fP` + "\n")
	b.WriteString(".SH DESCRIPTION\n")
	long := c.Long
	if long == "" {
		long = c.Short
	}
	roffParagraphs(&b, long)
	if fs := c.NonInheritedFlags(); fs.HasAvailableFlags() {
		b.WriteString(".SH OPTIONS\n")
		roffFlags(&b, fs)
	}
	if fs := c.InheritedFlags(); fs.HasAvailableFlags() {
		b.WriteString(".SH OPTIONS INHERITED FROM PARENT COMMANDS\n")
		roffFlags(&b, fs)
	}
	if c.Example != "" {
		b.WriteString(".SH EXAMPLES\n.nf\n.RS 4\n")
		for _, line := range strings.Split(strings.TrimRight(c.Example, "\n"), "\n") {
			b.WriteString(roffLine(line))
		}
		b.WriteString(".RE\n.fi\n")
	}
	if see := seeAlso(c); len(see) > 0 {
		b.WriteString(".SH SEE ALSO\n")
		for i, s := range see {
			sep := ",\n"
			if i == len(see)-1 {
				sep = "\n"
			}
			b.WriteString(`\fB` + roffText(manName(s)) + `\fP(1)` + sep)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownPage writes c's Markdown page: name, synopsis, examples, options, and links to the pages of
// its parent and subcommands (named as markdownName names them). The help text is written so that a
// CommonMark or GitHub renderer shows it as --help does: see markdownText.
func markdownPage(c *cobra.Command, w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n%s\n\n", c.CommandPath(), markdownLine(c.Short))
	if c.Long != "" {
		b.WriteString("### Synopsis\n\n")
		markdownText(&b, c.Long)
	}
	if c.Runnable() {
		markdownCode(&b, c.UseLine())
	}
	if c.Example != "" {
		b.WriteString("### Examples\n\n")
		markdownCode(&b, c.Example)
	}
	if fs := c.NonInheritedFlags(); fs.HasAvailableFlags() {
		b.WriteString("### Options\n\n")
		markdownCode(&b, fs.FlagUsages())
	}
	if fs := c.InheritedFlags(); fs.HasAvailableFlags() {
		b.WriteString("### Options inherited from parent commands\n\n")
		markdownCode(&b, fs.FlagUsages())
	}
	if see := seeAlso(c); len(see) > 0 {
		b.WriteString("### See also\n\n")
		for _, s := range see {
			fmt.Fprintf(&b, "* [%s](%s)\t - %s\n", s.CommandPath(), markdownName(s), markdownLine(s.Short))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownText writes help text as Markdown, each block followed by a blank line. As in the manual
// page, paragraphs are filled and indented lines (a run of lines that start with two spaces or a
// tab, with the blank lines between them) keep their layout: they become a fenced code block, where
// nothing is interpreted. Every other line is escaped by markdownLine.
func markdownText(b *strings.Builder, text string) {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	inPara := false
	for i := 0; i < len(lines); {
		line := lines[i]
		switch {
		case blankLine(line):
			if inPara {
				b.WriteString("\n")
				inPara = false
			}
			i++
		case indentedLine(line):
			end := i + 1
			for j := end; j < len(lines) && (indentedLine(lines[j]) || blankLine(lines[j])); j++ {
				if indentedLine(lines[j]) {
					end = j + 1
				}
			}
			if inPara {
				b.WriteString("\n")
				inPara = false
			}
			markdownCode(b, strings.Join(lines[i:end], "\n"))
			i = end
		default:
			b.WriteString(markdownLine(line) + "\n")
			inPara = true
			i++
		}
	}
	if inPara {
		b.WriteString("\n")
	}
}

// indentedLine says whether a line of help text is part of an indented run: a list, an aligned
// table, an example, a shell comment.
func indentedLine(line string) bool {
	return !blankLine(line) && (strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "\t"))
}

func blankLine(line string) bool { return strings.TrimSpace(line) == "" }

// markdownCode writes text as a fenced code block and a blank line. The fence is longer than any run
// of backticks in the text, so no line of it can close the block.
func markdownCode(b *strings.Builder, text string) {
	longest, run := 0, 0
	for _, r := range text {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	b.WriteString(fence + "\n" + strings.TrimRight(text, "\n") + "\n" + fence + "\n\n")
}

// markdownInline are the characters that start inline syntax in CommonMark and GitHub Flavored
// Markdown (code, emphasis, links, raw HTML and autolinks, entities, tables, strikethrough); each is
// written after a backslash.
const markdownInline = "\\`*_<>[]|~&"

// markdownLine is one line of help text as a line of a Markdown paragraph that renders as the text
// itself: inline syntax escaped, and nothing at its start read as a block (a heading, a list item,
// a thematic break or a setext underline). Leading and trailing blanks go: a paragraph drops the
// first, and two of the second would be a line break.
func markdownLine(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	for i, r := range s {
		switch {
		case strings.ContainsRune(markdownInline, r):
			b.WriteByte('\\')
		case i == 0 && blockStart(s):
			b.WriteByte('\\')
		case r == '.' || r == ')':
			if i > 0 && i <= 9 && strings.Trim(s[:i], "0123456789") == "" && listGap(s[i+1:]) {
				b.WriteByte('\\') // "1." or "2)" would open an ordered list item
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// blockStart says whether a line (without leading blanks) opens a block by its first character: an
// ATX heading, a bullet list item ("-" or "+" then a blank; "*" is escaped everywhere), or a line of
// "-" or "=" only, a thematic break or a setext heading's underline.
func blockStart(s string) bool {
	switch {
	case s[0] == '#':
		return true
	case s[0] == '-' || s[0] == '+':
		if listGap(s[1:]) {
			return true
		}
	}
	return strings.Trim(s, "-= \t") == ""
}

// listGap says whether what follows a list marker lets it open a list item: a blank or nothing.
func listGap(rest string) bool {
	return rest == "" || rest[0] == ' ' || rest[0] == '\t'
}

// manName is a command's page name: "pm-hook-install".
func manName(c *cobra.Command) string { return strings.ReplaceAll(c.CommandPath(), " ", "-") }

// markdownName is a command's Markdown file name: "pm_hook_install.md".
func markdownName(c *cobra.Command) string {
	return strings.ReplaceAll(c.CommandPath(), " ", "_") + ".md"
}

// documentedCommand says whether c gets a page: the commands --help lists.
func documentedCommand(c *cobra.Command) bool {
	return c.IsAvailableCommand() && !c.IsAdditionalHelpTopicCommand()
}

// seeAlso is c's parent, then its documented subcommands.
func seeAlso(c *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	if c.HasParent() {
		out = append(out, c.Parent())
	}
	for _, sub := range c.Commands() {
		if documentedCommand(sub) {
			out = append(out, sub)
		}
	}
	return out
}

// roffFlags writes each visible flag as a tagged paragraph: "-q, --quiet" then its usage.
func roffFlags(b *strings.Builder, fs *pflag.FlagSet) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		tag := `\fB\-\-` + roffText(f.Name) + `\fP`
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			tag = `\fB\-` + roffText(f.Shorthand) + `\fP, ` + tag
		}
		if name != "" {
			tag += " " + `\fI` + roffText(name) + `\fP`
		}
		if !zeroDefault(f) {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		b.WriteString(".TP\n" + tag + "\n")
		b.WriteString(roffLine(usage))
	})
}

// zeroDefault says whether a flag's default is its type's zero value, which the page does not repeat.
func zeroDefault(f *pflag.Flag) bool {
	switch f.DefValue {
	case "", "false", "0", "[]", "0s":
		return true
	}
	return false
}

// roffParagraphs writes text whose paragraphs are separated by blank lines. Lines that start with a
// space are written unfilled, so indented lists and examples keep their layout.
func roffParagraphs(b *strings.Builder, text string) {
	paras := strings.Split(strings.TrimRight(text, "\n"), "\n\n")
	for i, p := range paras {
		if i > 0 {
			b.WriteString(".PP\n")
		}
		unfilled := false
		for _, line := range strings.Split(p, "\n") {
			indented := strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
			if indented != unfilled {
				if indented {
					b.WriteString(".nf\n")
				} else {
					b.WriteString(".fi\n")
				}
				unfilled = indented
			}
			b.WriteString(roffLine(line))
		}
		if unfilled {
			b.WriteString(".fi\n")
		}
	}
}

// roffLine is one line of text as roff input: escaped, and kept from being read as a request when it
// starts with a dot or an apostrophe.
func roffLine(s string) string {
	s = roffText(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s + "\n"
}

// roffText escapes what roff would interpret inside a line: backslashes, and hyphens, which roff may
// print as a typographic hyphen where a command line needs the ASCII one. Every character outside
// ASCII is written as \[uXXXX], which groff (without -k or a -K encoding) and mandoc read alike;
// a byte that is not UTF-8 as U+FFFD.
func roffText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r >= 0x80:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// roffQuote is a quoted argument of a roff request such as .TH, where a hyphen is never typeset.
func roffQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '"':
			b.WriteString(`\(dq`)
		case r >= 0x80:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
