package docs_test

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/pm-tools/pm/pkg/cmd/docs"
	"github.com/pm-tools/pm/pkg/cmd/root"
	"github.com/pm-tools/pm/pkg/cmdutil"
)

var now = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

// TestMarkdownPagesRender renders every page pm docs markdown writes as GitHub does and checks that
// it says what --help says: nothing dropped, nothing read as Markdown or HTML.
func TestMarkdownPagesRender(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "md")
	f, _, errOut := cmdutil.TestFactory(t.TempDir(), now, nil)
	if code := root.Run(f, []string{"docs", "markdown", dir}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	tree, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
	checkPages(t, dir, root.NewCmdRoot(tree))
}

// TestMarkdownPagesRenderHostile does the same for help text made of everything Markdown could read
// as something else.
func TestMarkdownPagesRenderHostile(t *testing.T) {
	f, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
	top := &cobra.Command{Use: "pm", Short: "Root <of> *all*"}
	demo := &cobra.Command{
		Use:   "demo <id>",
		Short: "Show `code` & <b>bold</b> | pipes ~~struck~~",
		Long: strings.Join([]string{
			"# not a heading",
			"Create <dir>/<date>-<slug>.md with *stars*, _under_ and __strong__,",
			"a [link](https://example.com) and ![image](x.png), `code`, ``two``,",
			"<!-- pm-lint-disable RULE --> and <id>: <action> <old> → <new>;",
			"&amp; &copy; &#42; stay as written, a \\* back\\slash\\",
			"- not a list",
			"+ nor this",
			"* nor this",
			"1. nor this",
			"2) nor this",
			"> not a quote",
			"===",
			"a setext try",
			"---",
			"-- -",
			"--flag starts this line,",
			"=",
			"| a | b |",
			"|---|---|",
			"~~~",
			"   ### three spaces",
			" # one space",
			"Trailing spaces make no break  ",
			"www.example.com, https://example.com/a_b~c*d and dev_x@pm.invalid stay text,",
			"[ref]: https://example.com",
			"- [ ] no task",
			"",
			"A list:",
			"  one     the first",
			"  # a comment",
			"",
			"  ```go",
			"  two ```` with ticks",
			"after the list.",
		}, "\n"),
		Example: "  pm demo <id> | grep '*'\n  ```\n  # comment",
		Run:     func(*cobra.Command, []string) {},
	}
	demo.Flags().String("out", "<dir>", "write into `DIR` (*not* _here_)")
	top.AddCommand(demo, docs.NewCmdDocs(f))
	dir := filepath.Join(t.TempDir(), "md")
	top.SetArgs([]string{"docs", "markdown", dir})
	if err := top.Execute(); err != nil {
		t.Fatal(err)
	}
	checkPages(t, dir, top)
}

// checkPages renders the page of every command of the tree under top with goldmark and GFM.
func checkPages(t *testing.T, dir string, top *cobra.Command) {
	t.Helper()
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	pages := 0
	var visit func(c *cobra.Command)
	visit = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
				visit(sub)
			}
		}
		name := strings.ReplaceAll(c.CommandPath(), " ", "_") + ".md"
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", c.CommandPath(), err)
			return
		}
		pages++
		checkPage(t, md, c, name, src)
	}
	visit(top)
	if pages < 2 {
		t.Fatalf("only %d pages checked", pages)
	}
}

var tag = regexp.MustCompile(`<[^>]*>`)

func checkPage(t *testing.T, md goldmark.Markdown, c *cobra.Command, name string, src []byte) {
	t.Helper()
	doc := md.Parser().Parse(text.NewReader(src))

	// Only the page's own headings, links and list; the help text is paragraphs and code blocks.
	headings := map[string]bool{
		"Synopsis": true, "Examples": true, "Options": true,
		"Options inherited from parent commands": true, "See also": true,
	}
	var code []string // the lines of every code block
	links, items := 0, 0
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			h := string(n.Lines().Value(src))
			if !(n.Level == 2 && h == c.CommandPath() || n.Level == 3 && headings[h]) {
				t.Errorf("%s: heading %d %q that the writer did not make", name, n.Level, h)
			}
		case *ast.FencedCodeBlock:
			code = append(code, strings.Split(string(n.Lines().Value(src)), "\n")...)
		case *ast.Link:
			links++
		case *ast.ListItem:
			items++
		case *ast.Document, *ast.Paragraph, *ast.TextBlock, *ast.Text, *ast.String, *ast.List, *ast.AutoLink:
		default:
			t.Errorf("%s: %s %q in the rendered page", name, n.Kind(), nodeText(n, src))
		}
		return ast.WalkContinue, nil
	})
	see := 0
	if c.HasParent() {
		see++
	}
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
			see++
		}
	}
	if links != see || items != see {
		t.Errorf("%s: %d links and %d list items; want %d, the see-also list", name, links, items, see)
	}

	var out bytes.Buffer
	if err := md.Renderer().Render(&out, src, doc); err != nil {
		t.Fatal(err)
	}
	rendered := strings.Join(strings.Fields(html.UnescapeString(tag.ReplaceAllString(out.String(), ""))), " ")
	var lines []string
	lines = append(lines, c.Short)
	if c.Runnable() {
		lines = append(lines, c.UseLine())
	}
	lines = append(lines, strings.Split(c.Long, "\n")...)
	lines = append(lines, strings.Split(c.Example, "\n")...)
	lines = append(lines, strings.Split(c.NonInheritedFlags().FlagUsages(), "\n")...)
	lines = append(lines, strings.Split(c.InheritedFlags().FlagUsages(), "\n")...)
	for _, line := range lines {
		words := strings.Join(strings.Fields(line), " ")
		if !strings.Contains(rendered, words) {
			t.Errorf("%s: the rendered page lacks %q", name, words)
		}
	}
	// An indented line (a list, an example, a comment) keeps its layout: a line of a code block.
	for _, line := range strings.Split(c.Long, "\n") {
		if strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "\t") {
			found := false
			for _, l := range code {
				found = found || l == line
			}
			if !found {
				t.Errorf("%s: %q is not a line of a code block", name, line)
			}
		}
	}
}

// nodeText is what a node was made from, for a message: a block's lines, an inline's text.
func nodeText(n ast.Node, src []byte) string {
	if n.Type() == ast.TypeBlock {
		return string(n.Lines().Value(src))
	}
	var b strings.Builder
	ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
