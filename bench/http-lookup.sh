#!/usr/bin/env bash
# Load test of GET /api/v1/lookup on loopback with wrk (Debian package "wrk"), bounded in time.
#   bench/http-lookup.sh [SECONDS=10] [CONNECTIONS=64]
# Builds the release binary if needed, makes a demo database in a temporary folder, starts
# `okrsek serve` on 127.0.0.1 (rate limit off) and prints wrk's throughput and latency
# percentiles. Both okrsek and wrk run on this machine, so they share its cores.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
connections="${2:-64}"
server_threads="${SERVER_THREADS:-2}"
wrk_threads="${WRK_THREADS:-2}"

source bench/lib/okrsek-bin.sh

tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
"$bin" --db "$tmp/demo.db" demo >/dev/null
"$bin" --db "$tmp/demo.db" --log-level warn serve --listen 127.0.0.1:0 --rate-limit 0 \
  --threads "$server_threads" >"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve.log" || true)
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || { cat "$tmp/serve.log" >&2; exit 1; }
curl -fsS "$url/api/v1/lookup?lon=14.4213&lat=50.0875" >/dev/null

echo "okrsek $server_threads thread(s), wrk $wrk_threads thread(s), $connections connections, ${seconds}s"
wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" --latency -s bench/http-lookup.lua "$url"
