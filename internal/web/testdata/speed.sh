#!/usr/bin/env bash
# Issue 16's web figures for docs/performance.md, in one run so that they
# can be quoted as ratios: every GET of the API and the pages, and recording
# exercise outcomes (POST /api/v1/sessions/ID/events), each against a bare
# net/http handler measured in the same run, with wrk on loopback (50
# connections, 2 threads, bounded in time), on SQLite and on a throwaway
# PostgreSQL 15 server. Requests ask for gzip as browsers do. Needs wrk, and
# root for PostgreSQL (skipped otherwise). Usage:
#   bash internal/web/testdata/speed.sh [SECONDS] [sqlite|postgres|both]
# With ONLY_POST=1 only the recording rows are measured; PG_OPTS adds
# settings to PostgreSQL's command line (e.g. PG_OPTS="-c fsync=off").
# ACCOUNTS=1 then makes an account (users add --adopt, so that it owns the
# sessions already started), a script token (tokens create) and a sign-in
# cookie (the account's sign-in link, opened with curl), and measures the
# recording POST and every GET again as that person, once with the bearer
# token and once with the cookie. BEFORE=BINARY measures the same rows with
# another build of unhunch too (e.g. main's), on its own database, right
# after ours: the "before" of a change. STATS=1 (PostgreSQL) loads
# pg_stat_statements and prints, after each recording run, the statements
# the server ran per request. PROFILE=DIR builds this build with Go's
# profiler (testdata/profiled) and keeps a CPU profile of the server during
# each recording run in DIR, with its top functions printed, and during each
# GET run (DIR/get-PATH-WHO.pprof, not printed). PATHS="/a /b"
# measures those GETs only. PORT=N serves on N to N+2 and N+10 to N+12
# (18181 when unset; profilers 1000 above) and PostgreSQL on PORT+36158,
# so that two runs on one machine do not meet.
#
# The journal the GETs read is a realistic one: the recording rows write
# their thousands of attempts into 50 sessions of their own, started first;
# then, before the GET rows, 60 sessions are played to the end as a person
# would (7 exercise outcomes, one attempt each, and a finish: seed, with the
# bearer token under ACCOUNTS=1), so that the lists (/api/v1/sessions shows
# the 50 newest, /history the 20 newest) and /api/v1/sessions/ID hold those,
# not sessions of hundreds of attempts.
#
# Each GET row has two floors, both run just before it: the bare handler's
# 47-byte page ("vs bare": the strict reading of PRODUCT.md §8), and, for a
# response of 1 KB or more, the bare handler answering the same number of
# bytes, gzipped when ours was, with about the same headers (bare/main.go,
# /?size=N&gzip=1: "vs same bytes": the floor of moving that many bytes
# over loopback, where wrk and both servers share the two cores).
set -euo pipefail
cd "$(dirname "$0")/../../.."
secs=${1:-3}
PORT=${PORT:-18181}
PGPORT=$((PORT + 36158))
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
if [ -n "${PROFILE:-}" ]; then
  mkdir -p "$PROFILE"
  go build -o "$work/unhunch" ./internal/web/testdata/profiled
else
  go build -o "$work/unhunch" ./cmd/unhunch
fi
go build -o "$work/bare" ./internal/web/testdata/bare
"$work/bare" 127.0.0.1:$((PORT + 1)) &
BARE=http://127.0.0.1:$((PORT + 1))/
J='Content-Type: application/json'
PSQL=/usr/lib/postgresql/15/bin/psql

wrkrun() { # url [script] [header] -> "rps p99 non2xx requests"
  local extra=()
  [ -n "${2:-}" ] && extra+=(-s "$2")
  [ -n "${3:-}" ] && extra+=(-H "$3")
  local out; out=$(wrk -t2 -c50 -d"${secs}s" --latency -H 'Accept-Encoding: gzip' "${extra[@]}" "$1")
  local rps p99 non2xx n
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$rps $p99 ${non2xx:-0} $n"
}

serve() { # binary port db: starts a server, its pid in $served
  local bin=$1 port=$2 db=$3
  local prof=()
  [ -z "${PROFILE:-}" ] || prof=(env UNHUNCH_PPROF=127.0.0.1:$((port + 1000)))
  if [ -n "$db" ]; then
    UNHUNCH_DB="$db" "${prof[@]}" "$bin" serve --data-dir "$work/data-$port" --addr 127.0.0.1:$port >/dev/null 2>"$work/serve-$port.log" &
  else
    "${prof[@]}" "$bin" serve --data-dir "$work/data-$port" --addr 127.0.0.1:$port >/dev/null 2>"$work/serve-$port.log" &
  fi
  served=$!
  for _ in $(seq 100); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && return; sleep 0.1; done
  echo "serve did not start:"; cat "$work/serve-$port.log"; exit 1
}

# events writes a wrk script recording outcomes at the 50 sessions: a saved
# result is never rewritten, so each request is a new attempt at one of the
# sessions' 7 exercises (each thread its own attempt numbers, from base on).
events() { # file base header ids... (header: "" or "Name: value")
  local file=$1 base=$2 header=$3; shift 3
  local hname="" hvalue=""
  [ -z "$header" ] || { hname=${header%%: *}; hvalue=${header#*: }; }
  cat >"$file" <<LUA
local ids = {$(printf '"%s",' "$@")}
local headers = {["Content-Type"] = "application/json"}
if "$hname" ~= "" then headers["$hname"] = "$hvalue" end
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
  local attempt = $base + math.floor(n / 350) * 2 + tid + 1
  local t = os.time()
  local body = string.format('{"type":"exercise","index":%d,"attempt":%d,"exercise_id":"%s","outcome":"done","amount":{},"seconds":60,"started_at":"%s","ended_at":"%s"}',
    index, attempt, exercises[index + 1], os.date("!%Y-%m-%dT%H:%M:%SZ", t - 60), os.date("!%Y-%m-%dT%H:%M:%SZ", t))
  return wrk.format("POST", "/api/v1/sessions/" .. id .. "/events", headers, body)
end
response = function(status, headers, body)
  if status ~= 200 and not shown then
    shown = true
    io.stderr:write("first non-200: " .. status .. " " .. body .. "\n")
  end
end
LUA
}

stats_reset() { [ -n "${STATS:-}" ] && [ -n "${pgdb:-}" ] && $PSQL -h "$pgdir" -p $PGPORT -U postgres -qAt -c 'SELECT pg_stat_statements_reset()' >/dev/null || true; }
stats_show() { # requests
  [ -n "${STATS:-}" ] && [ -n "${pgdb:-}" ] || return 0
  echo
  echo "Statements per request ($1 requests), database $pgdb:"
  echo
  $PSQL -h "$pgdir" -p $PGPORT -U postgres -qAt -F ' | ' -c "SELECT round(calls::numeric / $1, 3), round(mean_exec_time::numeric, 3) || ' ms', regexp_replace(left(query, 110), '\s+', ' ', 'g') FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '$pgdb') AND calls >= $1 / 50 ORDER BY calls DESC LIMIT 15" | sed 's/^/    /'
  echo
}

row() { # label url script header sized: one row against a bare run just before it
  local label=$1 url=$2 script=${3:-} header=${4:-} sized=${5:-}
  local brps bp99 rps p99 non n code size profiling="" profiler="" srps="" same="—" sratio="—"
  read -r brps bp99 _ _ < <(wrkrun $BARE)
  # The bare handler sending as many bytes as this row (a GET of 1 KB or more).
  if [ -n "$sized" ]; then
    read -r srps _ _ _ < <(wrkrun "$BARE?$sized")
    same=$srps
  fi
  stats_reset
  if [ -n "${PROFILE:-}" ] && [ -n "${pprof_port:-}" ]; then
    if [ -n "$script" ]; then
      profiling=$PROFILE/$(basename "$script" .lua).pprof
    else
      profiling=$PROFILE/get$(echo "${url#*//*/}-${header%%:*}" | tr -c 'A-Za-z0-9\n' '-').pprof
    fi
    curl -sf -o "$profiling" "http://127.0.0.1:$pprof_port/debug/pprof/profile?seconds=$((secs > 1 ? secs - 1 : 1))" &
    profiler=$!
  fi
  read -r rps p99 non n < <(wrkrun "$url" "$script" "$header")
  [ -z "$srps" ] || sratio=$(printf '%.2f×' "$(echo "$rps / $srps" | bc -l)")
  printf '| %s | %s | %s | %s | %s | %.2f× | %s | %s |\n' "$label" "$non" "$rps" "$p99" "$brps" "$(echo "$rps / $brps" | bc -l)" "$same" "$sratio"
  [ -z "$script" ] || stats_show "$n"
  if [ -n "$profiling" ]; then
    wait "$profiler" || true
    [ -n "$script" ] || return 0
    echo
    echo "CPU profile of the server ($profiling):"
    echo
    go tool pprof -top -nodecount=30 "$profiling" 2>/dev/null | sed 's/^/    /'
    echo
  fi
}

# seed plays count sessions of posture-support to the end, as a person
# would (each of its 7 exercises done once, then a finish with the pain
# after), and prints the id of the last (newest).
seed() { # base count header
  python3 - "$@" <<'PY'
import http.client, json, sys, time, urllib.parse
base, count, header = sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else ""
u = urllib.parse.urlsplit(base)
conn = http.client.HTTPConnection(u.hostname, u.port)
heads = {"Content-Type": "application/json"}
if header:
    k, v = header.split(": ", 1)
    heads[k] = v
def post(path, doc, extra={}):
    conn.request("POST", path, json.dumps(doc), {**heads, **extra})
    res = conn.getresponse()
    body = res.read()
    if res.status != 200 and res.status != 201:
        sys.exit(f"seed: {path}: {res.status} {body[:300]!r}")
    return json.loads(body)
exercises = ["thoracic-extension", "wall-angels", "chin-tucks", "scapular-squeezes", "doorway-pec-stretch", "cat-cow", "thread-the-needle"]
stamp = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
last = ""
for i in range(count):
    last = post("/api/v1/sessions", {"routine_id": "posture-support", "pain_before": 3}, {"Idempotency-Key": f"seed-{time.time_ns()}-{i}"})["id"]
    now = time.time()
    for index, ex in enumerate(exercises):
        post(f"/api/v1/sessions/{last}/events", {"type": "exercise", "index": index, "attempt": 1, "exercise_id": ex,
            "outcome": "done", "amount": {}, "started_at": stamp(now), "ended_at": stamp(now)})
    post(f"/api/v1/sessions/{last}/events", {"type": "finish", "status": "completed", "pain_after": 2})
print(last)
PY
}

# measure starts a server of binary on a new database and measures it.
measure() { # engine-label binary-label binary port db
  local engine=$1 label=$2 bin=$3 port=$4 db=$5
  serve "$bin" "$port" "$db"
  pprof_port=""; [ "$bin" != "$work/unhunch" ] || [ -z "${PROFILE:-}" ] || pprof_port=$((port + 1000))
  local B=http://127.0.0.1:$port
  local answers
  answers=$(curl -sf $B/api/v1/screenings/questions | python3 -c 'import json,sys; print(json.dumps({"answers": {q["id"]: False for q in json.load(sys.stdin)}}))')
  curl -sf -XPOST $B/api/v1/screenings -H "$J" -d "$answers" >/dev/null
  local ids=()
  for i in $(seq 50); do
    ids+=("$(curl -sf -XPOST $B/api/v1/sessions -H "$J" -H "Idempotency-Key: load-$i" -d '{"routine_id":"posture-support","pain_before":3}' |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')")
  done
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
  if [ -n "${PATHS:-}" ]; then read -r -a paths <<<"${PATHS//\{sid\}/$sid}"; fi
  echo "### $engine, $label"
  echo
  echo "Each row's bare handler ran just before it, for the same time; the ratio is to that run."
  echo "\"same bytes\": the bare handler answering as many bytes as the row, gzipped when it was."
  echo
  echo "| request | non-2xx | req/s | p99 | bare req/s | vs bare | same bytes req/s | vs same bytes |"
  echo "|---|---|---|---|---|---|---|---|"
  local P="POST /api/v1/sessions/ID/events"
  events "$work/events-$port-0.lua" 0 "" "${ids[@]}"
  row "\`$P\` (exercise outcome, durable), no accounts" "$B/api/v1/sessions/$sid/events" "$work/events-$port-0.lua"
  local who=() heads=()
  if [ -n "${ACCOUNTS:-}" ]; then
    local dbenv=(); [ -n "$db" ] && dbenv=(env UNHUNCH_DB="$db")
    local link token
    link=$("${dbenv[@]}" "$bin" users add speed --role person --adopt --json --url "$B" --data-dir "$work/data-$port" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["signin_url"])')
    token=$("${dbenv[@]}" "$bin" tokens create --user speed --json --data-dir "$work/data-$port" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
    # The link's page asks; its button POSTs to the same address (issue 17 follow-up).
    curl -sf -o /dev/null -c "$work/jar-$port" -d "" "$link"
    local cookie; cookie=$(awk '$6 == "unhunch_session" {print $7}' "$work/jar-$port")
    [ -n "$cookie" ] || { echo "no sign-in cookie"; exit 1; }
    who=("bearer token" "session cookie")
    heads=("Authorization: Bearer $token" "Cookie: unhunch_session=$cookie")
    # Each run a script of its own, with attempts and the header of its own
    # (a script's wrk.format leaves out wrk's -H headers).
    for k in 0 1; do
      events "$work/events-$port-$((k + 1)).lua" $(((k + 1) * 3000)) "${heads[$k]}" "${ids[@]}"
      row "\`$P\`, ${who[$k]}" "$B/api/v1/sessions/$sid/events" "$work/events-$port-$((k + 1)).lua" "${heads[$k]}"
    done
  fi
  if [ -z "${ONLY_POST:-}" ]; then
    # The GETs' journal: 60 sessions played to the end (see the header).
    local seeded
    seeded=$(seed "$B" 60 "${heads[0]:-}")
    local gets=()
    for p in "${paths[@]}"; do gets+=("${p//$sid/$seeded}"); done
    for p in "${gets[@]}"; do
      local code enc bytes sized=""
      # The status and the bytes sent (gzip), as the first caller gets them.
      code=$(curl -s -o /dev/null -D "$work/head" -w '%{http_code} %{size_download}' -H 'Accept-Encoding: gzip' ${heads[0]:+-H "${heads[0]}"} "$B$p")
      bytes=${code#* }; code=${code%% *}
      enc=$(grep -ci '^content-encoding: gzip' "$work/head" || true)
      [ "$bytes" -lt 1024 ] || sized="size=$bytes&gzip=$enc"
      code="$code, $bytes B"
      if [ -n "${ACCOUNTS:-}" ]; then
        for k in 0 1; do row "\`GET ${p/$seeded/ID}\` ($code), ${who[$k]}" "$B$p" "" "${heads[$k]}" "$sized"; done
      else
        row "\`GET ${p/$seeded/ID}\` ($code)" "$B$p" "" "" "$sized"
      fi
    done
  fi
  echo
  kill "$served" 2>/dev/null || true
  wait "$served" 2>/dev/null || true
}

# both measures ours, then BEFORE's if given, each on a database of its own.
both() { # engine-label port db-for-name
  local engine=$1 port=$2 dbfor=$3
  $dbfor ours
  measure "$engine" "this build" "$work/unhunch" "$port" "$dburl"
  if [ -n "${BEFORE:-}" ]; then
    $dbfor before
    measure "$engine" "before ($BEFORE)" "$BEFORE" "$((port + 10))" "$dburl"
  fi
}

sqlitedb() { dburl=""; }
if [ "$engines" = sqlite ] || [ "$engines" = both ]; then
  both SQLite $PORT sqlitedb
fi
pgdb=""
postgresdb() {
  pgdb=db_$1
  runuser -u postgres -- $PSQL -h "$pgdir" -p $PGPORT -U postgres -qAt -c "CREATE DATABASE $pgdb" >/dev/null
  dburl="postgres://postgres@127.0.0.1:$PGPORT/$pgdb?sslmode=disable"
}
if { [ "$engines" = postgres ] || [ "$engines" = both ]; } && [ "$(id -u)" = 0 ] && [ -x /usr/lib/postgresql/15/bin/initdb ]; then
  PGBIN=/usr/lib/postgresql/15/bin
  pgdir=$(mktemp -d); chown postgres:postgres "$pgdir"
  runuser -u postgres -- $PGBIN/initdb -D "$pgdir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  preload=""; [ -z "${STATS:-}" ] || preload="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
  runuser -u postgres -- $PGBIN/pg_ctl -D "$pgdir/data" -l "$pgdir/pg.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $pgdir $preload ${PG_OPTS:-}" start >/dev/null
  # The extension lives in the server's own database: a journal's must hold no other tables.
  [ -z "${STATS:-}" ] || $PSQL -h "$pgdir" -p $PGPORT -U postgres -qAt -c "CREATE EXTENSION pg_stat_statements" >/dev/null
  both "PostgreSQL 15${PG_OPTS:+ ($PG_OPTS)}" $((PORT + 2)) postgresdb
fi
