#!/usr/bin/env bash
# Runs Orleans.Rds on this machine with one silo: Azurite, a silo and the gateway on loopback, a demo registry and
# a demo requestor, and prints curl lines to try. Ctrl-C stops everything. Options as deploy/run-cluster.sh:
#
#   deploy/run-local.sh [--fresh] [--count N]
exec "$(dirname "$0")/run-cluster.sh" 1 "$@"
