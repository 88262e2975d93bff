#!/usr/bin/env bash
# bench-stats.sh: pm stats against pm list over the same generated postmortems, measured in one run:
# median wall and CPU time of BENCH_RUNS alternated runs of each, their ratio, and peak memory.
# The issue's target is pm stats within 1.2 times pm list. Run by hand (not part of go test or CI).
#   BENCH_FILES=10000   postmortems (bench/gencorpus, seed 1)
#   BENCH_RUNS=7        runs of each command
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files="${BENCH_FILES:-10000}"
runs="${BENCH_RUNS:-7}"
work="$(mktemp -d "${TMPDIR:-/tmp}/pm-bench-stats.XXXXXX")"
trap 'rm -rf "$work"' EXIT
say() { printf 'bench: %s\n' "$*" >&2; }

if [ ! -x /usr/bin/time ]; then
	printf '\n*** NOTICE: GNU time (/usr/bin/time) is missing; install the Debian package time\n\n' >&2
	exit 1
fi

say "building pm and the corpus generator"
(cd "$root" && go build -o "$work/pm" ./cmd/pm && go build -o "$work/gencorpus" ./bench/gencorpus)
say "generating $files postmortems"
mkdir -p "$work/repo"
git -C "$work/repo" init -q
"$work/gencorpus" -n "$files" -out "$work/repo/postmortems" 2>/dev/null
export PM_NOW=2026-12-20T00:00:00Z

# one runs a command once and appends "wall cpu maxrss_kb" to its file.
one() {
	local name="$1"
	shift
	(cd "$work/repo" && /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >/dev/null 2>&1) || true
	awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/t" >>"$work/$name.times"
}
"$work/pm" list >/dev/null 2>&1 || true # warm the page cache
for ((i = 0; i < runs; i++)); do
	one list "$work/pm" list
	one stats "$work/pm" stats
done

# median prints the median of a column of a times file.
median() { sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR] = $c} END {print v[int((NR + 1) / 2)]}'; }
lw=$(median "$work/list.times" 1); lc=$(median "$work/list.times" 2); lm=$(median "$work/list.times" 3)
sw=$(median "$work/stats.times" 1); sc=$(median "$work/stats.times" 2); sm=$(median "$work/stats.times" 3)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $files postmortems, median of $runs alternated runs"
printf '%-10s %8s %8s %10s\n' command wall_s cpu_s peak_MB
printf '%-10s %8s %8s %10.0f\n' "pm list" "$lw" "$lc" "$(echo "$lm / 1024" | bc -l)"
printf '%-10s %8s %8s %10.0f\n' "pm stats" "$sw" "$sc" "$(echo "$sm / 1024" | bc -l)"
printf 'stats / list: %.2f wall, %.2f cpu\n' "$(echo "$sw / $lw" | bc -l)" "$(echo "$sc / $lc" | bc -l)"
