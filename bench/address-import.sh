#!/usr/bin/env bash
# RÚIAN address import on both engines:
#   bench/address-import.sh [ROWS=3000000]
# Generates a whole-country-sized RÚIAN file (windows-1250, fixed seed; kept in $TMPDIR for
# later runs), then runs okrsek_bench_address_import (read only, fresh import, re-import of
# every town, for_each_address) on a SQLite file and on a throw-away PostgreSQL 15 cluster on
# loopback (durable settings). $OKRSEK_BUILD_DIR names an existing build folder to use instead
# of building the release preset.
set -euo pipefail
cd "$(dirname "$0")/.."
export OKRSEK_BENCH_ADDRESS_ROWS="${1:-3000000}"
source bench/lib/pg-cluster.sh

build="${OKRSEK_BUILD_DIR:-}"
if [[ -z "$build" ]]; then
  cmake --preset release >/dev/null
  build=build/release
fi
cmake --build "$build" --target okrsek_bench_address_import >/dev/null
bench="$build/bench/okrsek_bench_address_import"

tmp=$(mktemp -d)
cleanup() {
  pg_cluster_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
pg_cluster_start

echo "== SQLite"
OKRSEK_BENCH_DB="$tmp/addresses.db" /usr/bin/time -f "peak memory: %M KiB" "$bench" \
  --benchmark_counters_tabular=true
echo "== PostgreSQL 15 (loopback)"
pg_create_database addresses
OKRSEK_BENCH_DB="$PG_URI_BASE/addresses" /usr/bin/time -f "peak memory: %M KiB" "$bench" \
  --benchmark_counters_tabular=true
