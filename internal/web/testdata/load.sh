#!/usr/bin/env bash
# Web load figures for docs/performance.md ("Web (issue 7)"), in one run so
# that they can be quoted as ratios: recording exercise outcomes (POST
# /api/v1/sessions/ID/events) and page GETs against a bare net/http handler,
# with wrk on loopback (50 connections, 2 threads, bounded in time), and the
# server's peak memory. Needs wrk (apt-get install wrk). Usage:
#   bash internal/web/testdata/load.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
secs=${1:-10}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/unhunch" ./cmd/unhunch
go build -o "$work/bare" ./internal/web/testdata/bare
ls -l "$work/unhunch" | awk '{print "binary bytes:", $5}'
"$work/unhunch" serve --data-dir "$work/data" --addr 127.0.0.1:18181 >/dev/null 2>"$work/serve.log" &
serve=$!
"$work/bare" 127.0.0.1:18182 &
for _ in $(seq 50); do curl -sf http://127.0.0.1:18181/healthz >/dev/null && break; sleep 0.1; done
B=http://127.0.0.1:18181
J='Content-Type: application/json'
answers=$(curl -sf $B/api/v1/screenings/questions | python3 -c 'import json,sys; print(json.dumps({"answers": {q["id"]: False for q in json.load(sys.stdin)}}))')
curl -sf -XPOST $B/api/v1/screenings -H "$J" -d "$answers" >/dev/null
ids=()
for i in $(seq 50); do
  ids+=("$(curl -sf -XPOST $B/api/v1/sessions -H "$J" -H "Idempotency-Key: load-$i" -d '{"routine_id":"posture-support","pain_before":3}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')")
done
cat >"$work/events.lua" <<LUA
local ids = {$(printf '"%s",' "${ids[@]}")}
-- posture-support's exercises: each event names the one planned at its
-- index, at its starting dose, with times of now (events are checked
-- against their session).
local exercises = {"thoracic-extension", "wall-angels", "chin-tucks", "scapular-squeezes", "doorway-pec-stretch", "cat-cow", "thread-the-needle"}
local n = 0
request = function()
  n = n + 1
  local id = ids[(n % #ids) + 1]
  local t = os.time()
  local body = string.format('{"type":"exercise","index":%d,"exercise_id":"%s","outcome":"done","amount":{},"seconds":60,"started_at":"%s","ended_at":"%s"}',
    n % 7, exercises[(n % 7) + 1], os.date("!%Y-%m-%dT%H:%M:%SZ", t - 60), os.date("!%Y-%m-%dT%H:%M:%SZ", t))
  return wrk.format("POST", "/api/v1/sessions/" .. id .. "/events", {["Content-Type"] = "application/json"}, body)
end
LUA
run() { # name url [script]
  local extra=()
  [ -n "${3:-}" ] && extra=(-s "$3")
  local out; out=$(wrk -t2 -c50 -d"${secs}s" --latency "${extra[@]}" "$2")
  local rps p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $4}')
  printf '%-28s %10s req/s   p99 %8s   non-2xx %s\n' "$1" "$rps" "$p99" "${non2xx:-0}"
}
run "bare net/http" http://127.0.0.1:18182/
run "events (POST, durable)" "$B/api/v1/sessions/${ids[0]}/events" "$work/events.lua"
run "GET /exercises/chin-tucks" "$B/exercises/chin-tucks"
run "GET /safety" "$B/safety"
run "GET / (home, reads journal)" "$B/"
run "bare net/http (again)" http://127.0.0.1:18182/
echo "server peak memory (VmHWM): $(awk '/VmHWM/ {print $2, $3}' /proc/$serve/status)"
echo "server memory now (VmRSS):  $(awk '/VmRSS/ {print $2, $3}' /proc/$serve/status)"
rows=$(python3 - "$work/data/unhunch.db" <<'PY'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("select count(*) from performances").fetchone()[0])
PY
)
echo "performances in the journal: $rows (50 sessions x 7 indexes at most: every write replaced its index)"
echo "page weight:"
home=$(curl -sf $B/ | wc -c)
assets=0
for a in $(curl -sf $B/ | grep -o '/assets/[a-z]*\.[0-9a-f]*\.[a-z]*' | sort -u); do assets=$((assets + $(curl -sf "$B$a" | wc -c))); done
echo "  home html $home bytes + assets $assets bytes = $((home + assets)) bytes"
js=0
for a in $(curl -sf $B/play/quick-daily-reset | grep -o '/assets/[a-z]*\.[0-9a-f]*\.js' | sort -u); do js=$((js + $(curl -sf "$B$a" | wc -c))); done
echo "  JavaScript on the player page: $js bytes (plus sw.js $(curl -sf $B/sw.js | wc -c) bytes)"
