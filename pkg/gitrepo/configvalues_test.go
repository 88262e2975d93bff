package gitrepo

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A configuration value git would not read refuses the commit, as `git commit --only` refuses it;
// the spellings git accepts commit. Each case is tried with git first (in the same repository: a
// refusal changes nothing), then with pm.
func TestCommitConfigValuesAsGitReadsThem(t *testing.T) {
	t.Parallel()
	needGit(t)
	for _, tc := range []struct {
		name, config string
		refused      bool
		mention      []string // what pm's message names, besides the file
	}{
		{"commit.gpgsign maybe", "[commit]\n\tgpgsign = maybe\n", true, []string{"'maybe'", "'commit.gpgsign'"}},
		{"commit.gpgsign maybe, overridden", "[commit]\n\tgpgsign = maybe\n\tgpgsign = false\n", true, []string{"'maybe'"}},
		{"core.autocrlf maybe", "[core]\n\tautocrlf = maybe\n", true, []string{"'maybe'", "'core.autocrlf'"}},
		{"core.safecrlf sometimes", "[core]\n\tsafecrlf = sometimes\n", true, []string{"'sometimes'", "'core.safecrlf'"}},
		{"core.fileMode perhaps", "[core]\n\tfileMode = perhaps\n", true, []string{"'perhaps'", "'core.filemode'"}},
		{"core.fileMode a quoted blank", "[core]\n\tfileMode = \" true\"\n", true, []string{"' true'", "'core.filemode'"}},
		{"core.fileMode out of range", "[core]\n\tfileMode = 99999999999\n", true, []string{"'99999999999'"}},
		{"user.useConfigOnly yesplease", "[user]\n\tuseConfigOnly = yesplease\n", true, []string{"'yesplease'", "'user.useconfigonly'"}},
		{"commit.cleanup bogus", "[commit]\n\tcleanup = bogus\n", true, []string{"'bogus'", "'commit.cleanup'"}},
		{"commit.cleanup Strip", "[commit]\n\tcleanup = Strip\n", true, []string{"'Strip'"}},
		{"commit.cleanup without a value", "[commit]\n\tcleanup\n", true, []string{"missing value for 'commit.cleanup'"}},
		{"core.commentChar empty", "[core]\n\tcommentChar = \"\"\n", true, []string{"core.commentChar", "''"}},
		{"core.commentChar of two bytes", "[core]\n\tcommentChar = \u00a7\n", true, []string{"core.commentChar", "'\u00a7'"}},
		{"core.commentChar without a value", "[core]\n\tcommentChar\n", true, []string{"missing value for 'core.commentchar'"}},
		{"core.logAllRefUpdates sometimes", "[core]\n\tlogAllRefUpdates = sometimes\n", true, []string{"'sometimes'"}},
		{"i18n.commitEncoding without a value", "[i18n]\n\tcommitEncoding\n", true, []string{"missing value for 'i18n.commitencoding'"}},
		{"commit.status maybe", "[commit]\n\tstatus = maybe\n", true, []string{"'maybe'"}},
		{"commit.verbose maybe", "[commit]\n\tverbose = maybe\n", true, []string{"bad numeric config value 'maybe'"}},
		{"filter required maybe", "[filter \"x\"]\n\trequired = maybe\n", true, []string{"'filter.x.required'"}},
		{"index.version x", "[index]\n\tversion = x\n", true, []string{"'index.version'", "invalid unit"}},

		{"core.autocrlf input", "[core]\n\tautocrlf = INPUT\n", false, nil},
		{"core.safecrlf warn", "[core]\n\tsafecrlf = Warn\n", false, nil},
		{"core.fileMode in hexadecimal", "[core]\n\tfileMode = 0x1\n", false, nil},
		{"core.fileMode with a unit", "[core]\n\tfileMode = 1k\n", false, nil},
		{"core.fileMode nothing", "[core]\n\tfileMode =\n", false, nil},
		{"core.commentChar auto", "[core]\n\tcommentChar = AUTO\n", false, nil},
		{"core.commentChar ;", "[core]\n\tcommentChar = \";\"\n", false, nil},
		{"commit.cleanup bogus, overridden", "[commit]\n\tcleanup = bogus\n\tcleanup = scissors\n", false, nil},
		{"core.logAllRefUpdates always", "[core]\n\tlogAllRefUpdates = always\n", false, nil},
		{"index.version overridden", "[index]\n\tversion = x\n\tversion = 2\n", false, nil},
		{"a key pm does not read", "[pm]\n\tanything = maybe\n", false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, _ := pmBase(t)
			config := filepath.Join(f.repo.CommonDir(), "config")
			data, readErr := os.ReadFile(config)
			mustNoErr(t, readErr)
			line := fmt.Sprintf("git config %s: line %d: ", config, strings.Count(string(data), "\n")+2) // every case's second line
			appendFile(t, config, tc.config)
			f.write("a.md", "by git\n")
			out, err := f.gitErr(f.root, "commit", "-q", "--only", "-m", "git", "--", "a.md")
			if gitRefused := err != nil; gitRefused != tc.refused {
				t.Fatalf("git commit refused: %v, want %v (%s)", gitRefused, tc.refused, out)
			}
			f.write("a.md", "by pm\n")
			before := takeSnapshot(t, f)
			_, err = f.repo.CommitOnly([]string{"a.md"}, "pm", sig("A"), sig("C"))
			if !tc.refused {
				if err != nil {
					t.Fatalf("pm refused what git commits: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("pm committed where git says: %s", out)
			}
			if after := takeSnapshot(t, f); after != before {
				t.Errorf("the refused commit changed HEAD, the branch or the index")
			}
			if exists(filepath.Join(f.repo.GitDir(), "index.lock")) {
				t.Error("index.lock left behind")
			}
			msg := err.Error()
			for _, want := range append(tc.mention, line, "; fix the file") {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not mention %q", msg, want)
				}
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error message has more than one line: %q", msg)
			}
		})
	}
}

// maintenance.auto is read once git's commit is made (run_auto_maintenance), and git dies of a bad
// one then, exit 128 with the commit made: pm refuses before it commits.
func TestCommitRefusesABadMaintenanceAuto(t *testing.T) {
	t.Parallel()
	f, _ := pmBase(t)
	appendFile(t, filepath.Join(f.repo.CommonDir(), "config"), "[maintenance]\n\tauto = maybe\n")
	f.write("a.md", "changed\n")
	before := takeSnapshot(t, f)
	_, err := f.repo.CommitOnly([]string{"a.md"}, "pm", sig("A"), sig("C"))
	if err == nil || !strings.Contains(err.Error(), "bad boolean config value 'maybe' for 'maintenance.auto'") {
		t.Fatalf("error = %v, want the bad boolean named", err)
	}
	if after := takeSnapshot(t, f); after != before {
		t.Errorf("the refused commit changed HEAD, the branch or the index")
	}
}

// A value given on the command line (git -c, which reaches pm as GIT_CONFIG_PARAMETERS) is named so.
func TestCommitConfigValueFromTheCommandLine(t *testing.T) {
	t.Parallel()
	f, _ := pmBase(t)
	f.env["GIT_CONFIG_PARAMETERS"] = "'commit.gpgsign'='maybe'"
	f.reopen()
	f.write("a.md", "changed\n")
	_, err := f.repo.CommitOnly([]string{"a.md"}, "pm", sig("A"), sig("C"))
	if err == nil || !strings.Contains(err.Error(), "command line") || !strings.Contains(err.Error(), "'maybe'") {
		t.Fatalf("error = %v, want one naming the command line and the value", err)
	}
}

// The identity is read as git reads it: user.useConfigOnly must be a boolean.
func TestIdentityRefusesABadUseConfigOnly(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.identity("A", "a@example.com")
	appendFile(t, filepath.Join(f.root, ".git", "config"), "[user]\n\tuseConfigOnly = yesplease\n")
	_, _, err := f.repo.Identity(f.getenv, nil, testNow)
	if err == nil || !strings.Contains(err.Error(), "bad boolean config value 'yesplease' for 'user.useconfigonly'") {
		t.Fatalf("Identity: %v, want the bad boolean named", err)
	}
}

func TestParseGitInt(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in      string
		want    int64
		problem string
	}{
		{"0", 0, ""}, {"1", 1, ""}, {"-1", -1, ""}, {"+7", 7, ""}, {"  12", 12, ""},
		{"0x1f", 31, ""}, {"0X1F", 31, ""}, {"010", 8, ""}, {"1k", 1024, ""}, {"2M", 2 << 20, ""}, {"1g", 1 << 30, ""},
		{"2147483647", math.MaxInt32, ""}, {"2147483648", 0, "out of range"}, {"-2147483647", -math.MaxInt32, ""},
		{"-2147483648", 0, "out of range"}, {"2g", 0, "out of range"}, {"99999999999999999999", 0, "out of range"},
		{"", 0, "invalid unit"}, {"x", 0, "invalid unit"}, {"1 ", 0, "invalid unit"}, {"08", 0, "invalid unit"},
		{"0x", 0, "invalid unit"}, {"1kb", 0, "invalid unit"}, {"true", 0, "invalid unit"},
	} {
		got, problem := parseGitInt(tc.in, math.MaxInt32)
		if got != tc.want || problem != tc.problem {
			t.Errorf("parseGitInt(%q) = %d, %q; want %d, %q", tc.in, got, problem, tc.want, tc.problem)
		}
	}
}
