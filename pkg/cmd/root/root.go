// Package root builds pm's command tree and turns what a command returns into an exit code.
package root

import (
	"errors"
	"fmt"
	"github.com/pm-tools/pm/pkg/internal/interrupt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	actionscmd "github.com/pm-tools/pm/pkg/cmd/actions"
	actionsynccmd "github.com/pm-tools/pm/pkg/cmd/actionsync"
	auditcmd "github.com/pm-tools/pm/pkg/cmd/audit"
	completioncmd "github.com/pm-tools/pm/pkg/cmd/completion"
	docscmd "github.com/pm-tools/pm/pkg/cmd/docs"
	hookcmd "github.com/pm-tools/pm/pkg/cmd/hook"
	"github.com/pm-tools/pm/pkg/cmd/initcmd"
	completefn "github.com/pm-tools/pm/pkg/cmd/internal/complete"
	linkcmd "github.com/pm-tools/pm/pkg/cmd/link"
	lintcmd "github.com/pm-tools/pm/pkg/cmd/lint"
	listcmd "github.com/pm-tools/pm/pkg/cmd/list"
	lspcmd "github.com/pm-tools/pm/pkg/cmd/lsp"
	meetingcmd "github.com/pm-tools/pm/pkg/cmd/meeting"
	messagecmd "github.com/pm-tools/pm/pkg/cmd/message"
	newcmd "github.com/pm-tools/pm/pkg/cmd/new"
	reviewcmd "github.com/pm-tools/pm/pkg/cmd/review"
	sitecmd "github.com/pm-tools/pm/pkg/cmd/site"
	statscmd "github.com/pm-tools/pm/pkg/cmd/stats"
	statuscmd "github.com/pm-tools/pm/pkg/cmd/status"
	timelinecmd "github.com/pm-tools/pm/pkg/cmd/timeline"
	versioncmd "github.com/pm-tools/pm/pkg/cmd/version"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/posixtz"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// NewCmdRoot returns the pm command with every subcommand.
func NewCmdRoot(f *cmdutil.Factory) *cobra.Command { return newRoot(f, "") }

// subcommands makes each of pm's commands, by name. A command added to pm goes here.
var subcommands = []struct {
	name string
	make func(*cmdutil.Factory) *cobra.Command
	// tree marks a command that reads the whole command tree (completion scripts, the manual)
	tree bool
}{
	{"completion", completioncmd.NewCmdCompletion, true},
	{"docs", docscmd.NewCmdDocs, true},
	{"init", func(f *cmdutil.Factory) *cobra.Command { return initcmd.NewCmdInit(f, nil) }, false},
	{"hook", hookcmd.NewCmdHook, false},
	{"new", func(f *cmdutil.Factory) *cobra.Command { return newcmd.NewCmdNew(f, nil) }, false},
	{"lint", func(f *cmdutil.Factory) *cobra.Command { return lintcmd.NewCmdLint(f, nil) }, false},
	{"list", func(f *cmdutil.Factory) *cobra.Command { return listcmd.NewCmdList(f, nil) }, false},
	{"status", func(f *cmdutil.Factory) *cobra.Command { return statuscmd.NewCmdStatus(f, nil) }, false},
	{"version", versioncmd.NewCmdVersion, false},
	{"meeting", func(f *cmdutil.Factory) *cobra.Command { return meetingcmd.NewCmdMeeting(f, nil) }, false},
	{"stats", func(f *cmdutil.Factory) *cobra.Command { return statscmd.NewCmdStats(f, nil) }, false},
	{"actions", func(f *cmdutil.Factory) *cobra.Command {
		actions := actionscmd.NewCmdActions(f, nil)
		actions.AddCommand(actionsynccmd.NewCmdSync(f, nil))
		return actions
	}, false},
	{"message", func(f *cmdutil.Factory) *cobra.Command { return messagecmd.NewCmdMessage(f, nil) }, false},
	{"review", func(f *cmdutil.Factory) *cobra.Command { return reviewcmd.NewCmdReview(f, nil) }, false},
	{"link", func(f *cmdutil.Factory) *cobra.Command { return linkcmd.NewCmdLink(f, nil) }, false},
	{"timeline", timelinecmd.NewCmdTimeline, false},
	{"audit", func(f *cmdutil.Factory) *cobra.Command { return auditcmd.NewCmdAudit(f, nil) }, false},
	{"site", func(f *cmdutil.Factory) *cobra.Command { return sitecmd.NewCmdSite(f, nil) }, false},
	{"lsp", func(f *cmdutil.Factory) *cobra.Command { return lspcmd.NewCmdLsp(f, nil) }, false},
}

// onlyCommand returns the subcommand args run when pm can tell it from the first word alone (a
// command's own name, not a flag, help or completion): Run then makes that command only, not all
// of them with their flags (about 0.2 M instructions and 100 page faults of every run). "" means
// the whole tree.
func onlyCommand(args []string) string {
	if len(args) == 0 {
		return ""
	}
	for _, s := range subcommands {
		if s.name == args[0] && !s.tree {
			return s.name
		}
	}
	return ""
}

// newRoot returns the pm command with every subcommand, or with the one named only.
func newRoot(f *cmdutil.Factory, only string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pm <command>",
		Short: "Incident postmortems in git: create, lint, review, close",
		Long: `pm keeps incident postmortems as Markdown files with YAML front matter in a git
repository. It creates them from templates (English and Japanese), lints them
against the postmortem process, and commits every change it makes, leaving
whatever you have staged alone.

` + cmdutil.ExitCodesHelp,
		Example: `  pm init
  pm new --sev 1 --title "Checkout latency"
  pm lint`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			if err := f.CheckLang(); err != nil {
				return err
			}
			return f.CheckEnv()
		},
	}
	cmd.SetOut(f.IO.Out)
	cmd.SetErr(f.IO.ErrOut)
	cmd.SetIn(f.IO.In)
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		lang := f.UserLang()
		// the command as typed: "pm lint", or "pm" itself (not "pm pm")
		msg := err.Error()
		if like := flagSuggestions(c, msg); len(like) > 0 {
			msg += "\n\nDid you mean this?\n\t" + strings.Join(like, "\n\t") + "\n" // as cobra words a command's
		}
		return cmdutil.Usagef("%s", lang.T("cobra.see-help", cobraMessage(lang, msg), c.CommandPath()))
	})
	pf := cmd.PersistentFlags()
	pf.BoolVar(&f.IO.NoColor, "no-color", false, "no colour even on a terminal (as NO_COLOR=1 does)")
	pf.BoolVarP(&f.IO.Quiet, "quiet", "q", false, "print only results, warnings and errors")
	pf.StringVar(&f.LangFlag, "lang", "", "language of pm's messages: en or ja (default: the locale, else language in .pm.yaml)")
	cmd.RegisterFlagCompletionFunc("lang", completefn.Flag("en\tEnglish", "ja\tJapanese"))
	// Flag help wraps at 80 columns, so every --help reads on a narrow terminal.
	cmd.SetUsageTemplate(strings.ReplaceAll(cmd.UsageTemplate(), ".FlagUsages ", ".FlagUsagesWrapped 80 "))
	for _, s := range subcommands {
		if only == "" || s.name == only {
			cmd.AddCommand(s.make(f))
		}
	}
	if only != "" {
		cmd.CompletionOptions.DisableDefaultCmd = true // pm's own completion command is not made
	}
	cmd.SetHelpCommand(helpCommand(f, cmd))
	refuseUnknownSubcommands(cmd)
	return cmd
}

// suggestions are the commands like the last word of args.
func suggestions(root *cobra.Command, args []string) []string {
	if len(args) == 0 {
		return nil
	}
	return root.SuggestionsFor(args[len(args)-1])
}

// helpCommand is pm help [command]: the command's help, and for a topic that names no command an
// error and exit 2 (cobra prints the whole usage and exits 0, so "pm help instal" would pass).
func helpCommand(f *cmdutil.Factory, root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			var names []string
			for _, sub := range root.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					names = append(names, sub.Name()+"\t"+sub.Short)
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || target == nil || len(rest) > 0 {
				msg := fmt.Sprintf("unknown help topic %q", strings.Join(args, " "))
				if s := suggestions(root, args); len(s) > 0 {
					msg += "\n\nDid you mean this?\n\t" + strings.Join(s, "\n\t") + "\n"
				}
				return cmdutil.Usagef("%s", msg)
			}
			return target.Help()
		},
	}
}

// refuseUnknownSubcommands gives every command that only groups subcommands (pm hook, pm docs,
// pm timeline) git's answer to a word it does not know: an error and exit 2, where cobra would
// print the help and exit 0, so that "pm hook instal" in a setup script fails instead of passing.
// Without arguments such a command still prints its help.
func refuseUnknownSubcommands(root *cobra.Command) {
	for _, c := range root.Commands() {
		refuseUnknownSubcommands(c)
		if c.HasAvailableSubCommands() && c.SuggestionsMinimumDistance <= 0 {
			// cobra sets the distance on the root alone: a subcommand's typo ("unistall") got
			// no suggestion unless it was a prefix
			c.SuggestionsMinimumDistance = 2
		}
		if !c.HasAvailableSubCommands() || c.Runnable() {
			continue
		}
		c.RunE = func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return c.Help()
			}
			msg := fmt.Sprintf("unknown command %q for %q", args[0], c.CommandPath())
			if s := c.SuggestionsFor(args[0]); len(s) > 0 {
				msg += "\n\nDid you mean this?\n\t" + strings.Join(s, "\n\t") + "\n"
			}
			return cmdutil.Usagef("%s", msg)
		}
	}
}

// Run executes pm with args against f and returns the exit code, printing any error as one line.
func Run(f *cmdutil.Factory, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(f.IO.ErrOut, "pm: internal error: %s\n", present.Line(fmt.Sprint(r)))
			code = cmdutil.ExitFailure
		}
	}()
	cmd := newRoot(f, onlyCommand(args))
	// Errors cobra finds before it parses flags (an unknown command) are still shown in the
	// language --lang asks for.
	f.LangFlag = langArg(args)
	cmd.SetArgs(args)
	err := cmd.Execute()
	if cw, ok := f.IO.Out.(*cmdutil.CheckedWriter); ok && cw.Err != nil && (cmdutil.ExitCode(err) != cmdutil.ExitFailure || errors.Is(err, cw.Err)) {
		// the command's output was lost (a full disk): an error, whatever the command returned,
		// unless it already ended as one for another reason; worded here once for every command,
		// which may have wrapped it in its own words ("write findings: write /dev/stdout: …")
		err = cmdutil.Usagef("%s", f.UserLang().T("err.write-stdout", cw.Err))
	}
	if err != nil {
		var ee *cmdutil.ExitError
		if !errors.As(err, &ee) || ee.Err != nil {
			fmt.Fprintf(f.IO.ErrOut, "pm: %s\n", present.Line(oneLine(relative(message(f, err), f.WorkDir))))
		}
	}
	return cmdutil.ExitCode(err)
}

// Main runs pm as a process.
func Main() int {
	// SIGQUIT as the other signals from the start: no goroutine dump before the first write's undo
	interrupt.Quit()
	shortenLockWait(os.Getenv)
	posixLocal(os.LookupEnv)
	code := Run(cmdutil.System(), os.Args[1:])
	// a Ctrl-C that came while the command finished: the process dies of it once its undos have
	// run, rather than exiting as if it had not come
	interrupt.Settle()
	return code
}

// posixLocal makes a TZ written as a POSIX rule ("JST-9", "UTC+3") the local zone, as it is to C's
// localtime and so to git (commit dates, dates without a zone): Go reads such a TZ as UTC. Only a TZ
// with a digit in it, which Go could not load, is looked at.
func posixLocal(lookup func(string) (string, bool)) {
	tz, ok := lookup("TZ")
	if !ok || !strings.ContainsAny(tz, "0123456789") || time.Local.String() != "UTC" {
		return
	}
	if loc, ok := posixtz.Local(tz); ok {
		time.Local = loc
	}
}

// sentinels are the errors every command can meet, with their catalogue messages: in English the
// error's own text (which names paths and details) is shown; in Japanese the catalogue's.
var sentinels = []struct {
	err error
	id  string
}{
	{project.ErrNotInRepo, "err.not-repo"},
	{gitrepo.ErrNoWorkTree, "err.no-work-tree"}, // before ErrBare, which it is too
	{gitrepo.ErrBare, "err.bare"},
	{gitrepo.ErrDetachedHead, "err.detached"},
	{gitrepo.ErrIndexLocked, "err.locked"},
	{gitrepo.ErrInProgress, "err.in-progress"},
	{gitrepo.ErrNoIdentity, "err.no-identity"},
	{gitrepo.ErrSigningRequired, "err.signing"},
	{project.ErrOutsideRead, "err.outside-read"}, // before ErrOutside, which it wraps
	{project.ErrOutside, "err.outside"},
	{gitrepo.ErrUnsupported, "err.unsupported"},
	{gitrepo.ErrOutsideSparse, "err.outside-sparse"},
	{gitrepo.ErrSkipWorktree, "err.skip-worktree"},
	{gitrepo.ErrHookFailed, "err.hook"},
	{project.ErrChanged, "err.changed"},
	{gitrepo.ErrChangedMeanwhile, "err.changed"},
	{gitrepo.ErrBeyondSymlink, "err.beyond-symlink"},
}

// localized is an error that can give its text in another language, as the errors about .pm.yaml do.
type localized interface {
	error
	In(i18n.Lang) string
}

// message is the text of an error in the user's language. When .pm.yaml does not load, UserLang
// goes by --lang and the locale.
func message(f *cmdutil.Factory, err error) string {
	lang := f.UserLang()
	if lang == i18n.EN {
		return cobraMessage(lang, err.Error())
	}
	// ErrChanged with the file that holds what was written meanwhile: the catalogue's words for
	// ErrChanged alone would leave that file unnamed
	if ke := (*project.KeptError)(nil); errors.As(err, &ke) {
		return strings.Replace(err.Error(), ke.Error(), ke.In(lang), 1)
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			var own *i18n.Error
			if errors.As(err, &own) {
				// the error has catalogue words of its own, which say more than the sentinel's: a
				// path named outside the repository is no symbolic link leading out of it
				return i18n.Text(lang, err)
			}
			return lang.T(s.id)
		}
	}
	// Only the localized error's own words change; any text a command wrapped it in stays.
	var le localized
	if errors.As(err, &le) {
		return strings.Replace(err.Error(), le.Error(), le.In(lang), 1)
	}
	return cobraMessage(lang, err.Error())
}

// langArg returns the value of --lang in args, or "".
func langArg(args []string) string {
	for i, a := range args {
		switch {
		case a == "--":
			return ""
		case a == "--lang" && i+1 < len(args):
			return args[i+1]
		case strings.HasPrefix(a, "--lang="):
			return strings.TrimPrefix(a, "--lang=")
		}
	}
	return ""
}

// relative shortens paths under the work dir in an error message to the relative form the user typed
// and reads everywhere else.
func relative(msg, workDir string) string {
	if !filepath.IsAbs(workDir) || filepath.Dir(workDir) == workDir {
		return msg
	}
	prefix := strings.TrimSuffix(workDir, string(filepath.Separator)) + string(filepath.Separator)
	var b strings.Builder
	for {
		i := strings.Index(msg, prefix)
		if i < 0 {
			b.WriteString(msg)
			return b.String()
		}
		b.WriteString(msg[:i])
		msg = msg[i+len(prefix):]
		// the work dir itself, written with its slash ("--out /repo/:"), stays: it has no relative form
		// but "." , and an empty name reads as none
		if msg == "" || strings.ContainsRune(" :,;'\")]", rune(msg[0])) {
			b.WriteString(prefix)
		}
	}
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}
