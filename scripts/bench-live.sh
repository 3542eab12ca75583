#!/usr/bin/env bash
# Live fan-out: starts the dashboard (Release, development viewer, aggregator off) on a database of the demo cluster
# and opens real Chromium pages on it with the bench-live verb, which prints app and PostgreSQL CPU, the app's memory
# and the updates each page received. Options before the verb's own:
#   --database panda_bench (default panda_db)   --app path/to/DarkSide.Monitor.dll (default: this checkout's build)
# e.g. scripts/bench-live.sh --database panda_bench --viewers 30 --distinct 1 --seconds 60
# --light N adds N browserless Blazor circuits to the Chromium pages (this machine holds about 60 pages).
# --verb bench-browser instead measures the browser's long tasks per live refresh of one page, e.g.
#   scripts/bench-live.sh --verb bench-browser --path /jobs --seconds 60 --touch 20
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

database=panda_db
app=DarkSide.Monitor/bin/Release/net10.0/DarkSide.Monitor.dll
verb=bench-live
while [ $# -gt 0 ]; do
    case "$1" in
        --database) database=$2; shift 2 ;;
        --app) app=$2; shift 2 ;;
        --verb) verb=$2; shift 2 ;;
        *) break ;;
    esac
done

datadir=$(pg_demo_datadir)
[ -f "$datadir/PG_VERSION" ] || { echo "No demo database in $datadir; run ./run.sh once first."; exit 2; }
if [ -f "$datadir/postmaster.pid" ]; then
    PG_PORT=$(sed -n 4p "$datadir/postmaster.pid")
else
    pg_start "$datadir"
    trap pg_stop EXIT
fi

if [ "$app" = DarkSide.Monitor/bin/Release/net10.0/DarkSide.Monitor.dll ]; then
    dotnet build DarkSide.Monitor/DarkSide.Monitor.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
fi
dotnet build DarkSide.Monitor.Demo/DarkSide.Monitor.Demo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

applog=${TMPDIR:-/tmp}/bench-live-app.log  # the app's warnings and errors, for after the run
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
db="Host=127.0.0.1;Port=$PG_PORT;Database=$database"
ASPNETCORE_ENVIRONMENT=Development Iam__Mode=DevelopmentViewer Rollups__Enabled=false \
    ConnectionStrings__Panda="$db;Username=panda_reader" ConnectionStrings__Monitor="$db;Username=monitor" \
    Logging__LogLevel__Default=Warning dotnet "$app" --urls "http://127.0.0.1:$port" >"$applog" 2>&1 &
app_pid=$!
trap 'kill $app_pid 2>/dev/null || true; pg_stop' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done

if [ "$verb" = bench-browser ]; then
    ConnectionStrings__PandaAdmin="$db;Username=postgres" \
        dotnet DarkSide.Monitor.Demo/bin/Release/net10.0/DarkSide.Monitor.Demo.dll bench-browser \
        --url "http://127.0.0.1:$port" "$@"
else
    dotnet tool restore >/dev/null  # dotnet-gcdump measures the app's live heap
    dotnet DarkSide.Monitor.Demo/bin/Release/net10.0/DarkSide.Monitor.Demo.dll bench-live \
        --url "http://127.0.0.1:$port" --app-pid "$app_pid" --panda "$db;Username=panda_reader" "$@"
fi
echo "The app's warnings and errors: $applog ($(grep -c -E '^(warn|fail|crit):' "$applog" || true) entries)"
