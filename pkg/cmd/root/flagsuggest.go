package root

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pm-tools/pm/pkg/internal/editdist"
)

// flagSuggestions returns the flags of c that an unknown flag in pflag's error msg was likely meant
// to be, as cobra suggests commands: "--stagd" or "--stagde" is --staged (at most two edits, fewer
// than the name's length, or a name it begins), and "-staged", one dash, is --staged when c has
// it. Nearest first, at most three; none for any other error.
func flagSuggestions(c *cobra.Command, msg string) []string {
	var typed string
	if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		typed = name
	} else if _, in, ok := strings.Cut(msg, "' in -"); ok && strings.HasPrefix(msg, "unknown shorthand flag: ") && len(in) > 1 {
		// several letters after one dash: a long flag written with one
		if f := c.Flags().Lookup(in); f != nil && !f.Hidden {
			return []string{"--" + in}
		}
		return nil
	}
	if typed == "" {
		return nil
	}
	typed, _, _ = strings.Cut(typed, "=")
	type near struct {
		name string
		d    int
	}
	var found []near
	seen := map[string]bool{}
	visit := func(f *pflag.Flag) {
		if f.Hidden || seen[f.Name] {
			return
		}
		seen[f.Name] = true
		d := editdist.Levenshtein([]rune(strings.ToLower(typed)), []rune(f.Name))
		switch {
		case d <= 2 && d < len([]rune(typed)):
		case len(typed) >= 3 && strings.HasPrefix(f.Name, strings.ToLower(typed)):
			d = 3 // after the near misspellings
		default:
			return
		}
		found = append(found, near{f.Name, d})
	}
	c.Flags().VisitAll(visit)
	c.InheritedFlags().VisitAll(visit)
	slices.SortFunc(found, func(a, b near) int {
		if a.d != b.d {
			return a.d - b.d
		}
		return strings.Compare(a.name, b.name)
	})
	var out []string
	for _, n := range found[:min(len(found), 3)] {
		out = append(out, "--"+n.name)
	}
	return out
}
