#!/usr/bin/env bash
# Runs DarkSide.Monitor with demo data on a fresh Debian machine with the .NET SDK.
# Installs PostgreSQL if missing, keeps a private cluster in .data/ (reused on the next run), seeds 30 days of
# DarkSide-20k jobs when the database is empty, starts the live simulator and the dashboard, and stops all of it on Ctrl-C.
# Settings: DEMO_DAYS (30), DEMO_JOBS_PER_DAY (20000), DEMO_SEED (20), MONITOR_PORT (first free from 5157).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

datadir=$(pg_demo_datadir)

pids=()
ready=0
# Ctrl-C at any point stops everything started so far and ends the script there, also while it is still starting.
# The servers run in sessions of their own, so the terminal's Ctrl-C reaches this script alone: a running server is
# asked to stop (it finishes its requests); one still starting is ended outright, since a .NET host told to stop
# while it starts reports "Hosting failed to start" with a stack trace.
stop() {
    trap - INT TERM EXIT
    echo; echo "Stopping DarkSide.Monitor..."
    local signal=KILL
    [ "$ready" = 1 ] && signal=TERM
    for pid in "${pids[@]}"; do kill -s "$signal" "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    pg_stop
    exit "${1:-0}"
}
trap 'stop 130' INT TERM
trap stop EXIT

pg_start "$datadir"
pg_create_database panda_db

echo "Building DarkSide.Monitor and its demo tools..."
dotnet build DarkSide.Monitor.Demo/DarkSide.Monitor.Demo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
app=DarkSide.Monitor/bin/Release/net10.0/DarkSide.Monitor.dll
demo=DarkSide.Monitor.Demo/bin/Release/net10.0/DarkSide.Monitor.Demo.dll
db="Host=127.0.0.1;Port=$PG_PORT;Database=panda_db"

export ConnectionStrings__PandaAdmin="$db;Username=postgres"
dotnet "$demo" seed --if-empty --reader-role panda_reader \
    --days "${DEMO_DAYS:-30}" --jobs-per-day "${DEMO_JOBS_PER_DAY:-20000}" --seed "${DEMO_SEED:-20}"
setsid dotnet "$demo" simulate --interval-seconds 5 > "$datadir/../simulator.log" 2>&1 &
pids+=($!)
unset ConnectionStrings__PandaAdmin

port="${MONITOR_PORT:-$(pg_free_port 5157)}"
iam_port="${DEVIAM_PORT:-$(pg_free_port $((port + 1)))}"

# The development IAM: a local stand-in for vo.darkside.org that signs in the demo users (printed below).
dotnet build DarkSide.DevIam/DarkSide.DevIam.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
ASPNETCORE_ENVIRONMENT=Development DevIam__Clients__0__ClientId=darkside-monitor DevIam__Clients__0__Profile=Wlcg \
    DevIam__Clients__0__RedirectUris__0="http://127.0.0.1:$port/signin-oidc" \
    setsid dotnet DarkSide.DevIam/bin/Release/net10.0/DarkSide.DevIam.dll --urls "http://127.0.0.1:$iam_port" &
pids+=($!)

ASPNETCORE_ENVIRONMENT=Development Iam__Authority="http://127.0.0.1:$iam_port/" Iam__ClientId=darkside-monitor \
    Iam__ClientSecret=dev-secret Iam__RequireHttpsMetadata=false \
    ConnectionStrings__Panda="$db;Username=panda_reader" ConnectionStrings__Monitor="$db;Username=monitor" \
    setsid dotnet "$app" --urls "http://127.0.0.1:$port" &
pids+=($!)

for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && { ready=1; break; }
    sleep 1
done
if [ "$ready" != 1 ]; then
    echo "DarkSide.Monitor did not answer http://127.0.0.1:$port/healthz within 60 s; its messages are above." >&2
    exit 1
fi
echo
echo "DarkSide.Monitor is running: http://127.0.0.1:$port/   (Ctrl-C stops the dashboard, the development IAM, the simulator and PostgreSQL)"
echo "Sign in through the development IAM (http://127.0.0.1:$iam_port/) as one of (user / password):"
echo "  shifter / shifter    member: sees blind jobs only as \"blinded\""
echo "  analyst / analyst    member + /darkside/blind: sees blind data"
echo "  admin / admin        member + /darkside/admins: admin views"
echo "  outsider / outsider  not a member: is turned away"
wait -n "${pids[@]}"
