#!/usr/bin/env bash
# Measures a depth-3 pivot through Orleans.Rds against the same traversal over in-process dictionaries (the limit
# of this machine) and over PostgreSQL 15 on loopback holding the same domain-attribute edges with an index each
# way. Installs PostgreSQL 15 (Debian's package) if missing and runs a private cluster of it in a temp dir; starts
# a fresh Azurite, one silo and the gateway; imports the generated registry; stops everything on exit.
#
#   deploy/bench-pivot.sh [--count N] [--seeds N] [--depth N] [--fan-out-cap N] [--runs N] [--batch-lines N]
#                         [--parallelism N] [--in-memory-registry]
#     --count N        generated records to import (default 2000: with the index maintained the import runs at
#                      ~30 records/s on this machine, so 2,000 take about a minute)
#     --seeds N        seed domains, the same for every engine (default 20)
#     --depth N        attribute hops (default 3)
#     --fan-out-cap N  attributes shared by more domains are counted, not expanded (default 50: 2.5 % of 2,000
#                      records, as the API's default 500 is of 20,000; scale it with --count)
#     --runs N         timed runs per engine after a cold one (default 5)
#     --batch-lines N  records per import request (default 50: with the index maintained, chunks of 250 or more
#                      made the hot attribute grains' queues outlast Orleans' 30 s response timeout here)
#     --parallelism N  import requests in flight (default 1)
#     --in-memory-registry  the silo keeps domain records and the attribute index in memory
#                      (Storage:InMemoryRegistry), for registries beyond what Azurite holds (see deploy/BENCHMARKS.md);
#                      requestors and the audit log stay in Azurite. It also sets, unless already set, what
#                      let 1,000,000 records fit at about 1,000 records/s (see deploy/BENCHMARKS.md): idle
#                      activations collected after 1 minute, a 256 MB gen0 budget, a 12 GB heap limit
#
# Results: deploy/.bench-pivot/pivot.json and the logs of every process. Needs root for the PostgreSQL install.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
run="$root/deploy/.bench-pivot"
count=2000
seeds=20
depth=3
cap=50
runs=5
batch=50
parallelism=1
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift ;;
    --seeds) seeds="$2"; shift ;;
    --depth) depth="$2"; shift ;;
    --fan-out-cap) cap="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --batch-lines) batch="$2"; shift ;;
    --parallelism) parallelism="$2"; shift ;;
    --in-memory-registry)
      export Storage__InMemoryRegistry=true
      # The import activates ~4 grains per record: collected after 2 minutes (or Orleans' default 15) they held
      # gigabytes, and the default gen0 budget made the GC pause for 40 % of the import's time at 200,000 records.
      export Orleans__GrainCollection__CollectionQuantum="${Orleans__GrainCollection__CollectionQuantum:-00:00:30}"
      export Orleans__GrainCollection__CollectionAge="${Orleans__GrainCollection__CollectionAge:-00:01:00}"
      export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x10000000}"
      export DOTNET_GCHeapHardLimit="${DOTNET_GCHeapHardLimit:-0x300000000}" ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)"; exit 2 ;;
  esac
  shift
done

# shellcheck source=deploy/bench-system.sh
source "$root/deploy/bench-system.sh"

rm -rf "$run"
mkdir -p "$run"

pg_bin=/usr/lib/postgresql/15/bin
if [ ! -x "$pg_bin/pg_ctl" ]; then
  say "Installing PostgreSQL 15"
  [ "$(id -u)" -eq 0 ] || { echo "Installing PostgreSQL needs root: apt-get install postgresql-15"; exit 1; }
  timeout 600 apt-get update -qq >"$run/apt.log" 2>&1
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq postgresql-15 >>"$run/apt.log" 2>&1 || { tail -20 "$run/apt.log"; exit 1; }
fi

# initdb refuses to run as root: the cluster belongs to the postgres user (or to us when not root).
pg_user=$(id -un)
as_pg() { if [ "$pg_user" = root ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_dir=$(mktemp -d)
temp_dirs+=("$pg_dir")
if [ "$pg_user" = root ]; then chown postgres "$pg_dir"; fi
stop_postgres() {
  [ -f "$pg_dir/data/postmaster.pid" ] || return 0
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -t 20 stop >/dev/null 2>&1 && return 0
  kill -KILL "$(head -n 1 "$pg_dir/data/postmaster.pid")" 2>/dev/null || true
}
stop_hooks+=(stop_postgres)

pg_port=$(free_port)
say "Starting PostgreSQL 15 on 127.0.0.1:$pg_port (data in $pg_dir)"
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U bench --no-sync >"$run/initdb.log" 2>&1 || { cat "$run/initdb.log"; exit 1; }
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c shared_buffers=512MB" start >/dev/null \
  || { cat "$pg_dir/postgres.log"; exit 1; }

start_system

say "Generating $count records"
tools generate --seed 42 --count "$count" --output "$run/registry.ndjson"

say "Importing $count records through the gateway (the index is maintained as domains are stored)"
started=$(date +%s)
# In the background and waited for, so a signal stops the run at once rather than after the import (bash defers
# traps while a foreground command runs); stop_all stops it first, as the last pid.
timeout 14400 dotnet "$(bin Tools rds-tools.dll)" import --file "$run/registry.ndjson" --gateway "http://127.0.0.1:$http_port" \
  --batch-lines "$batch" --parallelism "$parallelism" >"$run/import.txt" 2>&1 &
pids+=($!)
wait "${pids[-1]}" || { tail -20 "$run/import.txt"; exit 1; }
elapsed=$(( $(date +%s) - started ))
echo "imported in $elapsed s ($(( count / (elapsed > 0 ? elapsed : 1) )) records/s)"

# The import leaves hundreds of thousands of idle activations, which Orleans collects once they have been idle for the
# collection age (checked every quantum; each domain grain writes its state as it goes). At 1,000,000 records, two
# runs that timed their pivots about then measured 147 and 117 ms; with this wait, 58.6 ms. With the settings
# --in-memory-registry makes, wait until that is over: age plus quantum, then until the silos use less than a fifth
# of a core over 10 s (idle, they poll the audit queues at well under a tenth), for at most 5 minutes more.
seconds_of() { local h m sec; IFS=: read -r h m sec <<<"$1"; echo $(( 10#$h * 3600 + 10#$m * 60 + 10#${sec%%.*} )); }
silo_ticks() { local pid total=0; for pid in "${silo_pids[@]}"; do total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done; echo "$total"; }
if [ -n "${Orleans__GrainCollection__CollectionAge:-}" ] && [ -n "${Orleans__GrainCollection__CollectionQuantum:-}" ]; then
  idle=$(( $(seconds_of "$Orleans__GrainCollection__CollectionAge") + $(seconds_of "$Orleans__GrainCollection__CollectionQuantum") ))
  say "Waiting for the import's idle grains to be collected ($idle s, then until the silo is quiet)"
  sleep "$idle"
  settle_started=$SECONDS
  while [ $(( SECONDS - settle_started )) -lt 300 ]; do
    before=$(silo_ticks); sleep 10; after=$(silo_ticks)
    [ $(( after - before )) -lt $(( $(getconf CLK_TCK) * 2 )) ] && break
  done
  echo "quiet after $idle + $(( SECONDS - settle_started )) s"
fi

say "Pivot: in-process dictionaries, PostgreSQL, Orleans"
status=0
timeout 7200 dotnet "$(bin Tools rds-tools.dll)" bench pivot --file "$run/registry.ndjson" --gateway "http://127.0.0.1:$http_port" \
  --postgres "Host=127.0.0.1;Port=$pg_port;Username=bench;Database=postgres" \
  --seeds "$seeds" --depth "$depth" --fan-out-cap "$cap" --runs "$runs" --output "$run/pivot.json" | tee "$run/pivot.txt" || status=$?
cp "$pg_dir/postgres.log" "$run/postgres.log" 2>/dev/null || true

say "Done: results and logs in $run"
exit "$status"
