#!/usr/bin/env bash
# Runs every test of the repository: build (warnings are errors), unit and integration tests, package consumer checks.
# Prints "N passed, N failed" as its last line and exits non-zero if anything failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
configuration="${CONFIGURATION:-Release}"
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

echo "== build ($configuration)"
if ! dotnet build Analyzers.sln -c "$configuration" -warnaserror; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== test"
# --blame-hang turns a hung test into a failure with a dump instead of a stuck CI run.
dotnet test Analyzers.sln -c "$configuration" --no-build \
  --logger "trx" --results-directory "$results" \
  --blame-hang --blame-hang-timeout 10m
test_exit=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without a failed test (a crash or hang): count it so the summary cannot read as green.
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
