#!/usr/bin/env bash
# The cluster e2e on the release lines CI does not test (CI tests the default line): builds each line's
# programs from their Go modules (cached afterwards) and runs test/e2e/cluster.test.ts on it.
#   bash test/release-lines.sh [1.35.4 1.37.2 ...]     (root, as CI; about 15 min per line with a warm cache)
# Prints one result line per version at the end; the exit status is non-zero when any line failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
versions=("$@")
[ "${#versions[@]}" -gt 0 ] || versions=(1.35.4 1.37.2)
logs=${RELEASE_LINES_LOGS:-/tmp/orchestrate-release-lines}
mkdir -p "$logs"
results=()
failed=0
for v in "${versions[@]}"; do
  start=$(date +%s)
  if node src/cli/bin.js lab artifacts --kubernetes "$v" >"$logs/artifacts-$v.log" 2>&1 &&
    E2E_KUBERNETES="$v" npx mocha --timeout 1800000 test/e2e/cluster.test.ts >"$logs/cluster-$v.log" 2>&1; then
    outcome=pass
  else
    outcome=FAIL
    failed=1
  fi
  summary=$(grep -E '^ +[0-9]+ (passing|failing|pending)' "$logs/cluster-$v.log" 2>/dev/null | tr -s ' ' | paste -sd, -)
  results+=("kubernetes $v: $outcome ($summary) in $(($(date +%s) - start)) s; logs $logs/*-$v.log")
done
printf '%s\n' "${results[@]}"
exit "$failed"
