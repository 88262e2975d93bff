#!/usr/bin/env bash
# bench-audit.sh: what pm audit costs over a long history, measured in one run on this machine.
# It builds, with `git fast-import` (seconds instead of the hours 50,000 `git commit`s would take),
# a repository of BENCH_AUDIT_FILES postmortems (default 10,000) in one postmortems/ folder, each
# moved through BENCH_AUDIT_STEPS status commits (default 5: created as Draft, In Review, back to
# Draft, In Review, Reviewed), every move recorded in status_history as pm status records it. All
# postmortems are created first and moved afterwards, so most commits change a folder that already
# holds every file: the tree diff pm audit makes per commit is at its largest.
# Then it times pm audit (BENCH_RUNS runs, default 5, median; CPU seconds and peak memory with GNU
# time) and checks that it finds nothing. fast-import takes minutes here (it deltifies each 400 KB
# tree against the previous one); BENCH_AUDIT_REPO=DIR keeps the repository in DIR and, when DIR
# already holds one, times it without generating it again.
# Run by hand (not part of go test or CI):
#   scripts/bench-audit.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files="${BENCH_AUDIT_FILES:-10000}"
steps="${BENCH_AUDIT_STEPS:-5}"
runs="${BENCH_RUNS:-5}"

work="$(mktemp -d "${TMPDIR:-/tmp}/pm-bench-audit.XXXXXX")"
trap 'rm -rf "$work"' EXIT
say() { printf 'bench: %s\n' "$*" >&2; }

say "building pm"
(cd "$root" && go build -o "$work/pm" ./cmd/pm)
pm="$work/pm"

export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 PM_NOW=2027-06-01T10:00:00Z
mkdir -p "$HOME"
git config --global user.name "Bench"
git config --global user.email bench@example.com
git config --global init.defaultBranch main

repo="${BENCH_AUDIT_REPO:-$work/repo}"
if [ -d "$repo/.git" ]; then
	say "timing the existing repository $repo"
else
git init -q "$repo"
say "generating $files postmortems x $steps status commits with git fast-import"
t0=$(date +%s%N)
python3 - "$files" "$steps" <<'PY' | git -C "$repo" fast-import --quiet
import sys

n, steps = int(sys.argv[1]), int(sys.argv[2])
out = sys.stdout.buffer
# The status each commit of a postmortem leaves it in: created as Draft, then moved.
path = ["Draft", "In Review", "Draft", "In Review", "Reviewed", "Closed"]
path += ["In Review", "Reviewed", "Closed"] * ((steps + 2) // 3)
start = 1767225600  # 2026-01-01T00:00:00Z
gap = 600            # ten minutes between commits
people = ["Aiko Sato", "Priya Raman", "Lucas Martin", "Kenji Ito", "Maria Garcia"]


def iso(ts):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def doc(i, history):
    day = iso(start + i * gap)[:10]
    owner = people[i % len(people)]
    lines = [
        "---",
        "title: Incident %d in the checkout service" % i,
        "severity: SEV-%d" % (i % 3 + 1),
        "status: %s" % history[-1][0],
        "owner: %s" % owner,
        "incident_commander: %s" % people[(i + 1) % len(people)],
        "incident_date: %s" % day,
        'meeting: ""',
        "external_message: false",
        "full_outage: false",
        'call_recording: ""',
        "status_history:",
    ]
    for status, at in history:
        lines += ["  - status: %s" % status, "    at: %s" % at, "    by: %s" % owner]
    lines += ["---", "", "# Incident %d in the checkout service" % i, "",
              "## Summary", "", "Requests to checkout failed for a while (%d)." % i, "",
              "## Impact", "", "Some customers could not pay.", ""]
    return ("\n".join(lines) + "\n").encode()


mark = 0


def commit(ts, msg, name, data):
    global mark
    mark += 1
    who = b"Bench <bench@example.com> %d +0000" % ts
    out.write(b"commit refs/heads/main\nmark :%d\nauthor %s\ncommitter %s\n" % (mark, who, who))
    m = msg.encode()
    out.write(b"data %d\n%s\n" % (len(m), m))
    if name is None:
        for p, d in data:
            out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (p.encode(), len(d), d))
        return
    out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(data), data))


ts = start - 3600
commit(ts, "repository", None, [(".pm.yaml", b"dir: postmortems\nlanguage: en\n"), ("README.md", b"# Postmortems\n")])
hist = {}
for step in range(steps):
    for i in range(n):
        ts = start + (step * n + i) * gap
        h = hist.setdefault(i, [])
        h.append((path[step], iso(ts)))
        name = "postmortems/%s-incident-%05d.md" % (iso(start + i * gap)[:10], i)
        msg = "postmortem: incident-%05d %s" % (i, path[step]) if step else "postmortem: new incident-%05d" % i
        commit(ts, msg, name, doc(i, h))
PY
git -C "$repo" checkout -q main
gen_ms=$((($(date +%s%N) - t0) / 1000000))
commits=$(git -C "$repo" rev-list --count HEAD)
say "repository: $commits commits in $gen_ms ms; $(du -sh "$repo/.git" | cut -f1) in .git"
fi
commits=$(git -C "$repo" rev-list --count HEAD)

cd "$repo"
"$pm" audit >"$work/out" 2>&1 && code=0 || code=$?
if [ "$code" != 0 ]; then
	say "pm audit exited $code; first lines:"
	head -20 "$work/out" >&2
fi
say "pm audit ($runs runs)"
times=()
cpu=()
peak="-"
for ((i = 0; i < runs; i++)); do
	t0=$(date +%s%N)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%U %S %M' -o "$work/time" "$pm" audit >/dev/null 2>&1 || true
		cpu+=("$(awk '{printf "%.1f", $1 + $2}' "$work/time")")
		peak=$(awk -v p="$peak" '{m = $3 / 1024; if (p == "-" || m > p) p = m; printf "%.0f", p}' "$work/time")
	else
		"$pm" audit >/dev/null 2>&1 || true
	fi
	times+=($((($(date +%s%N) - t0) / 1000000)))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')

echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(git --version); $(go version | cut -d' ' -f3)"
echo "repository: $files postmortems, $steps status commits each, $commits commits"
echo "pm audit: median $median ms of $runs runs (${times[*]} ms; CPU ${cpu[*]:-?} s), exit $code, peak ${peak} MB"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
verdict=FAIL
[ "$code" = 0 ] && [ "$median" -le 10000 ] && verdict=PASS
echo "target: pm audit over $files postmortems x $steps status commits in <= 10 s, finding nothing: $verdict"
