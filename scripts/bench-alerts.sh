#!/usr/bin/env bash
# One evaluation of every default alert rule, timed per rule, with its statements' time inside PostgreSQL and any
# sequential scan of a job table: on the demo database that ./run.sh seeded, or with --database panda_bench on the
# 10-million-job one that scripts/bench-usage.sh seeds. Uses the running demo cluster if there is one.
# Other arguments go to the bench-alerts verb, e.g.: scripts/bench-alerts.sh --database panda_bench --runs 7
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

database=panda_db
if [ "${1:-}" = "--database" ]; then database=$2; shift 2; fi

datadir=$(pg_demo_datadir)
[ -f "$datadir/PG_VERSION" ] || { echo "No demo database in $datadir; run ./run.sh once first."; exit 2; }
if [ -f "$datadir/postmaster.pid" ]; then
    PG_PORT=$(sed -n 4p "$datadir/postmaster.pid")
else
    pg_start "$datadir"
    trap pg_stop EXIT
fi

dotnet build DarkSide.Monitor.Demo/DarkSide.Monitor.Demo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
db="Host=127.0.0.1;Port=$PG_PORT;Database=$database"
ConnectionStrings__Panda="$db;Username=panda_reader" ConnectionStrings__Monitor="$db;Username=monitor" \
    dotnet DarkSide.Monitor.Demo/bin/Release/net10.0/DarkSide.Monitor.Demo.dll bench-alerts "$@"
