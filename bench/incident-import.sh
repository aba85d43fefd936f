#!/usr/bin/env bash
# Incident import on both engines:
#   bench/incident-import.sh [INCIDENTS=5000000] [--reimport]
# Generates a Policie ČR CSV (fixed seed, ~1.3 type rows per incident, positions over Prague;
# kept in $TMPDIR for later runs), then runs okrsek_bench_incident_import (the demo town's
# layers, then a fresh import with spatial assignment) on a SQLite file and on a throw-away
# PostgreSQL 15 cluster on loopback. $OKRSEK_BUILD_DIR names an existing build folder to use
# instead of building the release preset.
set -euo pipefail
cd "$(dirname "$0")/.."
export OKRSEK_BENCH_INCIDENTS="${1:-5000000}"
extra="${2:-}"
source bench/lib/pg-cluster.sh

build="${OKRSEK_BUILD_DIR:-}"
if [[ -z "$build" ]]; then
  cmake --preset release >/dev/null
  build=build/release
fi
cmake --build "$build" --target okrsek_bench_incident_import >/dev/null
bench="$build/bench/okrsek_bench_incident_import"

tmp=$(mktemp -d)
cleanup() {
  pg_cluster_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
pg_cluster_start

echo "== SQLite"
OKRSEK_BENCH_DB="$tmp/incidents.db" /usr/bin/time -f "peak memory: %M KiB" "$bench" $extra
echo "== PostgreSQL 15 (loopback)"
pg_create_database incidents
OKRSEK_BENCH_DB="$PG_URI_BASE/incidents" /usr/bin/time -f "peak memory: %M KiB" "$bench" $extra
