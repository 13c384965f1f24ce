#!/usr/bin/env bash
# What maintaining the attribute index costs a bulk import: the same generated records imported through the gateway
# twice, each time into a fresh Azurite, silo and gateway: once with the index maintained (the default) and once
# with AttributeIndex:Maintained=false (domain grains then leave the index alone; a baseline only). Each import
# also times its raw Azure.Data.Tables baseline, as deploy/bench.sh does.
#
#   deploy/bench-index.sh [--count N] [--rounds N]
#     --count N    generated records to import (default 5000)
#     --rounds N   index / no-index pairs, alternated so that load from elsewhere hits both alike (default 2)
#
# Results: deploy/.bench-index/{index,no-index}-R.json and every process's log.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
count=5000
rounds=2
mode=""
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    --mode) mode="$2"; shift ;;   # internal: one import in one system
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)"; exit 2 ;;
  esac
  shift
done

if [ -n "$mode" ]; then
  run="$BENCH_INDEX_RUN"
  # shellcheck source=deploy/bench-system.sh
  source "$root/deploy/bench-system.sh"
  if [ "$mode" = no-index ]; then export AttributeIndex__Maintained=false; fi
  start_system
  say "Import ($mode): $count records"
  timeout 1200 dotnet "$(bin Tools rds-tools.dll)" bench import --file "$BENCH_INDEX_FILE" --gateway "http://127.0.0.1:$http_port" \
    --storage "$Storage__ConnectionString" --output "$BENCH_INDEX_OUTPUT" | tee "$run/import.txt"
  exit 0
fi

out="$root/deploy/.bench-index"
rm -rf "$out"
mkdir -p "$out"
dotnet build "$root/Orleans.Rds.sln" --configuration Release --verbosity quiet --nologo >"$out/build.log" 2>&1 \
  || { tail -30 "$out/build.log"; exit 1; }
export RDS_BENCH_BUILT=1
dotnet "$root/Tools/bin/Release/net10.0/rds-tools.dll" generate --seed 42 --count "$count" --output "$out/registry.ndjson"

for round in $(seq 1 "$rounds"); do
  for m in index no-index; do
    mkdir -p "$out/$m-$round"
    BENCH_INDEX_RUN="$out/$m-$round" BENCH_INDEX_FILE="$out/registry.ndjson" BENCH_INDEX_OUTPUT="$out/$m-$round.json" \
      "$0" --mode "$m" --count "$count"
  done
done

echo
printf '%-10s %6s %8s %8s %10s %10s\n' mode round stored seconds "records/s" "raw rec/s"
for round in $(seq 1 "$rounds"); do
  for m in index no-index; do
    node -e "const r=require('$out/$m-$round.json');
      console.log('$m'.padEnd(10), String($round).padStart(6), String(r.stored).padStart(8), r.realSeconds.toFixed(1).padStart(8),
        Math.round(r.realRecordsPerSecond).toString().padStart(10), Math.round(r.rawRecordsPerSecond).toString().padStart(10))"
  done
done
