#!/usr/bin/env bash
# Issue 16's web figures for docs/performance.md, in one run so that they
# can be quoted as ratios: every GET of the API and the pages, and recording
# exercise outcomes (POST /api/v1/sessions/ID/events), each against a bare
# net/http handler measured in the same run, with wrk on loopback (50
# connections, 2 threads, bounded in time), on SQLite and on a throwaway
# PostgreSQL 15 server. Requests ask for gzip as browsers do. Needs wrk, and
# root for PostgreSQL (skipped otherwise). Usage:
#   bash internal/web/testdata/speed.sh [SECONDS] [sqlite|postgres|both]
# With ONLY_POST=1 only the recording row is measured; PG_OPTS adds
# settings to PostgreSQL's command line (e.g. PG_OPTS="-c fsync=off").
set -euo pipefail
cd "$(dirname "$0")/../../.."
secs=${1:-3}
engines=${2:-both}
work=$(mktemp -d)
pgdir=""
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  if [ -n "$pgdir" ]; then
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
go build -o "$work/unhunch" ./cmd/unhunch
go build -o "$work/bare" ./internal/web/testdata/bare
"$work/bare" 127.0.0.1:18182 &
BARE=http://127.0.0.1:18182/
J='Content-Type: application/json'

wrkrun() { # url [script] -> "rps p99 non2xx"
  local extra=()
  [ -n "${2:-}" ] && extra=(-s "$2")
  local out; out=$(wrk -t2 -c50 -d"${secs}s" --latency -H 'Accept-Encoding: gzip' "${extra[@]}" "$1")
  local rps p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "$rps $p99 ${non2xx:-0}"
}

serve() { # engine
  local port=$1 db=$2
  if [ -n "$db" ]; then
    UNHUNCH_DB="$db" "$work/unhunch" serve --data-dir "$work/data-$port" --addr 127.0.0.1:$port >/dev/null 2>"$work/serve-$port.log" &
  else
    "$work/unhunch" serve --data-dir "$work/data-$port" --addr 127.0.0.1:$port >/dev/null 2>"$work/serve-$port.log" &
  fi
  for _ in $(seq 100); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && return; sleep 0.1; done
  echo "serve did not start:"; cat "$work/serve-$port.log"; exit 1
}

measure() { # engine port
  local engine=$1 port=$2
  local B=http://127.0.0.1:$port
  local answers
  answers=$(curl -sf $B/api/v1/screenings/questions | python3 -c 'import json,sys; print(json.dumps({"answers": {q["id"]: False for q in json.load(sys.stdin)}}))')
  curl -sf -XPOST $B/api/v1/screenings -H "$J" -d "$answers" >/dev/null
  local ids=()
  for i in $(seq 50); do
    ids+=("$(curl -sf -XPOST $B/api/v1/sessions -H "$J" -H "Idempotency-Key: load-$i" -d '{"routine_id":"posture-support","pain_before":3}' |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')")
  done
  # A saved result is never rewritten: each request is a new attempt at one
  # of the 50 sessions' 7 exercises (each thread its own attempt numbers).
  cat >"$work/events.lua" <<LUA
local ids = {$(printf '"%s",' "${ids[@]}")}
local exercises = {"thoracic-extension", "wall-angels", "chin-tucks", "scapular-squeezes", "doorway-pec-stretch", "cat-cow", "thread-the-needle"}
local threads = 0
setup = function(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
local n = -1
request = function()
  n = n + 1
  local slot = n % 350
  local index = math.floor(slot / 50)
  local id = ids[(slot % 50) + 1]
  local attempt = math.floor(n / 350) * 2 + tid + 1
  local t = os.time()
  local body = string.format('{"type":"exercise","index":%d,"attempt":%d,"exercise_id":"%s","outcome":"done","amount":{},"seconds":60,"started_at":"%s","ended_at":"%s"}',
    index, attempt, exercises[index + 1], os.date("!%Y-%m-%dT%H:%M:%SZ", t - 60), os.date("!%Y-%m-%dT%H:%M:%SZ", t))
  return wrk.format("POST", "/api/v1/sessions/" .. id .. "/events", {["Content-Type"] = "application/json"}, body)
end
response = function(status, headers, body)
  if status ~= 200 and not shown then
    shown = true
    io.stderr:write("first non-200: " .. status .. " " .. body .. "\n")
  end
end
LUA
  local sid=${ids[0]}
  local paths=(
    /healthz /readyz /api/v1/openapi.json /api/v1/exercises /api/v1/exercises/chin-tucks /api/v1/aside
    /api/v1/routines /api/v1/routines/quick-daily-reset /api/v1/routines/posture-support
    "/api/v1/plan?minutes=15" /api/v1/screenings/questions /api/v1/gate /api/v1/sessions
    /api/v1/sessions/$sid /api/v1/progress
    / /exercises /exercises/chin-tucks /exercises/chin-tucks/figure.svg /exercises/illustrations
    /routines /routines/posture-support /play/quick-daily-reset "/plan?minutes=15" /history /progress
    /safety /screen /settings /manifest.webmanifest /sw.js
  )
  local first; first=$(curl -sf $B/ | grep -o '/assets/[a-z]*\.[0-9a-f]*\.css' | head -1 || true)
  [ -n "$first" ] && paths+=("$first")
  local frame; frame=$(curl -sf $B/exercises/chin-tucks | grep -o '/exercises/chin-tucks/frames/[a-z0-9-]*' | head -1 || true)
  [ -n "$frame" ] && paths+=("$frame")
  echo "### $engine"
  echo
  echo "Each row's bare handler ran just before it, for the same time; the ratio is to that run."
  echo
  echo "| request | status | bytes sent (gzip) | req/s | p99 | bare req/s | vs bare |"
  echo "|---|---|---|---|---|---|---|"
  local brps bp99 rps p99 non
  read -r brps bp99 _ < <(wrkrun $BARE)
  read -r rps p99 non < <(wrkrun "$B/api/v1/sessions/$sid/events" "$work/events.lua")
  printf '| `POST /api/v1/sessions/ID/events` (exercise outcome, durable) | non-2xx: %s | | %s | %s | %s | %.2f× |\n' "$non" "$rps" "$p99" "$brps" "$(echo "$rps / $brps" | bc -l)"
  if [ -n "${ONLY_POST:-}" ]; then echo; return; fi
  for p in "${paths[@]}"; do
    local code size
    code=$(curl -s -o "$work/body" -w '%{http_code}' -H 'Accept-Encoding: gzip' "$B$p")
    size=$(wc -c <"$work/body")
    read -r brps bp99 _ < <(wrkrun $BARE)
    read -r rps p99 non < <(wrkrun "$B$p")
    printf '| `GET %s` | %s | %s | %s | %s | %s | %.2f× |\n' "${p/$sid/ID}" "$code" "$size" "$rps" "$p99" "$brps" "$(echo "$rps / $brps" | bc -l)"
  done
  echo
}

if [ "$engines" = sqlite ] || [ "$engines" = both ]; then
  serve 18181 ""
  measure SQLite 18181
  kill %2 2>/dev/null || true
fi
if { [ "$engines" = postgres ] || [ "$engines" = both ]; } && [ "$(id -u)" = 0 ] && [ -x /usr/lib/postgresql/15/bin/initdb ]; then
  PGBIN=/usr/lib/postgresql/15/bin
  pgdir=$(mktemp -d); chown postgres:postgres "$pgdir"
  runuser -u postgres -- $PGBIN/initdb -D "$pgdir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- $PGBIN/pg_ctl -D "$pgdir/data" -l "$pgdir/pg.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p 54339 -k $pgdir ${PG_OPTS:-}" start >/dev/null
  serve 18183 "postgres://postgres@127.0.0.1:54339/postgres?sslmode=disable"
  measure "PostgreSQL 15 (fsync on)" 18183
fi
