#!/usr/bin/env bash
# bench-startup.sh: where a one-file run of pm goes, counted rather than timed. The pre-commit hook's
# paths (pm lint FILE, pm lint --staged) last a few milliseconds, which a shared machine's noise moves
# by a tenth or more; the instructions a run executes (valgrind's lackey tool, user space only) and its
# page faults (GNU time's minor faults, the kernel's share) are the same from run to run, so a change
# of a few percent shows. Printed side by side with the goldmark floor's one-file run
# (bench/goldmarkfloor), and, for the start-up, the instructions each large dependency's package
# initialisers cost on their own (a program that only imports it, built through an overlay: nothing
# is written into the work tree). Run by hand (not part of go test or CI); about two minutes.
#   BENCH_FILES=10000   postmortems of bench/gencorpus (seed 1) in the repository, as scripts/bench.sh
#   BENCH_PM=FILE       count this pm binary instead of one built from the work tree
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files="${BENCH_FILES:-10000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/pm-bench-startup.XXXXXX")"
trap 'rm -rf "$work"' EXIT
say() { printf 'bench: %s\n' "$*" >&2; }

need() { # need PROGRAM PACKAGE: install the Debian package when missing and possible
	if ! command -v "$1" >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		say "installing $2 (Debian)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 || true
	fi
	if ! command -v "$1" >/dev/null 2>&1; then
		printf '\n*** NOTICE: %s is missing: install the Debian package %s\n\n' "$1" "$2" >&2
		exit 1
	fi
}
need valgrind valgrind
if ! /usr/bin/time -f %R true >/dev/null 2>&1; then
	need /usr/bin/time time
fi

say "building pm, the goldmark floor and the corpus generator (static, as the releases are)"
(cd "$root" && export CGO_ENABLED=0 && go build -o "$work/pm" ./cmd/pm &&
	go build -o "$work/floor" ./bench/goldmarkfloor && go build -o "$work/gencorpus" ./bench/gencorpus)
pm="$work/pm"
if [ -n "${BENCH_PM:-}" ]; then
	pm="$(cd "$(dirname "$BENCH_PM")" && pwd)/$(basename "$BENCH_PM")"
fi

# Go's caches stay where they are: the probes below are built after HOME moves.
GOMODCACHE="$(go env GOMODCACHE)" GOCACHE="$(go env GOCACHE)" GOPATH="$(go env GOPATH)"
export GOMODCACHE GOCACHE GOPATH
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 PM_NOW=2026-12-20T00:00:00Z
mkdir -p "$HOME"
git config --global user.name Bench
git config --global user.email bench@example.com
git config --global init.defaultBranch main

say "generating $files postmortems in a git repository, one change staged"
repo="$work/repo"
# shellcheck source=scripts/bench-repo.sh
. "$root/scripts/bench-repo.sh"
small="$work/small" # the same, with 20 postmortems
bench_repos "$repo" "$files" "$small" "$work/gencorpus"

# instructions CMD...: user-space instructions of a run from the repository, the least of 3 runs
# (asynchronous preemption off: its signals vary between runs under valgrind; the garbage
# collector's timing and other work on the machine still move a count by a few percent).
instructions() {
	local i
	for i in 1 2 3; do
		(cd "$repo" && GODEBUG=asyncpreemptoff=1 valgrind --tool=lackey --basic-counts=yes "$@" 2>&1 >/dev/null |
			awk '/guest instrs:/ {gsub(",", "", $4); print $4}')
	done | sort -n | head -n 1
}
# faults CMD...: the median of 5 runs' minor page faults.
faults() {
	local i
	for i in 1 2 3 4 5; do
		(cd "$repo" && /usr/bin/time -f %R -o "$work/t" "$@" >/dev/null 2>&1) || true
		tail -n 1 "$work/t"
	done | sort -n | sed -n 3p
}
m() { awk -v n="$1" 'BEGIN {printf "%.2f", n / 1e6}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

say "counting the one-file runs"
fi_=$(instructions "$work/floor" "$one") ff=$(faults "$work/floor" "$one")
vi=$(instructions "$pm" version) vf=$(faults "$pm" version)
li=$(instructions "$pm" lint "$rel") lf=$(faults "$pm" lint "$rel")
si=$(instructions "$pm" lint --staged) sf=$(faults "$pm" lint --staged)
ssi=$(repo="$small" instructions "$pm" lint --staged) ssf=$(repo="$small" faults "$pm" lint --staged)

say "counting the package initialisers of pm's large dependencies"
# probe IMPORT...: instructions of a program that imports the packages and does nothing else.
probe() {
	# (a directory that exists only in the overlay, inside cmd/pm, so that it may import pm's
	# cmd/pm/internal packages)
	local dir="$root/cmd/pm/internal/startupprobe" src="$work/probe.go"
	{
		echo 'package main'
		echo 'import ('
		for p in "$@"; do echo "	_ \"$p\""; done
		echo ')'
		echo 'func main() {}'
	} >"$src"
	printf '{"Replace":{"%s/main.go":"%s"}}' "$dir" "$src" >"$work/overlay.json"
	(cd "$root" && CGO_ENABLED=0 go build -overlay "$work/overlay.json" -o "$work/probe" ./cmd/pm/internal/startupprobe)
	instructions "$work/probe"
}
empty=$(probe)
storage=$(probe github.com/go-git/go-git/v5/storage/filesystem github.com/go-git/go-git/v5/plumbing/format/index)
# The dependencies pm links (go-git's object package, chroma and encoding/xml no longer are:
# pkg/internal/archtest keeps them out; their rows are for comparison).
declare -a rows=(
	"goldmark and its GFM extension (the floor pays these too)|github.com/yuin/goldmark github.com/yuin/goldmark/extension"
	"the same, the stack grown first (what pm pays)|github.com/pm-tools/pm/cmd/pm/internal/stackwarm github.com/yuin/goldmark github.com/yuin/goldmark/extension"
	"go-git storage, config and index (pm's commits)|github.com/go-git/go-git/v5/storage/filesystem github.com/go-git/go-git/v5/plumbing/format/index"
	"net/http (pm site --serve, timeline import, actions sync)|net/http"
	"adrg/frontmatter (yaml.v2, TOML)|github.com/adrg/frontmatter"
	"cobra|github.com/spf13/cobra"
	"not linked: go-git object on top of its storage (openpgp, x/crypto)|github.com/go-git/go-git/v5/storage/filesystem github.com/go-git/go-git/v5/plumbing/format/index github.com/go-git/go-git/v5/plumbing/object"
	"not linked: chroma and regexp2|github.com/alecthomas/chroma/v2 github.com/alecthomas/chroma/v2/formatters/html"
)

echo
echo "pm start-up, $(date -u '+%Y-%m-%d %H:%M UTC'), pm $( [ -n "${BENCH_PM:-}" ] && echo "$BENCH_PM" || echo "of commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')")"
echo "machine: $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo); $(go version | awk '{print $3}'); repository of $files postmortems, one change staged"
echo "instructions: valgrind --tool=lackey, user space, least of 3 runs; page faults: minor faults, median of 5 runs"
echo
printf '%-44s %14s %9s %12s %9s\n' "" "instructions M" "vs floor" "page faults" "vs floor"
printf '%-44s %14s %9s %12s %9s\n' "goldmark floor, one file" "$(m "$fi_")" "1.00" "$ff" "1.00"
printf '%-44s %14s %9s %12s %9s\n' "pm version" "$(m "$vi")" "$(ratio "$vi" "$fi_")" "$vf" "$(ratio "$vf" "$ff")"
printf '%-44s %14s %9s %12s %9s\n' "pm lint FILE" "$(m "$li")" "$(ratio "$li" "$fi_")" "$lf" "$(ratio "$lf" "$ff")"
printf '%-44s %14s %9s %12s %9s\n' "pm lint --staged, one staged file" "$(m "$si")" "$(ratio "$si" "$fi_")" "$sf" "$(ratio "$sf" "$ff")"
printf '%-44s %14s %9s %12s %9s\n' "pm lint --staged, repository of 20" "$(m "$ssi")" "$(ratio "$ssi" "$fi_")" "$ssf" "$(ratio "$ssf" "$ff")"
echo
printf '%-64s %14s\n' "package initialisers, a program importing only:" "instructions M"
printf '%-64s %14s\n' "nothing (the Go runtime's start and exit)" "$(m "$empty")"
for row in "${rows[@]}"; do
	label="${row%%|*}"
	# shellcheck disable=SC2086 # the import list is split on purpose
	n=$(probe ${row#*|})
	case "$label" in
	*"go-git object"*) printf '%-64s %14s\n' "$label" "+$(m $((n - storage)))" ;;
	*) printf '%-64s %14s\n' "$label" "+$(m $((n - empty)))" ;;
	esac
done
