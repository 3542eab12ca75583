#!/usr/bin/env bash
# The alerting servers the demo and the tests run on loopback: Debian's Prometheus Alertmanager, and smtp4dev (an SMTP
# server with a web inbox, a dotnet tool pinned in dotnet-tools.json). Sourced, not executed.

alertmanager_ensure() {
    ALERTMANAGER_PATH=$(command -v prometheus-alertmanager || true)
    if [ -z "$ALERTMANAGER_PATH" ]; then
        echo "[alertmanager] installing Debian's prometheus-alertmanager package" >&2
        local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
        # policy-rc.d 101: the package must not start a system-wide Alertmanager on port 9093.
        local policy=""
        if [ ! -e /usr/sbin/policy-rc.d ]; then
            policy=/usr/sbin/policy-rc.d
            printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy"
        fi
        $sudo apt-get update -qq >&2 \
            && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq prometheus-alertmanager >&2
        local status=$?
        [ -n "$policy" ] && $sudo rm -f "$policy"
        [ "$status" -eq 0 ] || { echo "[alertmanager] could not install prometheus-alertmanager" >&2; return 1; }
        ALERTMANAGER_PATH=/usr/bin/prometheus-alertmanager
    fi
}

smtp4dev_ensure() {
    dotnet tool restore >/dev/null || { echo "[smtp4dev] dotnet tool restore failed" >&2; return 1; }
}
