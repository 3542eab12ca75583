#!/usr/bin/env bash
# Private PostgreSQL clusters for the demo (run.sh) and the test suite (test.sh). Sourced, not executed.
# The cluster listens only on 127.0.0.1 and a socket inside its own folder; it never touches a system cluster.

pg_log() { echo "[postgres] $*" >&2; }

# Finds PostgreSQL's server binaries, installing Debian's package when none are present.
pg_find_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
    done
    pg_log "PostgreSQL server not found; installing Debian's postgresql package"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2 || {
        pg_log "could not install postgresql with apt-get; install it and run again"; return 1; }
    # Debian's package starts a system cluster we do not use.
    $sudo service postgresql stop >/dev/null 2>&1 || true
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
    done
    return 1
}

# PostgreSQL refuses to run as root: as root, run its tools as the postgres user.
pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_free_port() {
    local port
    for port in $(seq "${1:-55432}" 65000); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
    done
    return 1
}

# pg_start DATADIR [fsync]: creates the cluster if needed, starts it on a free port, sets PG_PORT and PG_DATADIR.
# The demo cluster's folder: .data/pg in the checkout, or, when root runs a checkout the postgres user cannot
# enter (e.g. under /root), a folder under /var/lib/darkside-monitor keyed by the checkout's path.
pg_demo_datadir() {
    local datadir="$PWD/.data/pg"
    if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$PWD"; then
        datadir="/var/lib/darkside-monitor/$(echo "$PWD" | md5sum | cut -c1-12)/pg"
        mkdir -p "$(dirname "$datadir")" && chmod 755 "$(dirname "$datadir")" "$(dirname "$(dirname "$datadir")")"
    fi
    echo "$datadir"
}

pg_start() {
    local datadir="$1" durable="${2:-durable}" bindir
    bindir=$(pg_find_bindir) || return 1
    PG_BINDIR="$bindir"; PG_DATADIR="$datadir"
    mkdir -p "$datadir"
    if [ "$(id -u)" -eq 0 ]; then
        chown -R postgres:postgres "$datadir"
        runuser -u postgres -- test -w "$datadir" || {
            pg_log "the postgres user cannot reach $datadir (a parent folder is not traversable)"; return 1; }
    fi
    chmod 700 "$datadir"
    if [ ! -f "$datadir/PG_VERSION" ]; then
        pg_log "creating cluster in $datadir"
        pg_as_owner "$bindir/initdb" -D "$datadir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
    fi
    if pg_as_owner "$bindir/pg_ctl" -D "$datadir" status >/dev/null 2>&1; then
        pg_log "the cluster in $datadir is already running (port $(sed -n 4p "$datadir/postmaster.pid")); is another ./run.sh still running? Stop it first."
        PG_DATADIR=""; return 1
    fi
    PG_PORT=$(pg_free_port) || { pg_log "no free local port"; return 1; }
    local opts="-p $PG_PORT -k $datadir -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_connections=200"
    opts="$opts -c max_wal_size=4GB -c checkpoint_timeout=30min -c work_mem=32MB -c maintenance_work_mem=512MB"
    # The test cluster is thrown away, so durability only costs time there.
    [ "$durable" = "throwaway" ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    pg_as_owner "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -o "$opts" -w -t 60 start >/dev/null || {
        pg_log "server did not start; see $datadir/server.log"; return 1; }
    pg_log "running on 127.0.0.1:$PG_PORT"
}

pg_stop() {
    [ -n "${PG_DATADIR:-}" ] && [ -f "$PG_DATADIR/postmaster.pid" ] || return 0
    pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_DATADIR" -m fast -w stop >/dev/null 2>&1 || true
}

pg_psql() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

# Roles the app uses: panda_reader may only read PanDA's schemas; monitor owns the monitor's own schema.
pg_create_database() {
    local db="$1"
    pg_psql -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'panda_reader') THEN CREATE ROLE panda_reader LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'monitor') THEN CREATE ROLE monitor LOGIN; END IF;
END \$\$;
SELECT 'CREATE DATABASE $db' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db') \gexec
SQL
    pg_psql -d "$db" -c "GRANT CREATE ON DATABASE $db TO monitor;"
}
