#!/usr/bin/env bash
# Public statistics table requests per second over HTTP (issue 7), on both engines:
#   bench/http-statistics.sh [INCIDENTS=1000000] [SECONDS=10] [CONNECTIONS=16]
# Makes the demo town (Praha: 57 city parts, 226 districts) on a SQLite file and on a
# throw-away PostgreSQL 15 cluster on loopback, imports INCIDENTS generated Policie ČR incidents
# (fixed seed, positions over Praha, 2024–2025, 1–3 types of a 3-level code list), starts
# `okrsek serve` with the rate limit off, and runs wrk with bench/http-statistics.lua: the
# district × top-category × month table with the year-earlier comparison, published through
# the suppression rules, a new category selection per request (so neither the client nor the
# server's answer cache has it), then the public page's first requests (answered from the
# server's cache). The first request builds the in-memory snapshot (timed separately).
# okrsek, PostgreSQL and wrk share this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."
incidents="${1:-1000000}"
seconds="${2:-10}"
connections="${3:-16}"
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

python3 - "$incidents" "$tmp" <<'EOF'
import json, random, sys
n, folder = int(sys.argv[1]), sys.argv[2]
rng = random.Random(20251123)
types = []
for top in range(1, 9):
    types.append({"id": top * 100, "parent_id1": None, "nazev": {"cs": f"SKUPINA {top}"}})
    for child in range(1, 6):
        types.append({"id": top * 100 + child, "parent_id1": top * 100,
                      "nazev": {"cs": f"druh {top}.{child}"}})
json.dump({"polozky": types}, open(f"{folder}/types.json", "w"))
leaves = [t["id"] for t in types if t["parent_id1"] is not None]
with open(f"{folder}/incidents.csv", "w") as out:
    out.write("id,x,y,mp,date,state,relevance,types\n")
    for i in range(n):
        x = rng.gauss(14.44, 0.08); y = rng.gauss(50.08, 0.04)
        date = f"{rng.choice((2024, 2025))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00+01:00"
        for t in rng.sample(leaves, rng.choice((1, 1, 1, 2, 3))):
            out.write(f"{i},{x:.6f},{y:.6f},FALSE,{date},1,4,{t}\n")
EOF

run() {  # run NAME DATABASE
  local name=$1 db=$2 url=
  "$bin" --db "$db" --log-level warn demo >/dev/null
  "$bin" --db "$db" --log-level warn import crime-codes "$tmp/types.json" >/dev/null
  /usr/bin/time -f "$name import: %e s, peak memory %M KiB" \
    "$bin" --db "$db" --log-level warn import incidents "$tmp/incidents.csv" >/dev/null
  "$bin" --db "$db" --secret-key-file "$tmp/server.key" --log-level warn serve --listen 127.0.0.1:0 --threads "$server_threads" \
    --rate-limit 0 --reports-worker off --refresh-seconds 0 >"$tmp/serve-$name.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve-$name.log" || true)
    [[ -n "$url" ]] && break
    sleep 0.1
  done
  [[ -n "$url" ]] || { cat "$tmp/serve-$name.log" >&2; exit 1; }
  echo "== $name: $incidents incidents, okrsek $server_threads thread(s), wrk 2 threads, $connections connections, ${seconds}s"
  curl -fsS -o /dev/null -w "first request (builds the snapshot): %{time_total} s\n" \
    "$url/api/v1/statistics/table?town=554782&level=district&bucket=month"
  echo "-- random tables (a new selection per request: built, hardly ever from the cache)"
  STATS_MODE=random wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/http-statistics.lua "$url"
  echo "-- the public page's first requests (meta, default table, district map: from the cache)"
  STATS_MODE=page wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/http-statistics.lua "$url"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

run SQLite "$tmp/stats.db"
pg_cluster_start
pg_create_database stats
run PostgreSQL "$PG_URI_BASE/stats"
