#!/usr/bin/env bash
# The coordinator views' benchmark: seeds N jobs (default 10,000,000 over 365 days) into its own database
# (panda_bench) in the demo cluster, backfills the usage rollups, and prints the rollup vs direct-aggregate table.
# Arguments go to the bench-usage verb, e.g.: scripts/bench-usage.sh --jobs 1000000 --days 60, or --reuse.
# Needs ~2.6 GB of disk per million jobs; drop the database afterwards with: scripts/bench-usage.sh --drop
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

datadir=$(pg_demo_datadir)
mkdir -p "$(dirname "$datadir")"
if [ -f "$datadir/postmaster.pid" ]; then
    PG_PORT=$(sed -n 4p "$datadir/postmaster.pid")
else
    pg_start "$datadir"
    trap pg_stop EXIT
fi

if [ "${1:-}" = "--drop" ]; then
    pg_psql -d postgres -c "DROP DATABASE IF EXISTS panda_bench WITH (FORCE)"
    exit 0
fi

pg_create_database panda_bench
dotnet build DarkSide.Monitor.Demo/DarkSide.Monitor.Demo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
db="Host=127.0.0.1;Port=$PG_PORT;Database=panda_bench;Command Timeout=0"
ConnectionStrings__PandaAdmin="$db;Username=postgres" ConnectionStrings__Panda="$db;Username=panda_reader" \
    ConnectionStrings__Monitor="$db;Username=monitor" \
    dotnet DarkSide.Monitor.Demo/bin/Release/net10.0/DarkSide.Monitor.Demo.dll bench-usage "$@"
