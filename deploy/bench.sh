#!/usr/bin/env bash
# Measures Orleans.Rds on this machine, each figure beside its baseline from the same run: bulk import through the
# gateway against raw batched Azure.Data.Tables inserts, and RDAP lookups against a fixed-body Kestrel endpoint.
# Starts a fresh Azurite, one silo and the gateway on loopback ports the OS picks, and stops them all on exit.
#
#   deploy/bench.sh [--count N] [--requests N] [--concurrency N] [--silos N] [--requestors N] [--rounds N]
#     --count N        generated records to import (default 20000)
#     --requests N     timed lookups per target (default 20000)
#     --concurrency N  lookups in flight (default 32)
#     --silos N        silos in the cluster (default 1)
#     --requestors N   requestors the lookups are spread over, each with its own key and case (default 1)
#     --rounds N       governed lookups alternated with the same lookups ungoverned (no authentication, quota or
#                      audit; a benchmark-only path), N rounds of each, to price governance (default 2; 0: none)
#
# Results: deploy/.bench/{import,lookup}.json and the logs of every process.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
run="$root/deploy/.bench"
count=20000
requests=20000
concurrency=32
rounds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift ;;
    --requests) requests="$2"; shift ;;
    --concurrency) concurrency="$2"; shift ;;
    --silos) export RDS_BENCH_SILOS="$2"; shift ;;
    --requestors) export RDS_BENCH_REQUESTORS="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)"; exit 2 ;;
  esac
  shift
done

# shellcheck source=deploy/bench-system.sh
source "$root/deploy/bench-system.sh"

rm -rf "$run"
mkdir -p "$run"
start_system

say "Generating $count records"
tools generate --seed 42 --count "$count" --output "$run/registry.ndjson"

say "Import: real path against raw Azure.Data.Tables batches"
timeout 600 dotnet "$(bin Tools rds-tools.dll)" bench import --file "$run/registry.ndjson" --gateway "http://127.0.0.1:$http_port" \
  --storage "$Storage__ConnectionString" --output "$run/import.json" | tee "$run/import.txt"

say "Lookups: gateway against a fixed-body Kestrel endpoint"
timeout 600 dotnet "$(bin Tools rds-tools.dll)" bench lookup --file "$run/registry.ndjson" --gateway "http://127.0.0.1:$http_port" \
  --requests "$requests" --concurrency "$concurrency" --ungoverned-rounds "$rounds" --output "$run/lookup.json" \
  --cpu-pids "$(cpu_pids)" | tee "$run/lookup.txt"
report_audit | tee -a "$run/lookup.txt"

say "Done: results and logs in $run"
