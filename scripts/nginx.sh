#!/usr/bin/env bash
# Debian's nginx, the reverse proxy in front of two monitor instances in the replica test. Sourced, not executed.
# Only the binary is used: the test writes its own configuration and runs nginx as its own process on loopback.

nginx_ensure() {
    NGINX_PATH=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; })
    if [ -z "$NGINX_PATH" ]; then
        echo "[nginx] installing Debian's nginx package" >&2
        local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
        # policy-rc.d 101: the package must not start the system-wide nginx on port 80.
        local policy=""
        if [ ! -e /usr/sbin/policy-rc.d ]; then
            policy=/usr/sbin/policy-rc.d
            printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy"
        fi
        $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx >&2
        local status=$?
        [ -n "$policy" ] && $sudo rm -f "$policy"
        [ "$status" -eq 0 ] || { echo "[nginx] could not install nginx with apt-get" >&2; return 1; }
        NGINX_PATH=/usr/sbin/nginx
    fi
}
