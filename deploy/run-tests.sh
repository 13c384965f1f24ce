#!/usr/bin/env bash
# Runs every test of Orleans.Rds and ends with one line "N passed, N failed" counted from the test results.
# Needs only the .NET SDK and Node.js: the tests start their own Azurite from deploy/ (installed here if missing).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
results="$root/TestResults"

if [ ! -x "$root/deploy/node_modules/.bin/azurite" ]; then
  (cd "$root/deploy" && npm ci --no-audit --no-fund) || { echo "npm ci failed: Azurite could not be installed"; exit 1; }
fi

rm -rf "$results"
dotnet test "$root/Orleans.Rds.sln" --configuration Release \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=minimal" \
  --results-directory "$results" "$@"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test results were found in $results"; status=1
fi
echo "$passed passed, $failed failed"
exit $status
