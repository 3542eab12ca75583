#!/usr/bin/env bash
# Runs DarkSide.Monitor with demo data on a fresh Debian machine with the .NET SDK.
# Installs PostgreSQL and Prometheus Alertmanager if missing, keeps a private cluster in .data/ (reused on the next run),
# seeds 30 days of DarkSide-20k jobs when the database is empty, starts the live simulator (with a site incident staged
# 3 minutes in), Alertmanager, smtp4dev (a mail server with a web inbox), a chat stand-in and the dashboard, and stops
# all of it on Ctrl-C.
# Settings: DEMO_DAYS (30), DEMO_JOBS_PER_DAY (20000), DEMO_SEED (20), MONITOR_PORT (first free from 5157),
# DEMO_INCIDENT_MINUTES (3; 0: no staged incident).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh
source scripts/alerting.sh

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

alertmanager_ensure
smtp4dev_ensure
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
incident=()
if [ "${DEMO_INCIDENT_MINUTES:-3}" != 0 ]; then
    incident=(--incident-after-minutes "${DEMO_INCIDENT_MINUTES:-3}" --incident-minutes 5 --incident-queue RAL-DS)
fi
setsid dotnet "$demo" simulate --interval-seconds 5 "${incident[@]}" > "$datadir/../simulator.log" 2>&1 &
pids+=($!)
unset ConnectionStrings__PandaAdmin

port="${MONITOR_PORT:-$(pg_free_port 5157)}"
iam_port="${DEVIAM_PORT:-$(pg_free_port $((port + 1)))}"

# Alerting: deploy/alertmanager's configuration with the demo's mail server and chat stand-in, and shorter waits.
alerting="$datadir/../alerting"
mkdir -p "$alerting"
am_port=$(pg_free_port 9093); smtp_port=$(pg_free_port 2525); inbox_port=$(pg_free_port 5080)
chat_port=$(pg_free_port 5090)
sed -e "s|smtp.example.org:25|127.0.0.1:$smtp_port|" -e "s|group_wait: 30s|group_wait: 10s|" \
    -e "s|https://mattermost.example.org/hooks/CHANGE-ME|http://127.0.0.1:$chat_port/hooks/demo|" \
    -e "s|group_interval: 5m|group_interval: 1m|" deploy/alertmanager/alertmanager.yml > "$alerting/alertmanager.yml"
setsid dotnet tool run smtp4dev -- --urls="http://127.0.0.1:$inbox_port" --smtpport="$smtp_port" \
    --bindaddress=127.0.0.1 --imapport=0 --pop3port=0 --db= --baseappdatapath="$alerting/smtp4dev" \
    > "$alerting/smtp4dev.log" 2>&1 &
pids+=($!)
setsid dotnet "$demo" chat-sink --port "$chat_port" > "$alerting/chat.log" 2>&1 &
pids+=($!)
setsid "$ALERTMANAGER_PATH" --config.file="$alerting/alertmanager.yml" --storage.path="$alerting/data" \
    --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= > "$alerting/alertmanager.log" 2>&1 &
pids+=($!)

# The development IAM: a local stand-in for vo.darkside.org that signs in the demo users (printed below).
dotnet build DarkSide.DevIam/DarkSide.DevIam.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
ASPNETCORE_ENVIRONMENT=Development DevIam__Clients__0__ClientId=darkside-monitor DevIam__Clients__0__Profile=Wlcg \
    DevIam__Clients__0__RedirectUris__0="http://127.0.0.1:$port/signin-oidc" \
    setsid dotnet DarkSide.DevIam/bin/Release/net10.0/DarkSide.DevIam.dll --urls "http://127.0.0.1:$iam_port" &
pids+=($!)

ASPNETCORE_ENVIRONMENT=Development Iam__Authority="http://127.0.0.1:$iam_port/" Iam__ClientId=darkside-monitor \
    Iam__ClientSecret=dev-secret Iam__RequireHttpsMetadata=false \
    ConnectionStrings__Panda="$db;Username=panda_reader" ConnectionStrings__Monitor="$db;Username=monitor" \
    Alerts__AlertmanagerUrl="http://127.0.0.1:$am_port" Alerts__MonitorUrl="http://127.0.0.1:$port/" \
    Alerts__EvaluationSeconds=15 Alerts__Rules__SiteFailureRate__For=1m Alerts__Rules__SiteFailureRate__Window=10m \
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
echo "  shifter / shifter    member + /darkside/shifters: sees blind jobs only as \"blinded\", silences alerts"
echo "  analyst / analyst    member + /darkside/blind: sees blind data"
echo "  admin / admin        member + /darkside/admins: admin views"
echo "  outsider / outsider  not a member: is turned away"
echo "Alerts: http://127.0.0.1:$port/alerts   Alertmanager: http://127.0.0.1:$am_port/"
echo "  mail to the shift (smtp4dev's inbox): http://127.0.0.1:$inbox_port/   chat stand-in: http://127.0.0.1:$chat_port/"
if [ "${#incident[@]}" -gt 0 ]; then
    echo "  In ${DEMO_INCIDENT_MINUTES:-3} minutes jobs at RAL-DS start failing for 5 minutes: the SiteFailureRate alert"
    echo "  goes pending, fires (a mail and a chat post), and resolves about 10 minutes after the incident ends."
fi
wait -n "${pids[@]}"
