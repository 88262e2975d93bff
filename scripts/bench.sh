#!/usr/bin/env bash
# bench.sh: every scale benchmark in one run: pm lint against the goldmark floor, Vale and
# markdownlint-cli2 (scripts/bench-lint.sh), then commits in a 100,000-file repository and pm list
# over 10,000 postmortems (scripts/bench-git.sh). Each prints its table; run by hand, not in CI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/bench-lint.sh"
echo
"$here/bench-git.sh"
