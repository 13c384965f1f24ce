# Sourced by the bench scripts: starts a fresh Azurite, one silo and the gateway on loopback ports the OS picks,
# and stops them on exit. Expects $root (the repository) and $run (an empty folder for logs) to be set.
#
# After start_system: $http_port (the gateway), ${silo_pids[@]}, $Storage__ConnectionString, $RDS_OPERATOR_KEY,
# $RDS_AUDITOR_KEY and
# $RDS_REQUEST_HEADERS (exported: a file with a bench requestor's key and statement, for --headers);
# bin PROJECT DLL gives a Release build output. Scripts with more to stop add a function to stop_hooks.

command -v dotnet >/dev/null || { echo "The .NET SDK (dotnet) is needed: https://dot.net"; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js with npm is needed to run Azurite."; exit 1; }
command -v curl >/dev/null || { echo "curl is needed to register the bench requestor."; exit 1; }

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_for_tcp() { # host port seconds what
  for _ in $(seq 1 $(( $3 * 5 ))); do (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0; sleep 0.2; done
  echo "$4 did not start; see $run/*.log"; exit 1
}
bin() { echo "$root/$1/bin/Release/net10.0/$2"; }
tools() { dotnet "$(bin Tools rds-tools.dll)" "$@"; }

# Children run in their own sessions (setsid) and are stopped by pid in reverse order (gateway, silo, Azurite),
# each given 10 s before SIGKILL, so a hung process cannot keep the script alive. Hooks run first, temp dirs last.
# A signal stops everything and then exits: bash would otherwise go on with the script after the handler. It runs
# once the foreground command ends, which every long step bounds with timeout.
pids=()
silo_pids=()
stop_hooks=()
temp_dirs=()
stop_all() {
  trap - INT TERM EXIT
  trap '' INT TERM
  for hook in "${stop_hooks[@]}"; do "$hook" || true; done
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    pid=${pids[$i]}
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for dir in "${temp_dirs[@]}"; do rm -rf "$dir"; done
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM

start_system() {
  if [ ! -x "$root/deploy/node_modules/.bin/azurite" ]; then
    say "Installing Azurite (pinned in deploy/package-lock.json)"
    (cd "$root/deploy" && npm ci --no-audit --no-fund --loglevel=error)
  fi

  # A script that starts several systems in a row builds once and sets RDS_BENCH_BUILT.
  if [ -z "${RDS_BENCH_BUILT:-}" ]; then
    say "Building (Release)"
    dotnet build "$root/Orleans.Rds.sln" --configuration Release --verbosity quiet --nologo >"$run/build.log" 2>&1 \
      || { tail -30 "$run/build.log"; exit 1; }
  fi

  # In memory: the run's data is thrown away, and on disk Azurite re-serialises its whole table store every 5 s
  # (about 12 % of its CPU at 20,000 rows; see deploy/BENCHMARKS.md).
  say "Starting Azurite (fresh, in memory)"
  setsid "$root/deploy/node_modules/.bin/azurite" --inMemoryPersistence --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --blobPort 0 --queuePort 0 --tablePort 0 \
    >"$run/azurite.log" 2>&1 &
  pids+=($!); azurite_pid=$!
  for _ in $(seq 1 150); do [ "$(grep -c 'successfully listening' "$run/azurite.log" || true)" -ge 3 ] && break; sleep 0.2; done
  port_of() { sed -n "s/.*Azurite $1 service is successfully listening at http:\/\/127.0.0.1:\([0-9]*\).*/\1/p" "$run/azurite.log" | tail -n 1; }
  local blob queue table
  blob=$(port_of Blob); queue=$(port_of Queue); table=$(port_of Table)
  [ -n "$table" ] || { cat "$run/azurite.log"; echo "Azurite did not start"; exit 1; }
  # The emulator's well-known development account, not a secret.
  local account=devstoreaccount1
  export Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$table/$account;"
  export Orleans__ClusterId="bench-$(date +%s)"
  # A throwaway key for this run only; passed to the tools through the environment, not the command line.
  RDS_OPERATOR_KEY=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)
  export RDS_OPERATOR_KEY
  RDS_AUDITOR_KEY=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)
  export Pseudonyms__MasterKey="$(head -c 32 /dev/urandom | base64)"
  # A benchmark repeats the same requests on purpose: the abuse watch would throttle it.
  export AbuseWatch__RepeatedRequests=2000000000 AbuseWatch__EmptyResultsMinimum=2000000000 AbuseWatch__PivotsPerCasePerDay=2000000000

  # RDS_BENCH_SILOS silos (default 1) in one cluster, for figures by cluster size.
  local silo_port gateway_port i
  http_port=$(free_port)
  for i in $(seq 1 "${RDS_BENCH_SILOS:-1}"); do
    silo_port=$(free_port); gateway_port=$(free_port)
    say "Starting silo $i (silo port $silo_port, gateway port $gateway_port)"
    Orleans__SiloPort=$silo_port Orleans__GatewayPort=$gateway_port setsid dotnet "$(bin Silo Rds.Silo.dll)" >"$run/silo-$i.log" 2>&1 &
    pids+=($!); silo_pids+=($!)
    wait_for_tcp 127.0.0.1 "$gateway_port" 60 "Silo $i"
  done

  say "Starting the gateway on http://127.0.0.1:$http_port"
  # The benchmark-only ungoverned lookup path, so bench lookup can price governance in the same run.
  Benchmark__UngovernedLookups=true Admin__OperatorKey="$RDS_OPERATOR_KEY" Audit__AuditorKey="$RDS_AUDITOR_KEY" RDS_HTTP_PORT=$http_port setsid dotnet "$(bin Gateway Rds.Gateway.dll)" >"$run/gateway.log" 2>&1 &
  pids+=($!); gateway_pid=$!
  wait_for_tcp 127.0.0.1 "$http_port" 60 "The gateway"
  register_bench_requestor
}

# Data endpoints need an accredited requestor's key and a statement of purpose: RDS_BENCH_REQUESTORS requestors
# (default 1) with quotas out of reach, one block of headers each in $RDS_REQUEST_HEADERS.
register_bench_requestor() {
  local base="http://127.0.0.1:$http_port" auth="Authorization: Bearer $RDS_OPERATOR_KEY" key id i
  export RDS_REQUEST_HEADERS="$run/bench-headers"
  (umask 077; : >"$RDS_REQUEST_HEADERS")
  for i in $(seq 1 "${RDS_BENCH_REQUESTORS:-1}"); do
    id=bench; [ "$i" -gt 1 ] && id="bench-$i"
    curl -fsS -o /dev/null -X PUT "$base/admin/requestors/$id" -H "$auth" -H 'Content-Type: application/json' -d '{
      "name": "Benchmark", "kind": "researcher", "accreditingBody": "Benchmark", "accreditedUntil": "2099-01-01T00:00:00Z",
      "purposes": {"dnsTransparency": []}, "pseudonymise": false,
      "quotas": {"requestsPerMinute": 1000000, "burst": 100000, "recordsPerDay": 100000000, "pivotsPerCasePerDay": 1000000}}'
    key=$(curl -fsS -X POST "$base/admin/requestors/$id/keys" -H "$auth" | grep -o '"apiKey":"[^"]*"' | cut -d'"' -f4)
    curl -fsS -o /dev/null -X POST "$base/cases" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d '{
      "caseId": "BENCH", "purpose": "dnsTransparency", "legalBasis": "gdpr-6-1-f", "evidence": ["benchmark"], "retentionDays": 1, "confidential": false}'
    printf '%s\n' "Authorization: Bearer $key" "RDS-Purpose: dnsTransparency" "RDS-Legal-Basis: gdpr-6-1-f" "RDS-Case: BENCH" \
      "RDS-Justification: Benchmark of the service on generated data" "RDS-Evidence: benchmark" "RDS-Elements: none" "RDS-Agreement: 2026-12" "" >>"$RDS_REQUEST_HEADERS"
  done
}

# Waits until the bench requestors' audit logs have not grown for $1 seconds (default 2; at most 150 s in all) and
# prints their record count and last chain check: every answered request must have its record, however fast the
# lookups went. After a silo is killed, its unacknowledged records come back after Audit:RedeliveryAfterSeconds.
report_audit() {
  local quiet=${1:-2} base="http://127.0.0.1:$http_port" auth="Authorization: Bearer $RDS_AUDITOR_KEY" id i total previous=-1
  local started=$SECONDS changed=$SECONDS body
  while [ $(( SECONDS - started )) -lt 150 ]; do
    total=0
    for i in $(seq 1 "${RDS_BENCH_REQUESTORS:-1}"); do
      id=bench; [ "$i" -gt 1 ] && id="bench-$i"
      body=$(curl -fsS -H "$auth" "$base/audit/requestors/$id/verify")
      total=$(( total + $(sed -n 's/.*"records":\([0-9]*\).*/\1/p' <<<"$body") ))
    done
    [ "$total" -ne "$previous" ] && changed=$SECONDS
    [ $(( SECONDS - changed )) -ge "$quiet" ] && break
    previous=$total
    sleep 0.5
  done
  echo "audit: $total records in the bench requestors' logs, last change $(( changed - started )) s after the load; last chain check: $body"
}

# name=pid pairs for bench lookup --cpu-pids. The processes are started with setsid and exec into dotnet or node,
# so their pids are those of the programs themselves.
cpu_pids() {
  local pairs="gateway=$gateway_pid,azurite=$azurite_pid" pid
  for pid in "${silo_pids[@]}"; do pairs+=",silo=$pid"; done
  echo "$pairs"
}
