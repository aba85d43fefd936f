# shellcheck shell=bash
# A throw-away PostgreSQL 15 cluster for benchmarks: pg_cluster_start sets PG_URI_BASE
# (postgresql://postgres@127.0.0.1:PORT) and registers nothing; call pg_cluster_stop on exit.
# As root the server runs as user postgres (initdb refuses root).
PG_BIN="${OKRSEK_PG_BIN:-/usr/lib/postgresql/15/bin}"

_pg_as_owner() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_cluster_start() {
  [[ -x "$PG_BIN/initdb" ]] || { echo "no $PG_BIN/initdb: scripts/install-deps --test" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/okrsek-bench-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  [[ $(id -u) == 0 ]] && chown postgres "$PG_DIR"
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  _pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-locale \
    --no-sync >"$PG_DIR/initdb.log" 2>&1
  # Durable settings (fsync on) so the numbers are those of a real server.
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR" start >/dev/null
  PG_URI_BASE="postgresql://postgres@127.0.0.1:$PG_PORT"
}

pg_create_database() {
  "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE $1"
}

pg_cluster_stop() {
  [[ -n "${PG_DIR:-}" ]] || return 0
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=
}
