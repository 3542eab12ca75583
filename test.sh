#!/usr/bin/env bash
# Runs every test of DarkSide.Monitor on a fresh Debian machine with the .NET SDK:
# installs what is missing (PostgreSQL, Chromium, nginx, helm, Alertmanager, smtp4dev), starts a throwaway PostgreSQL cluster, runs `dotnet test`,
# and ends with one line "N passed, M failed". Extra arguments go to `dotnet test` (e.g. --filter ...).
set -uo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh
source scripts/chromium.sh
source scripts/nginx.sh
source scripts/helm.sh
source scripts/alerting.sh

work=$(mktemp -d /tmp/darkside-monitor-test.XXXXXX)
chmod 755 "$work"
cleanup() { pg_stop; rm -rf "$work"; }
trap cleanup EXIT

pg_start "$work/pg" throwaway || { echo "0 passed, 0 failed"; exit 1; }
chromium_ensure || { echo "0 passed, 0 failed"; exit 1; }
nginx_ensure || { echo "0 passed, 0 failed"; exit 1; }
helm_ensure || { echo "0 passed, 0 failed"; exit 1; }
alertmanager_ensure || { echo "0 passed, 0 failed"; exit 1; }
smtp4dev_ensure || { echo "0 passed, 0 failed"; exit 1; }

export DARKSIDE_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Timeout=30;Command Timeout=300"
export DARKSIDE_TEST_CHROMIUM="$CHROMIUM_PATH"
export DARKSIDE_TEST_NGINX="$NGINX_PATH"
export DARKSIDE_TEST_HELM="$HELM_PATH"
export DARKSIDE_TEST_ALERTMANAGER="$ALERTMANAGER_PATH"
export DARKSIDE_TEST_LOGS="${DARKSIDE_TEST_LOGS:-$work/logs}"

# Release: the apps the browser tests start run from this build, and the suite is bound by their CPU on 2 cores.
dotnet test Monitor.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$work/results" "$@"
status=$?

passed=0; failed=0
for trx in "$work"/results/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    passed=$((passed + $(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')))
    failed=$((failed + $(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')))
done
if [ "$failed" -ne 0 ]; then
    # The apps the browser tests ran: their errors often explain a failed browser check.
    for log in "$DARKSIDE_TEST_LOGS"/*.log; do
        [ -f "$log" ] || continue
        case "$log" in
            */chromium-*) errors=$(tail -n 100 "$log") ;;
            *) errors=$(grep -A 12 -E '^(fail|crit): ' "$log" | head -n 200) ;;
        esac
        [ -n "$errors" ] && printf '\n--- errors logged by %s ---\n%s\n' "$(basename "$log")" "$errors"
    done
    # Last, so that a CI log's tail names the failed tests whatever the apps logged above.
    echo; echo "--- failed tests ---"
    for trx in "$work"/results/*.trx; do
        [ -f "$trx" ] && perl -0777 -ne '
            while (/<UnitTestResult\b[^>]*?testName="([^"]*)"[^>]*?outcome="Failed"[^>]*>(.*?)<\/UnitTestResult>/sg) {
                my ($name, $body) = ($1, $2);
                my ($message) = $body =~ /<Message>(.*?)<\/Message>/s;
                $message = defined $message ? $message =~ s/\s+/ /gr : "";
                $_ = "$name: " . substr($message, 0, 400);
                s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/\x27/g; s/&amp;/&/g;
                print "$_\n";
            }' "$trx"
    done
fi
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && echo "dotnet test exited with $status before any test failed (build or runner error; see above)."
echo "$passed passed, $failed failed"
exit "$status"
