// Package completion implements `pm completion`: the shell completion script for bash, zsh, fish or
// PowerShell, which completes commands, flags, postmortem ids and status words.
package completion

import (
	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// Shells are the shells pm writes completion scripts for.
var Shells = []string{"bash", "zsh", "fish", "powershell"}

// NewCmdCompletion returns the completion command. It replaces cobra's default one, which is hidden,
// so that `pm --help` lists it and its help says how to load the script in each shell.
func NewCmdCompletion(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the completion script for bash, zsh, fish or PowerShell",
		Long: `Print a script that completes pm's commands and flags, postmortem ids (the file
names in the postmortem folder, without .md), status words (draft, in-review,
reviewed, closed) and the values of flags such as --format, --lang and --sev.

Bash (needs the bash-completion package):
  # this shell only
  source <(pm completion bash)
  # every new shell
  mkdir -p ~/.local/share/bash-completion/completions
  pm completion bash > ~/.local/share/bash-completion/completions/pm

Zsh:
  # this shell only (compinit must have run)
  source <(pm completion zsh)
  # every new shell: save it in a folder of fpath
  mkdir -p ~/.zsh/completions
  pm completion zsh > ~/.zsh/completions/_pm
  # and in ~/.zshrc, before "autoload -U compinit; compinit":
  fpath=(~/.zsh/completions $fpath)

Fish:
  # this shell only
  pm completion fish | source
  # every new shell
  pm completion fish > ~/.config/fish/completions/pm.fish

PowerShell:
  # this session only; add the line to $PROFILE for every new one
  pm completion powershell | Out-String | Invoke-Expression

A script saved to a file takes effect in the next shell you start.

` + cmdutil.ExitCodesHelp,
		Example: `  source <(pm completion bash)
  pm completion zsh > ~/.zsh/completions/_pm
  pm completion fish > ~/.config/fish/completions/pm.fish
  pm completion powershell | Out-String | Invoke-Expression`,
		ValidArgs: Shells,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cmdutil.Usagef("%s", f.UserLang().T("completion.which"))
			}
			for _, s := range Shells {
				if args[0] == s {
					return nil
				}
			}
			return cmdutil.Usagef("%s", f.UserLang().T("completion.unknown", args[0]))
		},
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			root, out := cmd.Root(), f.IO.Out
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			default:
				return root.GenPowerShellCompletionWithDesc(out)
			}
		},
	}
	return cmd
}
