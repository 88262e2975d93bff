// Package complete builds the shell-completion functions of pm's commands from cmdutil's word lists;
// it is the only place besides the commands that knows cobra's completion types.
package complete

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// Args returns a cobra ValidArgsFunction that completes argument i from positions[i] and
// nothing past the last position. A word that looks like a path (it holds a slash) is left to the
// shell's file completion, since POSTMORTEM may also be a path.
func Args(positions ...cmdutil.Words) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if strings.ContainsAny(toComplete, `/\`) {
			return nil, cobra.ShellCompDirectiveDefault
		}
		if len(args) >= len(positions) {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return matching(positions[len(args)](), toComplete, nil), cobra.ShellCompDirectiveNoFileComp
	}
}

// EachArg returns a cobra ValidArgsFunction for a list of arguments: every one completes from
// words, leaving out the ones already given.
func EachArg(words cmdutil.Words) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if strings.ContainsAny(toComplete, `/\`) {
			return nil, cobra.ShellCompDirectiveDefault
		}
		return matching(words(), toComplete, args), cobra.ShellCompDirectiveNoFileComp
	}
}

// Flag returns a flag completion function offering words.
func Flag(words ...string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return matching(words, toComplete, nil), cobra.ShellCompDirectiveNoFileComp
	}
}

// matching keeps the words that start with prefix (ignoring case) and are not in given, once each.
// A word may carry a description after a tab, as cobra.CompletionWithDesc makes.
func matching(words []string, prefix string, given []string) []cobra.Completion {
	var out []cobra.Completion
	seen := map[string]bool{}
	for _, w := range words {
		value, _, _ := strings.Cut(w, "\t")
		if seen[value] || slices.Contains(given, value) || !strings.HasPrefix(strings.ToLower(value), strings.ToLower(prefix)) {
			continue
		}
		seen[value] = true
		out = append(out, w)
	}
	return out
}
