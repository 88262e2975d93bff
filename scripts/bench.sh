#!/usr/bin/env bash
# bench.sh: pm's speed targets, each measured side by side with the goldmark floor (bench/goldmarkfloor)
# in one run on this machine, with the ratio, the target and PASS or MISS:
#   - pm lint over BENCH_FILES generated postmortems against the floor with pm-equivalent checks
#     (goldmarkfloor -check): <= 1.15x in wall time, peak RSS <= 32 MB;
#   - pm lint FILE and pm lint --staged with one staged file (the pre-commit hook's paths), process
#     start to exit, against the floor's one-file run: <= 1.5x. --staged is measured in the corpus's
#     repository and in one of 20 postmortems, with `git diff --cached --name-only` beside it: in a
#     large repository, reading the last commit's tree is most of its time, and git's too;
#   - pm list over the same postmortems against the floor's bare parse of them: <= 0.3x, <= 32 MB;
#   - pm stats against pm list: <= 1.2x.
# Every pair runs alternated (A B A B …) BENCH_RUNS times and the medians are compared, so that other
# work on the machine weighs on both sides alike. Self-contained: it builds pm, the floor and the corpus
# into a temporary folder and removes it. About 2 to 4 minutes on 2 cores. The peers (Vale,
# markdownlint-cli2) and the git benchmarks are scripts/bench-lint.sh and scripts/bench-git.sh.
#   BENCH_FILES=10000   postmortems of bench/gencorpus (seed 1), about 5 KB each
#   BENCH_RUNS=7        alternated runs of each pair over the corpus
#   BENCH_ONE_RUNS=100  runs of each one-file command (in rounds of 10; a run lasts milliseconds)
#   BENCH_PM=FILE       measure this pm binary instead of one built from the work tree (say, a build of
#                       an earlier commit, to compare before and after)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files="${BENCH_FILES:-10000}"
runs="${BENCH_RUNS:-7}"
one_runs="${BENCH_ONE_RUNS:-100}"
work="$(mktemp -d "${TMPDIR:-/tmp}/pm-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
say() { printf 'bench: %s\n' "$*" >&2; }

if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		say "installing GNU time (Debian package time)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 || true
	fi
fi
if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
	printf '\n*** NOTICE: GNU time (/usr/bin/time) is missing: install the Debian package time\n\n' >&2
	exit 1
fi

# Built as the releases are (.goreleaser.yaml: CGO_ENABLED=0, a static binary).
say "building pm, the goldmark floor and the corpus generator"
(cd "$root" && export CGO_ENABLED=0 && go build -o "$work/pm" ./cmd/pm &&
	go build -o "$work/floor" ./bench/goldmarkfloor && go build -o "$work/gencorpus" ./bench/gencorpus)
pm="$work/pm"
if [ -n "${BENCH_PM:-}" ]; then
	pm="$(cd "$(dirname "$BENCH_PM")" && pwd)/$(basename "$BENCH_PM")" # another build, to compare
fi
floor="$work/floor"

export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 PM_NOW=2026-12-20T00:00:00Z
mkdir -p "$HOME" "$work/m"
git config --global user.name Bench
git config --global user.email bench@example.com
git config --global init.defaultBranch main
git config --global commit.gpgsign false

say "generating $files postmortems in a git repository"
repo="$work/repo"
corpus="$repo/postmortems"
# One English postmortem, as a pre-commit hook lints it; for --staged, a change to it is staged.
# shellcheck source=scripts/bench-repo.sh
. "$root/scripts/bench-repo.sh"
small="$work/small" # the same, with 20 postmortems
bench_repos "$repo" "$files" "$small" "$work/gencorpus"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
cat "$corpus"/*.md >/dev/null # warm the page cache

# run KEY CMD...: one run of CMD in the repository; appends "wall_s cpu_s maxrss_kb" to KEY's file.
# Exit 0 or 1 is success (pm lint exits 1 on findings).
# The wall time is taken around the run to the microsecond (time's %e has hundredths of a second,
# which a small BENCH_FILES run rounds to nothing); CPU time and peak RSS are time's.
run() {
	local key="$1" rc=0 s e
	shift
	s=$(date +%s%N)
	(cd "$repo" && /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >/dev/null 2>"$work/err") || rc=$?
	e=$(date +%s%N)
	if [ "$rc" -gt 1 ]; then
		say "$* exited $rc:"
		tail -n 5 "$work/err" >&2
		exit 1
	fi
	tail -n 1 "$work/t" | awk -v us="$(((e - s) / 1000))" '{printf "%.4f %.3f %s\n", us / 1e6, $2 + $3, $4}' >>"$work/m/$key"
}

# median KEY COLUMN: the median of a column of KEY's file.
median() { sort -g -k"$2" "$work/m/$1" | awk -v c="$2" '{v[NR] = $c} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m}'; }
maxcol() { sort -g -k"$2" "$work/m/$1" | tail -n 1 | awk -v c="$2" '{print $c}'; }

# One-file runs last a few milliseconds: a shell's fork and a date process around each would weigh as
# much as the run. With hyperfine (installed when missing and possible) each round times every command
# over a few runs, without a shell, and the rounds alternate; the median of the rounds' means is kept.
# Without it, a loop of the command is timed as a whole (the shell's fork is then counted in).
if ! command -v hyperfine >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	say "installing hyperfine (Debian)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null 2>&1 || true
fi
# latency [-C DIR] KEY CMD...: mean wall time in microseconds of CMD run from the repository (or
# DIR), over a round.
latency() {
	local dir="$repo" key s e i n=10
	if [ "$1" = -C ]; then
		dir="$2"
		shift 2
	fi
	key="$1"
	shift
	if command -v hyperfine >/dev/null 2>&1; then
		(cd "$dir" && hyperfine -N -i --warmup 1 --runs "$n" --export-csv "$work/hf.csv" -- "$*" >/dev/null 2>&1)
		awk -F, 'NR == 2 {printf "%.0f\n", $2 * 1e6}' "$work/hf.csv" >>"$work/m/$key"
		return
	fi
	s=$(date +%s%N)
	for ((i = 0; i < n; i++)); do (cd "$dir" && "$@" >/dev/null 2>&1) || true; done
	e=$(date +%s%N)
	echo "$(((e - s) / 1000 / n))" >>"$work/m/$key"
}

say "pm lint, the floor with checks, pm list, the bare floor, pm stats: $runs alternated runs each"
run warm "$floor" -check "$corpus"
run warm "$pm" lint "$corpus"
for ((r = 0; r < runs; r++)); do
	run floor_check "$floor" -check "$corpus"
	run lint "$pm" lint "$corpus"
	run floor "$floor" "$corpus"
	run list "$pm" list
	run stats "$pm" stats
done

rounds=$(((one_runs + 9) / 10))
say "one file: pm lint FILE, pm lint --staged, the floor on the file: $rounds alternated rounds of 10 runs each"
latency warm1 "$floor" "$one"
latency warm1 "$pm" lint "$rel"
for ((r = 0; r < rounds; r++)); do
	latency floor1 "$floor" "$one"
	latency lint1 "$pm" lint "$rel"
	latency staged1 "$pm" lint --staged
	latency cached1 git diff --cached --name-only
	latency -C "$small" staged_small "$pm" lint --staged
done
run lint1_mem "$pm" lint "$rel"
run staged1_mem "$pm" lint --staged
run floor1_mem "$floor" "$one"

# ---- report -------------------------------------------------------------------------------------

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else printf "n/a"}'; }
verdict() { # verdict "RATIO <= LIMIT": PASS or MISS; "-" when there is no ratio (nothing measured)
	case "$1" in n/a*) echo - ;; *) if awk "BEGIN {exit !($1)}"; then echo PASS; else echo MISS; fi ;; esac
}
mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

lw=$(median lint 1) lc=$(median lint 2) lm=$(maxcol lint 3)
cw=$(median floor_check 1) cc=$(median floor_check 2) cm=$(maxcol floor_check 3)
fw=$(median floor 1) fc=$(median floor 2) fm=$(maxcol floor 3)
sw=$(median list 1) sc=$(median list 2) sm=$(maxcol list 3)
tw=$(median stats 1) tc=$(median stats 2) tm=$(maxcol stats 3)
o1=$(median floor1 1) l1=$(median lint1 1) s1=$(median staged1 1) g1=$(median cached1 1) ss=$(median staged_small 1)

echo
echo "pm benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), pm $( [ -n "${BENCH_PM:-}" ] && echo "$BENCH_PM" || echo "of commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')")"
echo "machine: $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo); $(go version | awk '{print $3}'); load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "corpus: $files postmortems of bench/gencorpus (seed 1), $(du -sk "$corpus" | awk '{printf "%.0f MB", $1 / 1024}'); one file: $(basename "$one"), $(wc -c <"$one") bytes"
echo "medians of $runs alternated runs (one file: of $rounds alternated rounds of 10 runs, $(command -v hyperfine >/dev/null 2>&1 && echo "hyperfine -N" || echo "a shell loop, forks counted")); cpu: user+sys; peak: largest RSS"
echo
printf '%-46s %9s %8s %8s\n' "" "wall s" "cpu s" "peak MB"
printf '%-46s %9s %8s %8s\n' "goldmark floor, parse only" "$fw" "$fc" "$(mb "$fm")"
printf '%-46s %9s %8s %8s\n' "goldmark floor -check (pm-equivalent checks)" "$cw" "$cc" "$(mb "$cm")"
printf '%-46s %9s %8s %8s\n' "pm lint" "$lw" "$lc" "$(mb "$lm")"
printf '%-46s %9s %8s %8s\n' "pm list" "$sw" "$sc" "$(mb "$sm")"
printf '%-46s %9s %8s %8s\n' "pm stats" "$tw" "$tc" "$(mb "$tm")"
printf '%-46s %9s %8s %8s\n' "goldmark floor, one file" "$(awk -v u="$o1" 'BEGIN {printf "%.4f", u / 1e6}')" "-" "$(mb "$(maxcol floor1_mem 3)")"
printf '%-46s %9s %8s %8s\n' "pm lint FILE" "$(awk -v u="$l1" 'BEGIN {printf "%.4f", u / 1e6}')" "-" "$(mb "$(maxcol lint1_mem 3)")"
printf '%-46s %9s %8s %8s\n' "pm lint --staged, one staged file" "$(awk -v u="$s1" 'BEGIN {printf "%.4f", u / 1e6}')" "-" "$(mb "$(maxcol staged1_mem 3)")"
printf '%-46s %9s %8s %8s\n' "git diff --cached --name-only, the same" "$(awk -v u="$g1" 'BEGIN {printf "%.4f", u / 1e6}')" "-" "-"
printf '%-46s %9s %8s %8s\n' "pm lint --staged, repository of 20" "$(awk -v u="$ss" 'BEGIN {printf "%.4f", u / 1e6}')" "-" "-"
echo
r=$(ratio "$lw" "$cw")
printf '%-62s %6sx  %s\n' "pm lint / floor -check, $files files (target <= 1.15)" "$r" "$(verdict "$r <= 1.15")"
printf '%-62s %6s MB %s\n' "pm lint peak RSS (target <= 32 MB)" "$(mb "$lm")" "$(verdict "$lm <= 32 * 1024")"
r=$(ratio "$l1" "$o1")
printf '%-62s %6sx  %s\n' "pm lint FILE / floor, one file (target <= 1.5)" "$r" "$(verdict "$r <= 1.5")"
r=$(ratio "$s1" "$o1")
printf '%-62s %6sx  %s\n' "pm lint --staged / floor, one file, $files in the repo (target <= 1.5)" "$r" "$(verdict "$r <= 1.5")"
printf '%-62s %6sx\n' "  beside it: git diff --cached --name-only / floor" "$(ratio "$g1" "$o1")"
r=$(ratio "$ss" "$o1")
printf '%-62s %6sx  %s\n' "pm lint --staged / floor, one file, 20 in the repo (target <= 1.5)" "$r" "$(verdict "$r <= 1.5")"
r=$(ratio "$sw" "$fw")
printf '%-62s %6sx  %s\n' "pm list / floor parse, $files files (target <= 0.3)" "$r" "$(verdict "$r <= 0.3")"
printf '%-62s %6s MB %s\n' "pm list peak RSS (target <= 32 MB)" "$(mb "$sm")" "$(verdict "$sm <= 32 * 1024")"
r=$(ratio "$tw" "$sw")
printf '%-62s %6sx  %s\n' "pm stats / pm list (target <= 1.2)" "$r" "$(verdict "$r <= 1.2")"
rx() { local r; r=$(ratio "$1" "$2"); case "$r" in n/a) echo "$r" ;; *) echo "${r}x" ;; esac; }
echo "(cpu ratios, less moved by other work on the machine: lint $(rx "$lc" "$cc"), list $(rx "$sc" "$fc"), stats $(rx "$tc" "$sc"))"
