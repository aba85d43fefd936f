#!/usr/bin/env bash
# okrsek backup / restore of the demo town on SQLite and on a throw-away PostgreSQL 15 cluster
# on loopback (durable settings):
#   bench/backup.sh [BUILD_DIR=build/release]
# BUILD_DIR is configured as a Release build when it is not yet; the script builds
# okrsek_bench_backup in it.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
source bench/lib/pg-cluster.sh

[[ -f "$build/CMakeCache.txt" ]] ||
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target okrsek_bench_backup >/dev/null
bench="$build/bench/okrsek_bench_backup"

tmp=$(mktemp -d)
cleanup() {
  pg_cluster_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
pg_cluster_start

echo "== backup / restore: SQLite"
OKRSEK_BENCH_DB="$tmp/source.db" OKRSEK_BENCH_RESTORE_DB="$tmp/target.db" "$bench" \
  --benchmark_counters_tabular=true
echo "== backup / restore: PostgreSQL 15 (loopback)"
pg_create_database bench_source
pg_create_database bench_target
OKRSEK_BENCH_DB="$PG_URI_BASE/bench_source" OKRSEK_BENCH_RESTORE_DB="$PG_URI_BASE/bench_target" \
  "$bench" --benchmark_counters_tabular=true
