#!/usr/bin/env bash
# bench-site.sh: pm site against the goldmark floor (bench/goldmarkfloor: parse every file with GFM on
# all cores, nothing else) over the same generated postmortems: median wall and CPU time of BENCH_RUNS
# alternated runs of each (the site built whole each time), their ratio, peak memory, the median of
# BENCH_RUNS rebuilds after one postmortem changed (from the cache), and the weight of the index, the
# search data and one page.
# The issue's targets: within 3 times the floor, at most 300 MB. Run by hand (not part of go test or CI).
# The site is written under TMPDIR: a whole build creates 10,000 files, which on a file system worn by
# heavy churn (ext4 searching its bitmaps for a free inode) can cost more than the rest of the build;
# TMPDIR=/dev/shm (tmpfs) or a freshly made file system shows pm's own cost.
#   BENCH_FILES=10000   postmortems (bench/gencorpus, seed 1)
#   BENCH_RUNS=5        runs of each
#   BENCH_BASE=REV      also build pm at git revision REV and run it alternated with the others
#                       (floor, base, site, floor, ...): a before/after from one run
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files="${BENCH_FILES:-10000}"
runs="${BENCH_RUNS:-5}"
work="$(mktemp -d "${TMPDIR:-/tmp}/pm-bench-site.XXXXXX")"
trap 'rm -rf "$work"' EXIT
say() { printf 'bench: %s\n' "$*" >&2; }

if [ ! -x /usr/bin/time ]; then
	printf '\n*** NOTICE: GNU time (/usr/bin/time) is missing; install the Debian package time\n\n' >&2
	exit 1
fi

say "building pm, the corpus generator and the goldmark floor"
(cd "$root" && go build -o "$work/pm" ./cmd/pm && go build -o "$work/gencorpus" ./bench/gencorpus &&
	go build -o "$work/floor" ./bench/goldmarkfloor)
base="${BENCH_BASE:-}"
if [ -n "$base" ]; then
	say "building pm at $base"
	mkdir -p "$work/base-src"
	git -C "$root" archive "$base" | tar -x -C "$work/base-src"
	(cd "$work/base-src" && go build -o "$work/pm-base" ./cmd/pm)
fi
say "generating $files postmortems"
mkdir -p "$work/repo"
git -C "$work/repo" init -q
"$work/gencorpus" -n "$files" -out "$work/repo/postmortems" 2>/dev/null
export PM_NOW=2026-12-20T00:00:00Z

# one runs a command once and appends "wall cpu maxrss_kb user" to its file (cpu is user + system).
one() {
	local name="$1"
	shift
	(cd "$work/repo" && /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >/dev/null 2>&1) || true
	awk '{printf "%s %.2f %s %s\n", $1, $2 + $3, $4, $2}' "$work/t" >>"$work/$name.times"
}
"$work/floor" "$work/repo/postmortems" >/dev/null 2>&1 || true # warm the page cache
for ((i = 0; i < runs; i++)); do
	one floor "$work/floor" "$work/repo/postmortems"
	if [ -n "$base" ]; then
		rm -rf "$work/out"
		one base "$work/pm-base" site --out "$work/out"
	fi
	rm -rf "$work/out" # a whole build: no cache
	one site "$work/pm" site --out "$work/out"
done
# Rebuilds after one postmortem changed, from the cache the last build left (the whole build of the
# last run made it): a line added to one file each time.
first=$(find "$work/repo/postmortems" -name '*.md' -print -quit)
for ((i = 0; i < runs; i++)); do
	printf '\nA line added for the benchmark, %d.\n' "$i" >>"$first"
	one rebuild "$work/pm" site --out "$work/out"
done

# median prints the median of a column of a times file.
median() { sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR] = $c} END {print v[int((NR + 1) / 2)]}'; }
fw=$(median "$work/floor.times" 1); fc=$(median "$work/floor.times" 2); fm=$(median "$work/floor.times" 3); fu=$(median "$work/floor.times" 4)
sw=$(median "$work/site.times" 1); sc=$(median "$work/site.times" 2); sm=$(median "$work/site.times" 3); su=$(median "$work/site.times" 4)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $files postmortems, median of $runs alternated runs"
printf '%-14s %8s %8s %8s %10s\n' command wall_s cpu_s user_s peak_MB
printf '%-14s %8s %8s %8s %10.0f\n' "goldmarkfloor" "$fw" "$fc" "$fu" "$(echo "$fm / 1024" | bc -l)"
if [ -n "$base" ]; then
	bw=$(median "$work/base.times" 1); bcpu=$(median "$work/base.times" 2); bm=$(median "$work/base.times" 3); bu=$(median "$work/base.times" 4)
	printf '%-14s %8s %8s %8s %10.0f\n' "pm site @base" "$bw" "$bcpu" "$bu" "$(echo "$bm / 1024" | bc -l)"
fi
printf '%-14s %8s %8s %8s %10.0f\n' "pm site" "$sw" "$sc" "$su" "$(echo "$sm / 1024" | bc -l)"
if [ -n "$base" ]; then
	printf 'base / floor: %.2f wall, %.2f cpu, %.2f user\n' "$(echo "$bw / $fw" | bc -l)" "$(echo "$bcpu / $fc" | bc -l)" "$(echo "$bu / $fu" | bc -l)"
fi
printf 'site / floor: %.2f wall, %.2f cpu, %.2f user\n' "$(echo "$sw / $fw" | bc -l)" "$(echo "$sc / $fc" | bc -l)" "$(echo "$su / $fu" | bc -l)"
rw=$(median "$work/rebuild.times" 1); rc=$(median "$work/rebuild.times" 2); rm=$(median "$work/rebuild.times" 3)
printf 'rebuild after one change: %s s wall, %s s cpu, %.0f MB\n' "$rw" "$rc" "$(echo "$rm / 1024" | bc -l)"
page=$(find "$work/out/pm" -name '*.html' -print -quit)
text=$(cat "$work/out"/search/text-*.js | wc -c)
printf 'weight: index.html %d KB, search/rows.js %d KB, full text %d KB in %d files, charts.html %d KB, one postmortem page %d KB (its source %d KB)\n' \
	$(($(stat -c %s "$work/out/index.html") / 1024)) $(($(stat -c %s "$work/out/search/rows.js") / 1024)) \
	$((text / 1024)) "$(ls "$work/out"/search/text-*.js | wc -l)" \
	$(($(stat -c %s "$work/out/charts.html") / 1024)) $(($(stat -c %s "$page") / 1024)) \
	$(($(stat -c %s "$work/repo/postmortems/$(basename "$page" .html).md") / 1024))
