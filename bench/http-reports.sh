#!/usr/bin/env bash
# Citizen report submissions per second over HTTP (issue 6), photos off, on both engines:
#   bench/http-reports.sh [SECONDS=10] [CONNECTIONS=16]
# Builds the release binary if needed, makes the demo town on a SQLite file and on a throw-away
# PostgreSQL 15 cluster on loopback (durable settings), starts `okrsek serve` on 127.0.0.1 with
# the request and report rate limits off and the background workers off, takes a pre-session
# CSRF token as a browser would, and runs wrk with bench/http-reports.lua (every request a new
# report with an e-mail contact: routing, sealed contact, history, audit and a queued
# confirmation e-mail in one transaction). okrsek, PostgreSQL and wrk share this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
connections="${2:-16}"
server_threads="${SERVER_THREADS:-2}"
source bench/lib/pg-cluster.sh

source bench/lib/okrsek-bin.sh

tmp=$(mktemp -d)
pid=
cleanup() {
  [[ -n "$pid" ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  pg_cluster_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
"$bin" key generate "$tmp/server.key" >/dev/null

run() {  # run NAME DATABASE
  local name=$1 db=$2 url=
  "$bin" --db "$db" --secret-key-file "$tmp/server.key" --log-level warn demo >/dev/null
  "$bin" --db "$db" --secret-key-file "$tmp/server.key" --log-level warn serve \
    --listen 127.0.0.1:0 --threads "$server_threads" --rate-limit 0 --reports-per-ip-hour 0 \
    --reports-per-email-day 0 --reports-worker off --refresh-seconds 0 \
    >"$tmp/serve-$name.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve-$name.log" || true)
    [[ -n "$url" ]] && break
    sleep 0.1
  done
  [[ -n "$url" ]] || { cat "$tmp/serve-$name.log" >&2; exit 1; }
  local csrf cookie
  csrf=$(curl -fsS -c "$tmp/cookies" "$url/api/v1/auth/csrf" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
  cookie=$(awk '$6 ~ /csrf/ {print $6 "=" $7}' "$tmp/cookies")
  # One report by hand first: the script fails loudly if the API refuses the request.
  curl -fsS -o /dev/null -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
    -H "Cookie: $cookie" --data '{"lon":14.4375,"lat":50.0755,"address_text":"náměstí Míru",
    "category":"vandalism","description":"Kontrolní hlášení před měřením.","lang":"cs"}' \
    "$url/api/v1/reports"
  echo "== $name: okrsek $server_threads thread(s), wrk 2 threads, $connections connections, ${seconds}s"
  OKRSEK_CSRF="$csrf" OKRSEK_COOKIE="$cookie" \
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/http-reports.lua "$url" |
    tee "$tmp/wrk-$name.txt"
  # A refused request is not a submission: the run counts only when every answer was 2xx.
  if grep -q 'Non-2xx' "$tmp/wrk-$name.txt"; then
    echo "bench/http-reports.sh: $name: some requests were refused (see above)" >&2
    exit 1
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

run SQLite "$tmp/demo.db"
pg_cluster_start
pg_create_database demo
run PostgreSQL "$PG_URI_BASE/demo"
