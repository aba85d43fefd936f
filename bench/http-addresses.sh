#!/usr/bin/env bash
# Load test of GET /api/v1/addresses on loopback with wrk, over a generated country of
# ADDRESSES address points (the one okrsek_bench_address_search uses), bounded in time:
#   bench/http-addresses.sh [SECONDS=10] [CONNECTIONS=64] [ADDRESSES=3000000]
# Writes the country as a RÚIAN CSV file (kept in $TMPDIR for later runs), imports it with
# `okrsek import addresses` into a SQLite file, starts `okrsek serve` (rate limit off), waits for
# the address index (its build time and size are logged), prints the server's resident memory
# and wrk's throughput and latency percentiles for a fixed mix of typed queries
# (http-addresses.lua). Both okrsek and wrk run on this machine, so they share its cores.
# $OKRSEK_BUILD_DIR names an existing build folder to use instead of the release preset.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
connections="${2:-64}"
addresses="${3:-3000000}"
server_threads="${SERVER_THREADS:-2}"
wrk_threads="${WRK_THREADS:-2}"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
build="${OKRSEK_BUILD_DIR:-}"
if [[ -z "$build" ]]; then
  cmake --preset release >/dev/null
  build=build/release
fi
cmake --build "$build" -j "${BUILD_JOBS:-2}" --target okrsek okrsek_bench_address_search >/dev/null
bin="$build/src/okrsek"

csv="${TMPDIR:-/tmp}/okrsek-bench-country-$addresses.csv"
if [[ ! -s "$csv" ]]; then
  echo "writing $csv"
  OKRSEK_BENCH_ADDRESSES="$addresses" "$build/bench/okrsek_bench_address_search" \
    --write-ruian "$csv.part"
  mv "$csv.part" "$csv"
fi

tmp=$(mktemp -d)
pid=
trap '[[ -n "$pid" ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; rm -rf "$tmp"' EXIT
"$bin" --db "$tmp/addresses.db" migrate >/dev/null
echo "== import"
"$bin" --db "$tmp/addresses.db" import addresses "$csv" 2>/dev/null | grep -E "^(files|time)"

# Every 300th row as street, number, town, part, postcode, town code: the lua script makes
# queries of them.
awk -F';' 'NR > 1 && NR % 300 == 0 {
  number = ($12 == "č.ev." ? "č.ev. " $13 : $13) ($14 != "" ? "/" $14 $15 : "")
  print ($11 != "" ? $11 : $9) "\t" number "\t" $3 "\t" $9 "\t" $16 "\t" $2 }' "$csv" \
  >"$tmp/sample.tsv"

"$bin" --db "$tmp/addresses.db" --log-level info serve --listen 127.0.0.1:0 --rate-limit 0 \
  --threads "$server_threads" >"$tmp/serve.log" 2>&1 &
pid=$!
url=
for _ in $(seq 600); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve.log" || true)
  [[ -n "$url" ]] && grep -q "address index:.*ready in" "$tmp/serve.log" && break
  sleep 0.1
done
grep -q "address index:.*ready in" "$tmp/serve.log" || { cat "$tmp/serve.log" >&2; exit 1; }
grep -o "address index:.*" "$tmp/serve.log"
echo "server resident memory: $(awk '/VmRSS/ {print $2 / 1024 " MiB"}' /proc/$pid/status)"
curl -fsS "$url/api/v1/addresses?q=nadrazni+1" >/dev/null

echo "== okrsek $server_threads thread(s), wrk $wrk_threads thread(s), $connections connections, ${seconds}s"
OKRSEK_BENCH_SAMPLE="$tmp/sample.tsv" wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" \
  --latency -s bench/http-addresses.lua "$url"
