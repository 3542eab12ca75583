#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright cannot download its own browsers here). Sourced, not executed.

chromium_ensure() {
    if ! command -v chromium >/dev/null 2>&1; then
        echo "[chromium] installing Debian's chromium package" >&2
        local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2 || {
            echo "[chromium] could not install chromium with apt-get" >&2; return 1; }
    fi
    CHROMIUM_PATH=$(command -v chromium)
}
