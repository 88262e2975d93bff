package root

import (
	"sort"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// TestSubcommandsListEveryCommand: the list Run makes one command from names every command of the
// whole tree, so that no command is left out of it.
func TestSubcommandsListEveryCommand(t *testing.T) {
	f, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
	var tree, listed []string
	for _, c := range NewCmdRoot(f).Commands() {
		tree = append(tree, c.Name())
	}
	for _, s := range subcommands {
		listed = append(listed, s.name)
	}
	sort.Strings(tree)
	sort.Strings(listed)
	if len(tree) != len(listed) {
		t.Fatalf("the tree has %v, the list %v", tree, listed)
	}
	for i := range tree {
		if tree[i] != listed[i] {
			t.Fatalf("the tree has %v, the list %v", tree, listed)
		}
	}
}

// TestOneCommandTreeAnswersAsTheWholeTree: a root made with only the command named first gives that
// command's --help (its flags, the global flags, its subcommands) byte for byte as the whole tree
// does, and the same usage errors.
func TestOneCommandTreeAnswersAsTheWholeTree(t *testing.T) {
	exec := func(only string, args ...string) (string, string, int) {
		f, out, errOut := cmdutil.TestFactory(t.TempDir(), now, nil)
		cmd := newRoot(f, only)
		cmd.SetArgs(args)
		err := cmd.Execute()
		return out.String(), errOut.String() + func() string {
			if err != nil {
				return err.Error()
			}
			return ""
		}(), cmdutil.ExitCode(err)
	}
	n := 0
	for _, path := range commandPaths(t) {
		if len(path) == 0 {
			continue
		}
		only := onlyCommand(path)
		if only == "" {
			continue // completion and docs read the whole tree and get it
		}
		n++
		for _, args := range [][]string{append(append([]string(nil), path...), "--help"), append(append([]string(nil), path...), "--no-such-flag")} {
			wantOut, wantErr, wantCode := exec("", args...)
			gotOut, gotErr, gotCode := exec(only, args...)
			if gotOut != wantOut || gotErr != wantErr || gotCode != wantCode {
				t.Errorf("%v: with only %q:\n%s%s(%d)\nwith the whole tree:\n%s%s(%d)", args, only, gotOut, gotErr, gotCode, wantOut, wantErr, wantCode)
			}
		}
	}
	if n < 15 {
		t.Fatalf("compared %d commands", n)
	}
	if onlyCommand([]string{"completion", "bash"}) != "" || onlyCommand([]string{"--lang", "ja", "lint"}) != "" ||
		onlyCommand([]string{"help", "lint"}) != "" || onlyCommand(nil) != "" {
		t.Error("completion, a leading flag or help must get the whole tree")
	}
}
