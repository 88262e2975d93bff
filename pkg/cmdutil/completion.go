package cmdutil

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/project"
)

// Words gives the candidates for one argument or flag value when the shell asks for completions.
type Words func() []string

// Fixed is a fixed list of words.
func Fixed(words ...string) Words { return func() []string { return words } }

// StatusWords are the statuses as pm status and --status take them: draft, in-review, reviewed,
// closed.
var StatusWords = statusWords()

func statusWords() []string {
	out := make([]string, len(postmortem.Statuses))
	for i, s := range postmortem.Statuses {
		out[i] = strings.ReplaceAll(strings.ToLower(string(s)), " ", "-")
	}
	return out
}

// Either offers the words of every source, in order.
func Either(sources ...Words) Words {
	return func() []string {
		var out []string
		for _, s := range sources {
			out = append(out, s()...)
		}
		return out
	}
}

// PostmortemIDs lists the ids (file names without .md) of the postmortems in the project around the
// work dir. Completion must not fail loudly: a project that cannot be read offers none.
func (f *Factory) PostmortemIDs() []string {
	p, err := f.OpenProject()
	if err != nil {
		return nil
	}
	files, err := p.Files()
	if err != nil {
		return nil
	}
	ids := make([]string, 0, len(files))
	for _, path := range files {
		ids = append(ids, project.ID(path))
	}
	return ids
}

// CompleteArgs returns a cobra ValidArgsFunction that completes argument i from positions[i] and
// nothing past the last position. A word that looks like a path (it holds a slash) is left to the
// shell's file completion, since POSTMORTEM may also be a path.
func CompleteArgs(positions ...Words) cobra.CompletionFunc {
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

// CompleteEachArg returns a cobra ValidArgsFunction for a list of arguments: every one completes from
// words, leaving out the ones already given.
func CompleteEachArg(words Words) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if strings.ContainsAny(toComplete, `/\`) {
			return nil, cobra.ShellCompDirectiveDefault
		}
		return matching(words(), toComplete, args), cobra.ShellCompDirectiveNoFileComp
	}
}

// CompleteFlag returns a flag completion function offering words.
func CompleteFlag(words ...string) cobra.CompletionFunc {
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

// SeverityWords are the values --sev completes to, described by the severity they stand for.
var SeverityWords = []string{"1\tSEV-1", "2\tSEV-2", "3\tSEV-3", "4\tSEV-4", "5\tSEV-5"}
