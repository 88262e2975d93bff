#!/usr/bin/env bash
# bench-lint.sh: measure pm lint on a generated corpus of postmortems against
#   - the floor: a bare Go program that only parses the same files with goldmark (GFM) on all cores,
#   - Vale with one existence rule ("outage") and markdownlint-cli2 with one rule (required headings),
#     both doing less work than pm lint, on the same files,
# plus pm's peak memory at 1,000, 5,000 and 10,000 files and the latency of linting one file as a
# pre-commit hook does (process start to exit).
#
# Run it by hand; it takes several minutes and is not part of go test or CI:
#   scripts/bench-lint.sh
# Settings (environment):
#   BENCH_FILES=10000     files in the main corpus (the memory check also uses 1,000 and 5,000)
#   BENCH_RUNS=5          timed runs of pm and the floor per corpus (the median is reported)
#   BENCH_PEER_RUNS=1     timed runs of Vale and markdownlint-cli2 on the main corpus
#   BENCH_PEERS=1         0 skips Vale and markdownlint-cli2
# Peers are built or installed once into ${XDG_CACHE_HOME:-$HOME/.cache}/pm-bench, outside the repository;
# a peer that cannot be installed is skipped with a notice. Peak memory needs GNU time (/usr/bin/time -v).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/pm-bench"
files="${BENCH_FILES:-10000}"
runs="${BENCH_RUNS:-5}"
peer_runs="${BENCH_PEER_RUNS:-1}"
peers="${BENCH_PEERS:-1}"
vale_version="v3.26.0"
mdl_version="0.22.1"

work="$(mktemp -d "${TMPDIR:-/tmp}/pm-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/logs" "$work/run" "$cache"

say() { printf 'bench: %s\n' "$*" >&2; }
notice() { printf '\n*** NOTICE: %s\n\n' "$*" >&2; }
is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
	command -v apt-get >/dev/null 2>&1 || return 1
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >"$work/logs/apt.log" 2>&1 && return 0
	apt-get update -qq >>"$work/logs/apt.log" 2>&1 &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$work/logs/apt.log" 2>&1
}

# ---- tools -------------------------------------------------------------------------------------

gnu_time=""
if /usr/bin/time -v true >/dev/null 2>&1; then
	gnu_time=/usr/bin/time
elif is_root && say "installing GNU time (Debian package time)" && apt_install time && /usr/bin/time -v true >/dev/null 2>&1; then
	gnu_time=/usr/bin/time
else
	notice "GNU time (/usr/bin/time -v) is not available and cannot be installed here: peak memory is NOT measured (shown as -)"
fi

hyperfine=""
if command -v hyperfine >/dev/null 2>&1; then
	hyperfine="$(command -v hyperfine)"
elif is_root && say "installing hyperfine (Debian)" && apt_install hyperfine && command -v hyperfine >/dev/null 2>&1; then
	hyperfine="$(command -v hyperfine)"
else
	notice "hyperfine is not available: one-file latency is the mean of 50 runs timed with date +%s%N"
fi

# install_vale builds Vale once in a small wrapper module in the cache (go install of Vale fails: one of
# its dependencies' pseudo-versions is refused by the module proxy; the replace directive avoids it).
vale=""
install_vale() {
	local bin="$cache/bin/vale" dir="$cache/vale-wrapper"
	if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then
		vale="$bin"
		return 0
	fi
	command -v go >/dev/null 2>&1 || return 1
	say "building Vale $vale_version into $cache (first time only; a few minutes)"
	rm -rf "$dir"
	mkdir -p "$dir" "$cache/bin"
	cat >"$dir/go.mod" <<-EOF
		module pmbench/vale

		go 1.24

		replace github.com/andybalholm/cascadia => github.com/andybalholm/cascadia v1.3.3
	EOF
	if (cd "$dir" && export GOWORK=off GOFLAGS=-mod=mod &&
		timeout 1200 go get "github.com/vale-cli/vale/v3/cmd/vale@$vale_version" &&
		timeout 1200 go build -o "$bin" github.com/vale-cli/vale/v3/cmd/vale) >"$cache/vale-build.log" 2>&1; then
		vale="$bin"
		return 0
	fi
	return 1
}

mdl=""
install_mdl() {
	local bin="$cache/npm/node_modules/.bin/markdownlint-cli2"
	if [ -x "$bin" ] && "$bin" --help >/dev/null 2>&1; then
		mdl="$bin"
		return 0
	fi
	command -v npm >/dev/null 2>&1 || return 1
	say "installing markdownlint-cli2@$mdl_version into $cache/npm (first time only)"
	mkdir -p "$cache/npm"
	if timeout 900 npm install --prefix "$cache/npm" --no-audit --no-fund --loglevel=error \
		"markdownlint-cli2@$mdl_version" >"$cache/npm-install.log" 2>&1 && [ -x "$bin" ]; then
		mdl="$bin"
		return 0
	fi
	return 1
}

if [ "$peers" = 1 ]; then
	install_vale || notice "Vale could not be built (see $cache/vale-build.log): Vale is SKIPPED"
	install_mdl || notice "markdownlint-cli2 could not be installed (npm missing or install failed, see $cache/npm-install.log): markdownlint-cli2 is SKIPPED"
else
	notice "BENCH_PEERS=0: Vale and markdownlint-cli2 are SKIPPED"
fi

say "building pm, the goldmark floor and the corpus generator"
(cd "$root" && go build -o "$work/bin/pm" ./cmd/pm &&
	go build -o "$work/bin/goldmarkfloor" ./bench/goldmarkfloor &&
	go build -o "$work/bin/gencorpus" ./bench/gencorpus)
pm="$work/bin/pm"
floor="$work/bin/goldmarkfloor"

sizes=(1000 5000 "$files")
for n in "${sizes[@]}"; do
	[ -d "$work/c$n" ] || "$work/bin/gencorpus" -n "$n" -out "$work/c$n" 2>"$work/logs/gencorpus-$n.log"
done
corpus="$work/c$files"
# One English file as a pre-commit hook would lint it.
one=""
for f in "$corpus"/*.md; do
	if ! grep -q '^## 概要' "$f"; then
		one="$f"
		break
	fi
done

# Peer configurations: the least each tool needs to do its one check.
mkdir -p "$work/vale/styles/Bench" "$work/mdl"
cat >"$work/vale/.vale.ini" <<'EOF'
StylesPath = styles
MinAlertLevel = suggestion

[*.md]
BasedOnStyles = Bench
EOF
cat >"$work/vale/styles/Bench/Outage.yml" <<'EOF'
extends: existence
message: "Say 'incident' or 'service degradation' instead of '%s'."
level: error
ignorecase: true
tokens:
  - outage
EOF
# Required headings of the English template; the Japanese files fail it, which costs the same work.
cat >"$work/mdl/.markdownlint-cli2.jsonc" <<'EOF'
{
  "config": {
    "default": false,
    "MD043": {
      "headings": [
        "*", "## Overview", "## What Happened", "## Root Cause", "## Resolution", "## Impact",
        "## Responders", "## Timeline", "## Analysis", "## How'd We Do?", "### What Went Well?",
        "### What Didn't Go So Well?", "### How Could We Have Detected It Sooner?", "## Action Items",
        "## Messaging", "### Internal Email", "### External Message"
      ]
    }
  }
}
EOF

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
# Every tool runs from an empty folder, so no .pm.yaml or git repository around it changes what it does.
cd "$work/run"
for n in "${sizes[@]}"; do cat "$work/c$n"/*.md >/dev/null; done # warm the page cache

# ---- measuring -----------------------------------------------------------------------------------

# Each measurement is kept under a key: wall times (ns) and CPU times (user+sys, s) of every run, and
# the largest peak RSS (KB). CPU time is reported too because it hardly moves when other processes
# compete for the cores, while wall time does.
declare -A walls cpus kbs
rows=()

# run_once KEY CMD...: one timed run of CMD; exit 0 or 1 is success (linters exit 1 on findings).
run_once() {
	local key="$1" rc=0 s e k c
	shift
	s=$(date +%s%N)
	if [ -n "$gnu_time" ]; then
		"$gnu_time" -v -o "$work/time.txt" "$@" >"$work/logs/out.txt" 2>"$work/logs/err.txt" || rc=$?
	else
		"$@" >"$work/logs/out.txt" 2>"$work/logs/err.txt" || rc=$?
	fi
	e=$(date +%s%N)
	if [ "$rc" -gt 1 ]; then
		say "$* exited $rc:"
		tail -n 5 "$work/logs/err.txt" >&2
		return 1
	fi
	walls[$key]+="$((e - s)) "
	if [ -n "$gnu_time" ]; then
		k=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time.txt")
		c=$(awk -F: '/User time|System time/ {t += $2} END {printf "%.3f", t}' "$work/time.txt")
		cpus[$key]+="$c "
		if [ -z "${kbs[$key]:-}" ] || [ "$k" -gt "${kbs[$key]}" ]; then kbs[$key]=$k; fi
	fi
}

# median "N N N": the median of space-separated numbers, "" for none.
median() {
	tr ' ' '\n' <<<"$1" | grep . | sort -g |
		awk '{a[NR] = $1} END {if (NR == 0) exit; m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; print m}' || true
}

# latency KEY RUNS CMD...: wall time of one run of CMD from process start to exit, over RUNS runs
# (hyperfine's mean, or the mean of a date +%s%N loop), and the peak RSS of one more run.
latency() {
	local key="$1" n="$2" r s e
	shift 2
	if [ -n "$hyperfine" ]; then
		"$hyperfine" -N -i --warmup 3 --runs "$n" --export-csv "$work/hf.csv" -- "$*" >"$work/logs/hyperfine.txt" 2>&1 || return 1
		walls[$key]=$(awk -F, 'NR == 2 {printf "%.0f", $2 * 1e9}' "$work/hf.csv")
		cpus[$key]=$(awk -F, 'NR == 2 {printf "%.4f", $5 + $6}' "$work/hf.csv")
	else
		for ((r = 0; r < 3; r++)); do "$@" >/dev/null 2>&1 || true; done
		s=$(date +%s%N)
		for ((r = 0; r < n; r++)); do "$@" >/dev/null 2>&1 || true; done
		e=$(date +%s%N)
		walls[$key]=$(((e - s) / n))
	fi
	if [ -n "$gnu_time" ]; then
		"$gnu_time" -v -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
		kbs[$key]=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time.txt")
	fi
}

# row KEY TOOL FILES: a line of the table. pm's key for a file count is pm:FILES.
row() { rows+=("$1|$2|$3"); }

for n in "${sizes[@]}"; do
	say "goldmark floor and pm lint on $n files ($runs runs each, interleaved, after one warm-up run)"
	run_once warmup "$floor" "$work/c$n"
	run_once warmup "$pm" lint "$work/c$n"
	for ((r = 0; r < runs; r++)); do
		run_once "floor:$n" "$floor" "$work/c$n"
		run_once "pm:$n" "$pm" lint "$work/c$n"
	done
	row "floor:$n" "goldmark floor" "$n"
	row "pm:$n" "pm lint" "$n"
done
if [ -n "$vale" ]; then
	say "Vale on $files files ($peer_runs runs)"
	ok=1
	for ((r = 0; r < peer_runs; r++)); do
		run_once vale "$vale" --config "$work/vale/.vale.ini" --output line "$corpus" || { ok=0; break; }
	done
	if [ "$ok" = 1 ]; then row vale "vale (existence: outage)" "$files"; else notice "Vale failed on the corpus: SKIPPED"; fi
fi
if [ -n "$mdl" ]; then
	say "markdownlint-cli2 on $files files ($peer_runs runs)"
	ok=1
	for ((r = 0; r < peer_runs; r++)); do
		run_once mdl env -C "$corpus" "$mdl" --config "$work/mdl/.markdownlint-cli2.jsonc" "*.md" || { ok=0; break; }
	done
	if [ "$ok" = 1 ]; then row mdl "markdownlint-cli2 (MD043)" "$files"; else notice "markdownlint-cli2 failed on the corpus: SKIPPED"; fi
fi

say "one file, process start to exit: $(basename "$one")"
latency pm:1 50 "$pm" lint "$one"
row pm:1 "pm lint (one file)" 1
latency floor:1 50 "$floor" "$one"
row floor:1 "goldmark floor (one file)" 1
if [ -n "$vale" ]; then
	if latency vale:1 20 "$vale" --config "$work/vale/.vale.ini" --output line "$one"; then
		row vale:1 "vale (one file)" 1
	else
		notice "Vale failed on one file: SKIPPED"
	fi
fi
if [ -n "$mdl" ]; then
	if latency mdl:1 10 env -C "$(dirname "$one")" "$mdl" --config "$work/mdl/.markdownlint-cli2.jsonc" "$(basename "$one")"; then
		row mdl:1 "markdownlint-cli2 (one file)" 1
	else
		notice "markdownlint-cli2 failed on one file: SKIPPED"
	fi
fi

# ---- report -------------------------------------------------------------------------------------

sec() { awk -v ns="$(median "${walls[$1]:-}")" 'BEGIN {if (ns == "") print "-"; else printf (ns < 1e8 ? "%.4f" : "%.3f"), ns / 1e9}'; }
cpu() { awk -v c="$(median "${cpus[$1]:-}")" 'BEGIN {if (c == "") print "-"; else printf "%.2f", c}'; }
mb() { awk -v k="${kbs[$1]:-}" 'BEGIN {if (k == "") print "-"; else printf "%.0f", k / 1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b}'; }
verdict() { if awk "BEGIN {exit !($1)}"; then echo PASS; else echo MISS; fi; }

echo
echo "pm lint benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) memory; $(go version | awk '{print $3}'); load average at the start $load_start, at the end $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine inflates wall times; cpu s moves less)"
echo "corpus: bench/gencorpus (seed 1), $files files, $(du -sk "$corpus" | awk '{printf "%.0f MB", $1 / 1024}'); one file: $(basename "$one"), $(wc -c <"$one") bytes"
if [ -n "$vale" ]; then echo "vale: $vale_version (built from the module; it calls itself \"$("$vale" --version 2>/dev/null | head -n 1)\")"; fi
if [ -n "$mdl" ]; then echo "markdownlint-cli2: $mdl_version"; fi
echo "seconds: median wall time of the runs (one file: mean over many runs); cpu s: user+sys; peak MB: max RSS"
echo
printf '%-30s %6s %9s %12s %8s %8s\n' tool files seconds "ratio vs pm" "cpu s" "peak MB"
for r in "${rows[@]}"; do
	IFS='|' read -r key tool n <<<"$r"
	s=$(sec "$key")
	printf '%-30s %6s %9s %12s %8s %8s\n' "$tool" "$n" "$s" "$(ratio "$s" "$(sec "pm:$n")")" "$(cpu "$key")" "$(mb "$key")"
done
echo

wall_ratio=$(ratio "$(sec "pm:$files")" "$(sec "floor:$files")")
cpu_ratio=$(ratio "$(cpu "pm:$files")" "$(cpu "floor:$files")")
echo "target: pm lint <= 1.5x the goldmark floor on $files files: ${wall_ratio}x wall (${cpu_ratio}x cpu)  $(verdict "$wall_ratio <= 1.5")"
one_ms=$(awk -v s="$(sec pm:1)" 'BEGIN {printf "%.1f", s * 1000}')
echo "target: one file under 20 ms from process start to exit: $one_ms ms  $(verdict "$one_ms < 20")"
if [ -n "$gnu_time" ]; then
	mem=""
	for n in "${sizes[@]}"; do mem+="$(mb "pm:$n") MB at $n, "; done
	# Flat: doubling the files (5,000 to 10,000) adds less than a quarter; a heap that holds something per
	# file grows in proportion instead.
	growth=$(ratio "$(mb "pm:$files")" "$(mb pm:5000)")
	echo "target: peak memory flat and <= 100 MB at $files files: ${mem}x$growth from 5000 to $files  $(verdict "$(mb "pm:$files") <= 100 && $growth <= 1.25")"
else
	echo "target: peak memory: NOT MEASURED (no GNU time)"
fi
for key in vale mdl; do
	if [ -n "${walls[$key]:-}" ]; then
		echo "pm lint vs $key on $files files: pm is $(ratio "$(sec "$key")" "$(sec "pm:$files")")x faster"
	fi
done
