#!/usr/bin/env bash
# Server-side time of the job list with its attribute summary, on the demo database that ./run.sh seeded, or with
# --database panda_bench on the 10-million-job one that scripts/bench-usage.sh seeds.
# Uses the running demo cluster if there is one, otherwise starts it for the measurement.
# Other arguments go to the bench-jobs verb, e.g.: scripts/bench-jobs.sh --runs 9 --query "hours=12&jobstatus=failed",
# or scripts/bench-jobs.sh --database panda_bench --views --runs 5 for the table of the usual views.
# --jobs N [--days D] first replaces panda_bench with N jobs (scripts/bench-usage.sh) and measures on it, e.g.
# scripts/bench-jobs.sh --jobs 10000000 --days 365 --views --runs 7
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

database=panda_db
seed=()
while [ $# -gt 0 ]; do
    case "$1" in
        --database) database=$2; shift 2 ;;
        --jobs|--days) seed+=("$1" "$2"); shift 2 ;;
        *) break ;;
    esac
done
if [ ${#seed[@]} -gt 0 ]; then
    # A database of that size, replacing panda_bench: bench-usage seeds it and backfills the rollups the summaries read.
    scripts/bench-usage.sh --drop
    scripts/bench-usage.sh "${seed[@]}" --runs 1
    database=panda_bench
fi

datadir=$(pg_demo_datadir)
[ -f "$datadir/PG_VERSION" ] || { echo "No demo database in $datadir; run ./run.sh once first."; exit 2; }
if [ -f "$datadir/postmaster.pid" ]; then
    PG_PORT=$(sed -n 4p "$datadir/postmaster.pid")
else
    pg_start "$datadir"
    trap pg_stop EXIT
fi

if [ ${#seed[@]} -gt 0 ]; then
    # PanDA's archived partitions are vacuumed; fresh from the seeder every index-only scan would visit the heap.
    pg_psql -d "$database" -c "VACUUM (ANALYZE)"
fi
dotnet build DarkSide.Monitor.Demo/DarkSide.Monitor.Demo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
db="Host=127.0.0.1;Port=$PG_PORT;Database=$database"
ConnectionStrings__Panda="$db;Username=panda_reader" ConnectionStrings__Monitor="$db;Username=monitor" \
    dotnet DarkSide.Monitor.Demo/bin/Release/net10.0/DarkSide.Monitor.Demo.dll bench-jobs "$@"
