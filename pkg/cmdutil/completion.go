package cmdutil

import (
	"github.com/pm-tools/pm/pkg/project"
)

// Words gives the candidates for one argument or flag value when the shell asks for completions.
type Words func() []string

// Fixed is a fixed list of words.
func Fixed(words ...string) Words { return func() []string { return words } }

// StatusWords are the statuses as pm status and --status take them: postmortem.Statuses in lower
// case, hyphenated (a test holds the two together; a literal costs nothing in package init).
var StatusWords = []string{"draft", "in-review", "reviewed", "closed"}

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

// SeverityWords are the values --sev completes to, described by the severity they stand for.
var SeverityWords = []string{"1\tSEV-1", "2\tSEV-2", "3\tSEV-3", "4\tSEV-4", "5\tSEV-5"}
