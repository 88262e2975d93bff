// Package message implements `pm message`: the two messages the postmortem process ends with, the
// internal summary email for stakeholders and the external message for the status page.
package message

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmd/internal/complete"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// The two messages.
const (
	Internal = "internal"
	External = "external"
)

// Options are the arguments and flags of pm message.
type Options struct {
	F          *cmdutil.Factory
	Kind       string // internal or external
	Postmortem string // path, id or part of one; "" for the only open one
	Format     string // text, markdown or eml
	Output     string // file to write; "" for stdout
}

// NewCmdMessage returns the message command; runF replaces the run in tests of argument parsing.
func NewCmdMessage(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "message internal|external [POSTMORTEM]",
		Short: "Write the internal summary email or the status-page message",
		Long: `Write one of the two messages the postmortem process ends with.

internal: the summary email for stakeholders after the meeting. Subject
"[Postmortem] SEV-1 <title>"; body: the Internal Email section, the Overview,
the P0/P1 action items, and a link to the document (repo_url in .pm.yaml
followed by the file's path in the repository, else that path). A postmortem
written in Japanese (judged by its headings; by language in .pm.yaml when it has
none pm knows) gets Japanese labels; the subject keeps its format. --format text
prints the subject line, a blank line and the body; markdown a heading and
sections; eml an RFC 5322 message (From, To and Cc from mail in .pm.yaml,
X-Unsent: 1) that mail programs open as a draft to check and send.

external: the External Message section as plain text for the status page
(markdown: its Markdown source without HTML comments). Refused while pm lint
finds banned-word findings in the document (customers read "outage" as the worst
case: say "incident" or "service degradation" unless full_outage is true), when
the section is missing or empty, and when external_message is false.

POSTMORTEM is a path, an id (file name without .md) or a unique part of one;
without it, the only postmortem that is not Closed. The message goes to stdout,
or to --output FILE, written as a shell's > would write it (a named pipe, a
device or a symbolic link's target in place, never replaced), except that a
regular file is replaced whole, keeping its permissions, and is left as it was
when the message is refused.

` + cmdutil.ExitCodesHelp + `
Refusals (a message that must not go out as it is, a postmortem that does not
parse) exit 1; a name that matches no postmortem or several, or --format eml
with external, exit 2.`,
		Example: `  pm message internal
  pm message internal 2026-11-20-checkout-latency --format markdown
  pm message internal checkout --format eml --output summary.eml
  pm message external checkout
  pm message external checkout --format markdown`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
				return cmdutil.Usagef("%s", f.UserLang().T("message.which"))
			case len(args) > 2:
				return cmdutil.Usagef("%s", f.UserLang().T("message.too-many"))
			}
			return nil
		},
		ValidArgsFunction: complete.Args(cmdutil.Fixed(Internal, External), f.PostmortemIDs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Kind = args[0]
			if len(args) == 2 {
				opts.Postmortem = args[1]
			}
			if runF != nil {
				return runF(opts)
			}
			return messageRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Format, "format", "text", "output format: text, markdown, or eml (internal only)")
	fl.StringVarP(&opts.Output, "output", "o", "", "write the message to FILE instead of stdout")
	cmd.RegisterFlagCompletionFunc("format", complete.Flag("text", "markdown", "eml"))
	return cmd
}

func messageRun(o *Options) error {
	f := o.F
	kind := strings.ToLower(strings.TrimSpace(o.Kind))
	if kind != Internal && kind != External {
		return cmdutil.Usagef("%s", f.UserLang().T("message.unknown", o.Kind))
	}
	format := strings.ToLower(o.Format)
	switch format {
	case "md":
		format = "markdown"
	case "text", "markdown":
	case "eml":
		if kind == External {
			return cmdutil.Usagef("%s", f.UserLang().T("message.eml-external"))
		}
	default:
		return cmdutil.Usagef("%s", f.UserLang().T("message.format", o.Format))
	}
	// --output is opened (a regular file: its temporary file created) first, as a shell opens a
	// redirection before the command runs: a path pm cannot write stops it before it prints notes.
	var out *fsutil.Output
	if o.Output != "" {
		var err error
		if out, err = fsutil.PrepareOutput(f.OutputPath(o.Output), o.Output); err != nil {
			return err
		}
		defer out.Abort()
	}
	c := f.Context()
	p, err := c.Project()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	lang := c.Lang()
	e, err := f.ResolvePostmortem(p, o.Postmortem)
	if err != nil {
		return err
	}
	chk, err := cmdutil.NewChecker(p, lang)
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	display := f.Display(e.Path)
	if e.Doc.Root == nil {
		chk.Lint(display, e.Doc.Src).Rule("front-matter").WriteText(present.Writer(f.IO.ErrOut))
		return cmdutil.Refusedf("%s", lang.T("usage.unparsable", display, display))
	}
	var buf bytes.Buffer
	if kind == External {
		err = external(c, &buf, e, chk, format)
	} else {
		err = internal(c, &buf, e, format)
	}
	if err != nil {
		return err
	}
	if out == nil {
		// A message is exact when it goes to a file or a pipe (to be pasted, or sent); on a terminal,
		// where it is only read, it is sanitised like any document text.
		if f.IO.OutTTY {
			_, err = io.WriteString(f.IO.Out, present.Text(buf.String()))
			return err
		}
		_, err = f.IO.Out.Write(buf.Bytes())
		return err
	}
	if err := out.Write(buf.Bytes()); err != nil {
		return err
	}
	f.Infof("%s\n", lang.T("message.wrote", o.Output))
	return nil
}

// external writes the External Message, or refuses when it must not go to customers as it is.
func external(c *cmdutil.Context, w io.Writer, e project.Entry, chk *cmdutil.Checker, format string) error {
	errOut, lang, display := c.F.IO.ErrOut, c.Lang(), c.Display(e.Path)
	doc := e.Doc
	if !doc.Fields.ExternalMessage {
		return cmdutil.Refusedf("%s", lang.T("message.no-external", e.ID))
	}
	x := doc.Content()
	msg, ok := x.Text(config.ExternalMessageSection)
	if !ok {
		return cmdutil.Refusedf("%s", lang.T("message.no-section", e.ID))
	}
	if strings.TrimSpace(msg) == "" {
		return cmdutil.Refusedf("%s", lang.T("message.empty-section", e.ID))
	}
	if banned := chk.Lint(display, doc.Src).Rule("banned-word"); banned.Len() > 0 {
		banned.WriteText(present.Writer(errOut))
		return cmdutil.Refusedf("%s", lang.T("message.banned", e.ID, banned.Len()))
	}
	if st := doc.Fields.Status; st != "" && !st.AtLeast(postmortem.StatusReviewed) {
		fmt.Fprintln(errOut, present.Line(lang.T("message.external-early", e.ID, st)))
	}
	if format == "markdown" {
		md, _ := x.Markdown(config.ExternalMessageSection)
		_, err := fmt.Fprintln(w, md)
		return err
	}
	_, err := fmt.Fprintln(w, msg)
	return err
}

// japanese reports whether a postmortem is written in Japanese, judged by its headings; with no
// heading pm knows, the language in .pm.yaml decides.
func japanese(x *postmortem.Content, configLanguage string) bool {
	if ja, known := x.Japanese(); known {
		return ja
	}
	return strings.EqualFold(configLanguage, "ja")
}
