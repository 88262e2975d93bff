#!/usr/bin/env bash
# Validate pm's SARIF output against the SARIF 2.1.0 JSON schema, as GitHub code scanning would
# refuse an invalid upload. Not run by go test; run it after changing pkg/lint/format/sarif.go:
#
#   scripts/validate-sarif.sh [SCHEMA]
#
# SCHEMA defaults to ../shared/schemas/sarif-schema-2.1.0.json beside the project (the OASIS schema;
# it is not part of pm). Needs python3 with the jsonschema module; without them the check is skipped
# with a notice. Exit 0 when every log is valid or the check was skipped, 1 when a log is invalid,
# 2 when pm cannot be built or fails.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
schema=${1:-$root/../shared/schemas/sarif-schema-2.1.0.json}
case $schema in /*) ;; *) schema="$PWD/$schema" ;; esac
if [ ! -f "$schema" ]; then
  echo "validate-sarif: no schema at $schema (pass its path as the first argument)" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
go build -o "$work/pm" ./cmd/pm || exit 2

# Two logs: one with findings (pm lint exits 1 on them, as expected) and one clean (exit 0).
lint() {
  local out=$1; shift
  local code=0
  "$work/pm" lint --format sarif "$@" >"$out" 2>"$work/stderr" || code=$?
  if [ "$code" -gt 1 ]; then
    echo "validate-sarif: pm lint $* exited $code:" >&2
    cat "$work/stderr" >&2
    exit 2
  fi
}
lint "$work/examples.sarif" testdata/examples
lint "$work/clean.sarif" testdata/examples/2026-10-14-payment-api-timeouts.md

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import jsonschema' 2>/dev/null; then
  echo "validate-sarif: SKIPPED: python3 with the jsonschema module is not available (pip install jsonschema); the SARIF logs were NOT validated" >&2
  exit 0
fi

python3 - "$schema" "$work/examples.sarif" "$work/clean.sarif" <<'PY'
import json, sys
import jsonschema

schema_path, logs = sys.argv[1], sys.argv[2:]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema)
bad = 0
for path in logs:
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    results = sum(len(run.get("results", [])) for run in log.get("runs", []))
    name = path.rsplit("/", 1)[-1]
    if errors:
        bad += 1
        print(f"validate-sarif: {name}: INVALID ({len(errors)} errors)", file=sys.stderr)
        for e in errors[:20]:
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            print(f"  {where}: {e.message}", file=sys.stderr)
    else:
        print(f"validate-sarif: {name}: valid SARIF {log.get('version')} ({results} results)")
sys.exit(1 if bad else 0)
PY
