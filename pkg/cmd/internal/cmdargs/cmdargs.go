// Package cmdargs holds the argument-count checks of pm's commands: cobra's own say "accepts 2
// arg(s), received 0" and nothing of what the arguments are; these name the command and show its
// usage line, in the user's language.
package cmdargs

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
)

// usage is the command's usage line without cobra's "[flags]": "pm link A B".
func usage(c *cobra.Command) string {
	return strings.TrimSuffix(c.UseLine(), " [flags]")
}

// name is the command's path below pm ("link", "hook install"): the error line starts "pm: ".
func name(c *cobra.Command) string {
	return strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" ")
}

// Exact accepts exactly n arguments.
func Exact(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) == n {
			return nil
		}
		return cmdutil.Usagef("%w", i18n.Err("args.exactly", name(c), n, len(args), usage(c)))
	}
}

// Max accepts at most n arguments.
func Max(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) <= n {
			return nil
		}
		return cmdutil.Usagef("%w", i18n.Err("args.at-most", name(c), n, len(args), usage(c)))
	}
}

// None accepts no argument: the first one given is named (cobra calls it an unknown command, which
// it is not for a command without subcommands).
func None(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return cmdutil.Usagef("%w", i18n.Err("args.none", name(c), args[0], c.CommandPath()))
}
