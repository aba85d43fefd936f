#!/usr/bin/env bash
# Storage and multi-server benchmarks on both engines:
#   bench/storage.sh [WRK_SECONDS=10] [CONNECTIONS=64]
# 1. okrsek_bench_store (Google Benchmark) on a SQLite file and on a throw-away PostgreSQL 15
#    cluster on loopback (durable settings);
# 2. `okrsek demo` into a fresh database, timed, on both;
# 3. GET /api/v1/lookup under wrk against TWO okrsek servers sharing the PostgreSQL database
#    (one wrk per server at once; the sum is what a load balancer in front would see).
# Everything runs on this machine, so okrsek, PostgreSQL and wrk share its cores.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
connections="${2:-64}"
source bench/lib/pg-cluster.sh

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cmake --preset release >/dev/null
cmake --build --preset release --target okrsek okrsek_bench_store >/dev/null
bin=build/release/src/okrsek
bench=build/release/bench/okrsek_bench_store

tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  pg_cluster_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
pg_cluster_start

echo "== store benchmarks: SQLite"
OKRSEK_BENCH_DB="$tmp/bench.db" "$bench" --benchmark_counters_tabular=true
echo "== store benchmarks: PostgreSQL 15 (loopback)"
pg_create_database bench
OKRSEK_BENCH_DB="$PG_URI_BASE/bench" "$bench" --benchmark_counters_tabular=true

echo "== okrsek demo into a fresh database"
/usr/bin/time -f "SQLite:     %e s" "$bin" --db "$tmp/demo.db" --log-level warn demo >/dev/null
pg_create_database demo
/usr/bin/time -f "PostgreSQL: %e s" "$bin" --db "$PG_URI_BASE/demo" --log-level warn demo >/dev/null

echo "== two servers on one PostgreSQL database, wrk on each at once"
urls=()
for n in 1 2; do
  "$bin" --db "$PG_URI_BASE/demo" --log-level warn serve --listen 127.0.0.1:0 --rate-limit 0 \
    --threads 1 >"$tmp/serve$n.log" 2>&1 &
  pids+=($!)
  url=
  for _ in $(seq 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve$n.log" || true)
    [[ -n "$url" ]] && break
    sleep 0.1
  done
  [[ -n "$url" ]] || { cat "$tmp/serve$n.log" >&2; exit 1; }
  curl -fsS "$url/api/v1/health" >/dev/null
  urls+=("$url")
done
half=$((connections / 2))
wrk -t1 -c"$half" -d"${seconds}s" --latency -s bench/http-lookup.lua "${urls[0]}" >"$tmp/wrk1.txt" &
first=$!
wrk -t1 -c"$half" -d"${seconds}s" --latency -s bench/http-lookup.lua "${urls[1]}" >"$tmp/wrk2.txt"
wait "$first"
for n in 1 2; do echo "-- server $n"; cat "$tmp/wrk$n.txt"; done
awk '/Requests\/sec/ {sum += $2} END {printf "total: %.0f requests/s over two servers\n", sum}' \
  "$tmp/wrk1.txt" "$tmp/wrk2.txt"
