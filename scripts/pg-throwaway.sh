#!/usr/bin/env bash
# pg-throwaway.sh start|stop — throwaway PostgreSQL 15 for tests (recipe: /work/shared/STACK-NOTES.md §3).
#
#   start  (re)creates a fresh cluster in $PGROOT, listening on 127.0.0.1:$PGPORT only, with database
#          orgdesk_test, and prints  DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/orgdesk_test
#          as the only line on stdout (all other output goes to stderr), e.g.
#            export "$(bash scripts/pg-throwaway.sh start | tail -n1)"
#   stop   stops it and deletes $PGROOT. Idempotent: does nothing (exit 0) if nothing is running.
#
# Meant for a root shell (CI): the server runs as the 'postgres' OS user via runuser, because Postgres refuses to
# run as root. As a non-root user it runs the binaries as yourself (postgresql-15 must then already be installed).
# Env: PGPORT (default 55432), PGROOT (default /tmp/pgci-$PGPORT; parents must be traversable by 'postgres'; keep it
# short because of the unix-socket path limit).
set -euo pipefail

PGBIN=/usr/lib/postgresql/15/bin
PGPORT=${PGPORT:-55432}
PGROOT=${PGROOT:-/tmp/pgci-$PGPORT}
DBNAME=orgdesk_test

is_root() { [ "$(id -u)" = 0 ]; }
as_pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }
log() { echo "pg-throwaway: $*" >&2; }

stop_server() {
  if [ -f "$PGROOT/data/postmaster.pid" ] && [ -x "$PGBIN/pg_ctl" ]; then
    if as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1; then
      log "stopping server on port $PGPORT"
      as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w -t 30 stop >&2
    fi
  fi
  rm -rf "$PGROOT"
}

case "${1:-}" in
start)
  if [ ! -x "$PGBIN/postgres" ]; then
    is_root || { log "$PGBIN/postgres is missing and installing postgresql-15 needs root"; exit 1; }
    log "installing postgresql-15 via apt"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  fi
  if is_root; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  # A leftover server from an earlier run would otherwise lose its data dir under its feet.
  stop_server
  mkdir -p "$PGROOT"
  if is_root; then chown postgres:postgres "$PGROOT"; fi
  as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGROOT/initdb.log" 2>&1 \
    || { cat "$PGROOT/initdb.log" >&2; exit 1; }
  if ! as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 30 \
      -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >&2; then
    log "server failed to start; server.log follows"
    cat "$PGROOT/server.log" >&2 || true
    exit 1
  fi
  "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$DBNAME" >&2
  log "PostgreSQL $("$PGBIN/postgres" -V | awk '{print $3}') ready on 127.0.0.1:$PGPORT (data in $PGROOT)"
  echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/$DBNAME"
  ;;
stop)
  stop_server
  ;;
*)
  echo "usage: $0 start|stop" >&2
  exit 2
  ;;
esac
