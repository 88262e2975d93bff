#!/usr/bin/env bash
# Checks .pre-commit-hooks.yaml with the real pre-commit program: `pre-commit try-repo` of this
# repository against a sample repository holding one bad and one good postmortem. Needs git, go
# and pre-commit; installs pre-commit with apt-get when running as root, else skips with a notice.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v pre-commit >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-pre-commit: installing pre-commit with apt-get"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >/dev/null
  fi
fi
if ! command -v pre-commit >/dev/null 2>&1; then
  echo "test-pre-commit: SKIPPED: pre-commit is not installed (Debian package pre-commit)"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Reuse the machine's Go caches: pre-commit gives the hook a GOPATH of its own, and fetching every
# module again costs minutes.
if command -v go >/dev/null 2>&1; then
  export GOMODCACHE="$(go env GOMODCACHE)" GOCACHE="$(go env GOCACHE)"
fi
export PRE_COMMIT_HOME="$work/cache" HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global user.name "pre-commit test"
git config --global user.email "pre-commit@example.com"
git config --global init.defaultBranch main
git config --global --add safe.directory '*'

# try-repo takes a repository's committed HEAD: commit a snapshot of the tracked files as they are in
# the work tree, so that uncommitted edits are tested too.
src="$work/pm"
mkdir -p "$src"
(cd "$here" && git ls-files -z --cached | xargs -0 -I{} cp --parents {} "$src")
git -C "$src" init -q && git -C "$src" add -A && git -C "$src" commit -qm snapshot

sample="$work/sample"
mkdir -p "$sample/postmortems"
git -C "$sample" init -q
cp "$here/testdata/examples/2026-10-14-payment-api-timeouts.md" "$sample/postmortems/good.md"
cp "$here/testdata/examples/2026-11-02-cache-stampede-draft.md" "$sample/postmortems/bad.md"
echo "not a postmortem, outside the folder" > "$sample/notes.md"
# what pm's rule takes (an upper-case .MD) and leaves (dot folders, node_modules below the folder)
cp "$here/testdata/examples/2026-11-02-cache-stampede-draft.md" "$sample/postmortems/UPPER.MD"
mkdir -p "$sample/postmortems/.drafts" "$sample/postmortems/node_modules/x"
cp "$here/testdata/examples/2026-11-02-cache-stampede-draft.md" "$sample/postmortems/.drafts/d.md"
cp "$here/testdata/examples/2026-11-02-cache-stampede-draft.md" "$sample/postmortems/node_modules/x/n.md"
git -C "$sample" add -A

cd "$sample"
set +e
out=$(pre-commit try-repo "$src" pm-lint --all-files 2>&1)
code=$?
set -e
echo "$out" | tail -n 20
fail=0
[ "$code" = 1 ] || { echo "FAIL: pre-commit exit $code, want 1 (bad.md has errors)"; fail=1; }
grep -q 'postmortems/bad.md:.*\[banned-word\]' <<<"$out" || { echo "FAIL: no banned-word finding for bad.md"; fail=1; }
grep -q 'good.md:' <<<"$out" && { echo "FAIL: good.md has findings"; fail=1; }
grep -q 'notes.md' <<<"$out" && { echo "FAIL: a file outside postmortems/ was linted"; fail=1; }
grep -q 'postmortems/UPPER.MD:' <<<"$out" || { echo "FAIL: postmortems/UPPER.MD was not linted"; fail=1; }
grep -Eq 'drafts|node_modules' <<<"$out" && { echo "FAIL: a file below a dot folder or node_modules was linted"; fail=1; }

git rm -q --cached postmortems/bad.md postmortems/UPPER.MD && rm postmortems/bad.md postmortems/UPPER.MD
set +e
out=$(pre-commit try-repo "$src" pm-lint --all-files 2>&1)
code=$?
set -e
[ "$code" = 0 ] || { echo "FAIL: clean repository: pre-commit exit $code"; echo "$out" | tail -n 20; fail=1; }

if [ "$fail" = 0 ]; then echo "test-pre-commit: 5 passed, 0 failed"; else exit 1; fi
