#!/usr/bin/env bash
# Runs Orleans.Rds on this machine: Azurite, N silos and the gateway as separate processes on loopback (each silo
# with its own silo and gateway ports, all in one cluster through Azure Table membership), loads a generated demo
# registry on first start, and prints curl lines to try. Ctrl-C stops everything. run-local.sh is this with N = 1.
#
#   deploy/run-cluster.sh [N] [--fresh] [--count N]
#     N          silos to start (default 1)
#     --fresh    start from empty storage (Azurite's data lives in deploy/.data, kept across runs)
#     --count N  size of the demo registry loaded into empty storage (default 2000)
#   RDS_HTTP_PORT  gateway port (default 5080)
#
# Needs the .NET SDK and Node.js, nothing else.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
data="$root/deploy/.data"
run="$root/deploy/.run"
fresh=false
count=2000
silos=1
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then silos=$1; shift; fi
[ "$silos" -ge 1 ] && [ "$silos" -le 16 ] || { echo "N must be 1 to 16 silos"; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --fresh) fresh=true ;;
    --count) count="$2"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)"; exit 2 ;;
  esac
  shift
done
http_port="${RDS_HTTP_PORT:-5080}"

command -v dotnet >/dev/null || { echo "The .NET SDK (dotnet) is needed: https://dot.net"; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js with npm is needed to run Azurite."; exit 1; }
command -v curl >/dev/null || { echo "curl is needed to register the demo requestor."; exit 1; }

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_for_tcp() { # host port seconds what
  for _ in $(seq 1 $(( $3 * 5 ))); do (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0; sleep 0.2; done
  echo "$4 did not start; see $run/*.log"; exit 1
}

# Children run in their own sessions (setsid), so Ctrl-C reaches only this script, which stops them in order:
# gateway, then silo (it deactivates grains and writes its state while storage is still up), then Azurite.
pids=()
stopping=false
stop_all() {
  # A second Ctrl-C must not cut the orderly stop short and orphan the children.
  trap '' INT TERM
  $stopping && return
  stopping=true
  if [ ${#pids[@]} -gt 0 ]; then
    say "Stopping"
    for (( i=${#pids[@]}-1; i>=0; i-- )); do
      pid=${pids[$i]}
      kill -TERM "$pid" 2>/dev/null || continue
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    done
  fi
}
trap stop_all EXIT
trap "stop_all; exit 130" INT TERM

if (exec 3<>"/dev/tcp/127.0.0.1/$http_port") 2>/dev/null; then
  echo "Port $http_port is taken; set RDS_HTTP_PORT to another port."; exit 1
fi

mkdir -p "$run"
if $fresh; then rm -rf "$data"; fi
mkdir -p "$data/azurite"

if [ ! -x "$root/deploy/node_modules/.bin/azurite" ]; then
  say "Installing Azurite (pinned in deploy/package-lock.json)"
  (cd "$root/deploy" && npm ci --no-audit --no-fund --loglevel=error)
fi

say "Building"
dotnet build "$root/Orleans.Rds.sln" --configuration Release --verbosity quiet --nologo >"$run/build.log" 2>&1 \
  || { tail -30 "$run/build.log"; exit 1; }
bin() { echo "$root/$1/bin/Release/net10.0/$2"; }

say "Starting Azurite (data in deploy/.data)"
setsid "$root/deploy/node_modules/.bin/azurite" --location "$data/azurite" --skipApiVersionCheck --loose \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --blobPort 0 --queuePort 0 --tablePort 0 \
  >"$run/azurite.log" 2>&1 &
pids+=($!); azurite_pid=$!
for _ in $(seq 1 150); do [ "$(grep -c 'successfully listening' "$run/azurite.log" || true)" -ge 3 ] && break; sleep 0.2; done
port_of() { sed -n "s/.*Azurite $1 service is successfully listening at http:\/\/127.0.0.1:\([0-9]*\).*/\1/p" "$run/azurite.log" | tail -n 1; }
blob=$(port_of Blob); queue=$(port_of Queue); table=$(port_of Table)
[ -n "$table" ] || { cat "$run/azurite.log"; echo "Azurite did not start"; exit 1; }
# The emulator's well-known development account, not a secret.
account=devstoreaccount1
export Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$table/$account;"
# A new cluster id per run: the last run's silo is gone, and its membership row must not be waited on.
export Orleans__ClusterId="local-$(date +%s)"

# Local secrets, generated once and kept (git-ignored): the staff keys and the silo's pseudonym master key.
secret() { [ -s "$run/$1" ] || (umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40 >"$run/$1"); cat "$run/$1"; }
operator_key=$(secret operator-key)
auditor_key=$(secret auditor-key)
[ -s "$run/pseudonym-key" ] || (umask 077; head -c 32 /dev/urandom | base64 >"$run/pseudonym-key")
export Pseudonyms__MasterKey="$(cat "$run/pseudonym-key")"

# This machine only: metrics (silos and gateway) and the silos' dashboard open without keys. Nowhere else.
export Metrics__AllowAnonymous=true Dashboard__Enabled=true Dashboard__AllowAnonymous=true

silo_pids=()
health_ports=()
for i in $(seq 1 "$silos"); do
  silo_port=$(free_port); gateway_port=$(free_port); health_port=$(free_port)
  say "Starting silo $i of $silos (silo port $silo_port, gateway port $gateway_port, health, metrics and dashboard port $health_port)"
  Orleans__SiloPort=$silo_port Orleans__GatewayPort=$gateway_port Orleans__HealthPort=$health_port \
    setsid dotnet "$(bin Silo Rds.Silo.dll)" >"$run/silo-$i.log" 2>&1 &
  pids+=($!); silo_pids+=($!); health_ports+=("$health_port")
  wait_for_tcp 127.0.0.1 "$gateway_port" 60 "Silo $i"
done

say "Starting the gateway on http://127.0.0.1:$http_port"
Admin__OperatorKey="$operator_key" Audit__AuditorKey="$auditor_key" RDS_HTTP_PORT=$http_port setsid dotnet "$(bin Gateway Rds.Gateway.dll)" >"$run/gateway.log" 2>&1 &
pids+=($!); gateway_pid=$!
wait_for_tcp 127.0.0.1 "$http_port" 60 "The gateway"

demo="$run/demo.ndjson"
if [ ! -f "$data/demo-loaded" ]; then
  say "Loading a demo registry of $count domains"
  dotnet "$(bin Tools rds-tools.dll)" generate --seed 42 --count "$count" --output "$demo" --truth "$run/demo-truth.json"
  RDS_OPERATOR_KEY="$operator_key" dotnet "$(bin Tools rds-tools.dll)" import --file "$demo" --gateway "http://127.0.0.1:$http_port"
  touch "$data/demo-loaded"
fi

# A demo requestor: an accredited CERT whose contact data is pseudonymised, with one open case and a fresh key.
base="http://127.0.0.1:$http_port"
say "Registering the demo requestor demo-cert and opening its case DEMO-1"
curl -fsS -o /dev/null -X PUT "$base/admin/requestors/demo-cert" -H "Authorization: Bearer $operator_key" -H 'Content-Type: application/json' -d '{
  "name": "Demo CERT", "kind": "cert", "accreditingBody": "Demo Accreditation Authority", "accreditedUntil": "2099-12-31T00:00:00Z",
  "purposes": {"criminalInvestigationAndDNSAbuse": ["Registrant Email", "Tech Email", "Registry Registrant ID", "Registrant Phone"], "dnsTransparency": []},
  "pseudonymise": true }'
[ -s "$run/demo-key-id" ] && curl -fsS -o /dev/null -X DELETE "$base/admin/requestors/demo-cert/keys/$(cat "$run/demo-key-id")" -H "Authorization: Bearer $operator_key" || true
issued=$(curl -fsS -X POST "$base/admin/requestors/demo-cert/keys" -H "Authorization: Bearer $operator_key")
demo_key=$(echo "$issued" | grep -o '"apiKey":"[^"]*"' | cut -d'"' -f4)
echo "$issued" | grep -o '"keyId":"[^"]*"' | cut -d'"' -f4 >"$run/demo-key-id"
curl -sS -o /dev/null -X POST "$base/cases" -H "Authorization: Bearer $demo_key" -H 'Content-Type: application/json' -d '{
  "caseId": "DEMO-1", "purpose": "criminalInvestigationAndDNSAbuse", "legalBasis": "gdpr-6-1-f",
  "evidence": ["https://reports.example/phish/demo"], "retentionDays": 30, "confidential": false }'
(umask 077; cat >"$run/demo-headers" <<HEADERS
Authorization: Bearer $demo_key
RDS-Purpose: criminalInvestigationAndDNSAbuse
RDS-Legal-Basis: gdpr-6-1-f
RDS-Case: DEMO-1
RDS-Justification: Demo: domains reported in a phishing campaign against a bank
RDS-Evidence: https://reports.example/phish/demo
RDS-Elements: Registrant Email, Tech Email
RDS-Agreement: 2026-12
HEADERS
)

names=$(grep -o '"domainName":"[^"]*"' "$demo" 2>/dev/null | cut -d'"' -f4 | awk 'NR<=3 || /^xn--/' | head -n 4)
# A small provider's nameserver (the big hosts are shared by too many domains to be a good first example).
nameserver=$(grep -o '"nameservers":\[{"name":"[^"]*"' "$demo" | cut -d'"' -f6 | sort | uniq -c | sort -n | awk '$1 >= 3 {print $2; exit}')
# Its first glue address, for the nameserver search by IP, and a registrar's IANA ID, its RDAP entity handle.
nameserver_ip=$(grep -o "\"name\":\"${nameserver:-ns1.cloudhost.example}\",\"ipv4\":\[\"[^\"]*\"" "$demo" 2>/dev/null | head -n 1 | cut -d'"' -f8 || true)
registrar_id=$(grep -o '"ianaId":"[0-9]*"' "$demo" 2>/dev/null | head -n 1 | cut -d'"' -f4 || true)
campaign_domain=$(grep -A 40 '"campaigns"' "$run/demo-truth.json" 2>/dev/null | grep -o '"[a-z0-9-]*[0-9]\.\(example\|test\)"' | head -n 1 | tr -d '"' || true)
email=$(grep -o '"email":"[^"]*"' "$demo" 2>/dev/null | head -n 1 | cut -d'"' -f4 || true)
h="-H @$run/demo-headers"
cat <<MSG

Orleans.Rds is running with $silos silo(s). Logs: deploy/.run/{azurite,silo-N,gateway}.log. Ctrl-C stops everything.
A silo stopped with kill -TERM <pid> leaves gracefully (its grains deactivate and persist); silo pids: ${silo_pids[*]}.

Every data request carries the demo requestor's API key and its statement of purpose (case DEMO-1, registrant
and tech emails asked for; demo-cert is pseudonymised, so those come back as keyed pseudonyms). They are in
deploy/.run/demo-headers, which curl reads with -H @file.

Try RDAP lookups:
$(for n in $names; do echo "  curl $h $base/rdap/domain/$n"; done)
  curl $base/rdap/help

Search domains by nameserver (name, prefix pattern, or glue IP), with the total count and paging links:
  curl $h "$base/rdap/domains?nsLdhName=${nameserver:-ns1.cloudhost.example}&count=true"
  curl $h "$base/rdap/domains?nsLdhName=${nameserver%%.*}*"

Reverse search by a registrant email (RFC 9536) and by organisation:
  curl $h "$base/rdap/domains/reverse_search/entity?email=${email:-someone@example.com}&role=registrant"
  curl $h "$base/rdap/domains/reverse_search/entity?rds_org=Example%20Holdings"

Look up a nameserver and a registrar, and search nameservers by glue IP or name prefix:
  curl $h $base/rdap/nameserver/${nameserver:-ns1.cloudhost.example}
  curl $h $base/rdap/entity/${registrar_id:-292}
  curl $h "$base/rdap/nameservers?ip=${nameserver_ip:-192.0.2.1}&count=true"
  curl $h "$base/rdap/nameservers?name=${nameserver%.*}*"

Pivot from a planted campaign's domain, streamed as NDJSON:
  curl -N -X POST $base/pivots $h -H 'Content-Type: application/json' \\
    -d '{"seedDomains":["${campaign_domain:-$(echo "$names" | head -n 1)}"],"follow":["NameserverName","NameserverIp","RegistrantOrganization","RegistrantEmail"],"maxDepth":2,"fanOutCap":200}'

The audit trail of those requests (auditor key in deploy/.run/auditor-key):
  curl -H "Authorization: Bearer \$(cat deploy/.run/auditor-key)" "$base/audit/requestors/demo-cert?case=DEMO-1"
  curl -H "Authorization: Bearer \$(cat deploy/.run/auditor-key)" $base/audit/requestors/demo-cert/verify

The Orleans Dashboard (grains, calls, silos; any silo shows the whole cluster) and Prometheus metrics:
  http://127.0.0.1:${health_ports[0]}/dashboard/
  curl $base/metrics
$(for p in "${health_ports[@]}"; do echo "  curl http://127.0.0.1:$p/metrics"; done)

Operator endpoints take the key in deploy/.run/operator-key:
  curl -H "Authorization: Bearer \$(cat deploy/.run/operator-key)" $base/admin/requestors/demo-cert
  curl -X DELETE -H "Authorization: Bearer \$(cat deploy/.run/operator-key)" $base/admin/domains/<name>
  dotnet Tools/bin/Release/net10.0/rds-tools.dll import --file FILE --gateway $base   # with RDS_OPERATOR_KEY set

MSG
# Silos may come and go (a stopped silo's grains move to the others); Azurite or the gateway stopping ends the run.
wait -n "$azurite_pid" "$gateway_pid" || true
echo "A process stopped unexpectedly; see deploy/.run/*.log"
