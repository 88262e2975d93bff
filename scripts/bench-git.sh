#!/usr/bin/env bash
# bench-git.sh: what a pm commit and pm list cost at scale, measured in one run on this machine:
#   - pm new and pm status in a repository of BENCH_REPO_FILES tracked files (default 100,000),
#     against `git add <file> && git commit -m x` for one file in the same repository;
#   - pm list over BENCH_LIST_FILES postmortems (default 10,000);
#   - peak memory of each (GNU time).
# Run by hand (not part of go test or CI); it takes a few minutes, mostly to build the repository.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo_files="${BENCH_REPO_FILES:-100000}"
list_files="${BENCH_LIST_FILES:-10000}"
runs="${BENCH_RUNS:-10}"

work="$(mktemp -d "${TMPDIR:-/tmp}/pm-bench-git.XXXXXX")"
trap 'rm -rf "$work"' EXIT
say() { printf 'bench: %s\n' "$*" >&2; }

if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 || true
fi
have_time=0; [ -x /usr/bin/time ] && have_time=1
[ "$have_time" = 1 ] || printf '\n*** NOTICE: GNU time is missing: no peak memory figures\n\n' >&2

say "building pm"
(cd "$root" && go build -o "$work/pm" ./cmd/pm)
(cd "$root" && go build -o "$work/gencorpus" ./bench/gencorpus)
pm="$work/pm"

export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 PM_NOW=2026-11-24T10:00:00Z
mkdir -p "$HOME"
git config --global user.name "Bench"
git config --global user.email bench@example.com
git config --global init.defaultBranch main
git config --global commit.gpgsign false

say "making a repository of $repo_files files"
big="$work/big"
mkdir -p "$big"
python3 - "$big" "$repo_files" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "src", "m%03d" % (i // 1000), "p%02d" % ((i // 50) % 20))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%06d.txt" % i), "w") as f:
        f.write("file %d\n" % i)
PY
git -C "$big" init -q
git -C "$big" add -A
git -C "$big" commit -qm base
git -C "$big" status --porcelain >/dev/null # warm the index

# ms prints the median wall time of a command run $runs times, each after a setup command.
median_ms() {
	local setup="$1" cmd="$2" i t0 t1
	local times=()
	for ((i = 0; i < runs; i++)); do
		eval "$setup"
		t0=$(date +%s%N)
		eval "$cmd" >/dev/null 2>&1
		t1=$(date +%s%N)
		times+=($(((t1 - t0) / 1000000)))
	done
	printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
peak_mb() {
	[ "$have_time" = 1 ] || { echo "-"; return; }
	/usr/bin/time -f '%M' -o "$work/mem" bash -c "$1" >/dev/null 2>&1 || true
	awk '{printf "%.0f", $1/1024}' "$work/mem"
}

n=0
cd "$big"
say "git add && git commit, one file ($runs runs)"
git_ms=$(median_ms 'n=$((n+1)); echo "x $n" > "g$n.txt"' 'git add "g$n.txt" && git commit -qm "x $n"')
git_mb=$(peak_mb 'n=$((n+1)); echo y > h.txt; git add h.txt && git commit -qm y')
say "pm new ($runs runs)"
pm_new_ms=$(median_ms 'n=$((n+1))' '"$pm" new --sev 2 --title "bench $n" --date 2026-11-20')
pm_new_mb=$(peak_mb "\"$pm\" new --sev 2 --title 'bench memory' --date 2026-11-20")
say "pm status ($runs runs, Draft <-> In Review)"
"$pm" new --sev 2 --title "moving" --date 2026-11-20 >/dev/null 2>&1
st=1
pm_status_ms=$(median_ms 'if [ $st = 1 ]; then to="in-review --force"; st=0; else to=draft; st=1; fi' '"$pm" status $to 2026-11-20-moving')
pm_status_mb=$(peak_mb "\"$pm\" status in-review --force 2026-11-20-moving || \"$pm\" status draft 2026-11-20-moving")
say "pm status with a .gitattributes (* text=auto, *.md eol=lf) ($runs runs)"
printf '* text=auto\n*.md text eol=lf\n' > .gitattributes
git add .gitattributes && git commit -qm attributes
pm_attr_ms=$(median_ms 'if [ $st = 1 ]; then to="in-review --force"; st=0; else to=draft; st=1; fi' '"$pm" status $to 2026-11-20-moving')
[ -z "$(git status --porcelain -- postmortems)" ] || say "WARNING: git status shows pm's files"
git fsck --strict >/dev/null 2>&1 || say "WARNING: git fsck --strict failed"

say "pm list over $list_files postmortems"
lst="$work/list"
mkdir -p "$lst"
git -C "$lst" init -q
"$work/gencorpus" -n "$list_files" -out "$lst/postmortems" >/dev/null
cd "$lst"
list_ms=$(median_ms ':' '"$pm" list')
list_mb=$(peak_mb "\"$pm\" list")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(git --version); $(go version | cut -d' ' -f3)"
printf '%-44s %10s %10s %10s\n' "what" "median ms" "vs git" "peak MB"
printf '%-44s %10s %10s %10s\n' "git add + commit, 1 file, $repo_files-file repo" "$git_ms" "1.00x" "$git_mb"
printf '%-44s %10s %10s %10s\n' "pm new, $repo_files-file repo" "$pm_new_ms" "$(ratio "$pm_new_ms" "$git_ms")" "$pm_new_mb"
printf '%-44s %10s %10s %10s\n' "pm status, $repo_files-file repo" "$pm_status_ms" "$(ratio "$pm_status_ms" "$git_ms")" "$pm_status_mb"
printf '%-44s %10s %10s %10s\n' "pm status with .gitattributes" "$pm_attr_ms" "$(ratio "$pm_attr_ms" "$git_ms")" "-"
printf '%-44s %10s %10s %10s\n' "pm list, $list_files postmortems" "$list_ms" "-" "$list_mb"
echo
for what in "pm new:$pm_new_ms" "pm status:$pm_status_ms" "pm status, attributes:$pm_attr_ms"; do
	ms=${what##*:}
	verdict=$(awk -v a="$ms" -v b="$git_ms" 'BEGIN { print (a <= 1.2 * b) ? "PASS" : "FAIL" }')
	echo "target: ${what%%:*} within 1.2x git add + git commit ($git_ms ms): $ms ms  $verdict"
done
list_verdict=FAIL
[ "$list_ms" -lt 500 ] && list_verdict=PASS
echo "target: pm list over $list_files postmortems in under 500 ms: $list_ms ms  $list_verdict"
