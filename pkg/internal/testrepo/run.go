package testrepo

import (
	"bytes"
	"errors"
	"io"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// Command is what Run needs of a command: a *cobra.Command is one. (Only pkg/cmd imports cobra.)
type Command interface {
	SetArgs(args []string)
	SetOut(w io.Writer)
	SetErr(w io.Writer)
	Execute() error
}

// Run builds a command with newCmd on f and executes it with args the way pm's root command does,
// returning what it wrote to stdout and stderr and pm's exit code. As the root command does, it
// prints an error on stderr as "pm: <error>", unless the error only carries an exit code (the
// command has said what it had to); unlike it, Run prints the error's text as it is, without
// translating it or making its paths relative to the work dir. newCmd must set SilenceUsage and SilenceErrors, as the root
// command does for every command, or cobra adds its own usage and error text to the output.
//
// f's output streams are replaced with fresh buffers before the run, so that one Factory can serve
// several runs.
func Run(f *cmdutil.Factory, newCmd func(*cmdutil.Factory) Command, args ...string) (stdout, stderr string, code int) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	f.IO.Out, f.IO.ErrOut = out, errOut
	cmd := newCmd(f)
	if args == nil {
		args = []string{} // nil would make cobra read os.Args
	}
	cmd.SetArgs(args)
	cmd.SetOut(out)
	cmd.SetErr(errOut)
	err := cmd.Execute()
	var ee *cmdutil.ExitError
	if err != nil && (!errors.As(err, &ee) || ee.Err != nil) {
		errOut.WriteString("pm: " + err.Error() + "\n")
	}
	return out.String(), errOut.String(), cmdutil.ExitCode(err)
}
