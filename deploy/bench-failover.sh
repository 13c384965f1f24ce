#!/usr/bin/env bash
# How long killing a silo disturbs the service, with the production membership settings (Orleans' defaults, which
# the silo does not change): three silos and the gateway on loopback, lookups spread over three requestors for
# --duration seconds, and SIGKILL to silo 2 after --kill-after seconds. Prints when the first and the last failed or
# slow request started relative to the kill, and the per-second timeline around it.
#
#   deploy/bench-failover.sh [--count N] [--duration S] [--kill-after S] [--concurrency N]
#     --count N        generated records to import and look up (default 1000)
#     --duration S     seconds of load (default 120)
#     --kill-after S   seconds into the load at which silo 2 is killed (default 20)
#     --concurrency N  lookups in flight (default 16)
#
# Results: deploy/.bench-failover/availability.json (with the whole timeline) and the logs of every process.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
run="$root/deploy/.bench-failover"
count=1000; duration=120; kill_after=20; concurrency=16
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --kill-after) kill_after="$2"; shift ;;
    --concurrency) concurrency="$2"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)"; exit 2 ;;
  esac
  shift
done

export RDS_BENCH_SILOS=3 RDS_BENCH_REQUESTORS=3
# shellcheck source=deploy/bench-system.sh
source "$root/deploy/bench-system.sh"

rm -rf "$run"
mkdir -p "$run"
start_system

say "Generating and importing $count records"
tools generate --seed 42 --count "$count" --output "$run/registry.ndjson"
timeout 900 dotnet "$(bin Tools rds-tools.dll)" import --file "$run/registry.ndjson" --gateway "http://127.0.0.1:$http_port" >"$run/import.txt"

say "Lookups for $duration s; silo 2 (pid ${silo_pids[1]}) killed after $kill_after s"
timeout $(( duration + 300 )) dotnet "$(bin Tools rds-tools.dll)" bench availability --file "$run/registry.ndjson" \
  --gateway "http://127.0.0.1:$http_port" --duration "$duration" --concurrency "$concurrency" \
  --kill-pid "${silo_pids[1]}" --kill-after "$kill_after" --output "$run/availability.json" | tee "$run/availability.txt"
# Quiet for longer than the redelivery delay: the dead silo's unacknowledged records come back only then.
report_audit 45 | tee -a "$run/availability.txt"

say "Done: results and logs in $run"
