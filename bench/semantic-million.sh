#!/usr/bin/env bash
# Search by meaning at a million posts (issue 23), on the community bench/run-all.sh or bench/lean.sh generated
# (target/bench-1000000), written to bench/results/<date>-semantic-million.md:
#   bench/semantic-million.sh
# 1. starts Townhall (bin/townhall, 512 MB heap, 1 GB buffer pool) with search by meaning on, and follows the
#    vectors the background computes while the site serves: questions with a vector every 30 s, until all have one
#    or BENCH_VECTOR_MINUTES (40) pass; the rate and what it projects for all questions are reported;
# 2. then searches and the ask page's suggestions one at a time, and searches at 32 connections (wrk, 20 s after
#    15 s of warm-up), with the vectors there are by then.
# wrk shares the machine's cores with Townhall and MariaDB: compare ratios, not absolutes.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
WORK=$ROOT/target/bench-1000000
DATA=$WORK/data
OUT=$WORK/out
PORT=7083
MINUTES=${BENCH_VECTOR_MINUTES:-40}
export BENCH_DIR
[ -d "$DATA/mariadb" ] || { echo "No community in $DATA: run bench/lean.sh 1000000:words or bench/run-all.sh first" >&2; exit 1; }
[ -s "$OUT/sessions.txt" ] || { echo "No $OUT/sessions.txt: run bench/lean.sh 1000000:words first" >&2; exit 1; }
. "$(dirname "$0")/jdk.sh" java
cd "$ROOT"
[ -f target/townhall.jar ] || ./mvnw -q -DskipTests package
RESULTS=bench/results/$(date +%F)-semantic-million.md

started=$(date +%s)
TOWNHALL_DATA_DIR=$DATA TOWNHALL_HEAP=512m TOWNHALL_DB_MEMORY=1G TOWNHALL_PORT=$PORT TOWNHALL_DEMO=false \
  TOWNHALL_SEARCH_VECTORS=true TOWNHALL_JAR=$ROOT/target/townhall.jar bin/townhall serve > "$WORK/semantic.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.1; done
sql() {
  "$DATA/mariadb/server/bin/mariadb" -h127.0.0.1 -P"$(cat "$DATA/mariadb/port")" -uroot -N -B townhall -e "$1"
}
QUESTIONS=$(sql "SELECT COUNT(*) FROM questions")
[ -s "$OUT/search-queries.txt" ] || sql "SELECT title FROM questions ORDER BY RAND() LIMIT 500" > "$OUT/search-queries.txt"
sed 's#^#/search?q=#; s# #+#g' "$OUT/search-queries.txt" > "$OUT/search-paths.txt"

{
  echo "# Search by meaning at a million posts: $(date -u '+%F %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, load average at the start $(cut -d' ' -f1-3 /proc/loadavg); $QUESTIONS questions."
  echo "Townhall through bin/townhall (512 MB heap, 1 GB buffer pool), search by meaning on."
  echo
  echo "## Vectors computed in the background while the site serves"
  echo
  echo "| minutes | questions with a vector | Townhall RSS MB |"
  echo "|---|---|---|"
} > "$RESULTS"
first=""; first_at=0; vectors=0
while :; do
  vectors=$(sql "SELECT COUNT(*) FROM question_vectors WHERE model = 'all-minilm-l6-v2-q'")
  now=$(date +%s)
  [ -z "$first" ] && { first=$vectors; first_at=$now; }
  echo "| $(( (now - started) / 60 )) | $vectors | $(( $(awk '/VmRSS/{print $2}' /proc/$SERVER/status) / 1024 )) |" | tee -a "$RESULTS"
  [ "$vectors" -ge "$QUESTIONS" ] && break
  [ $(( now - started )) -ge $(( MINUTES * 60 )) ] && break
  sleep 30
done
elapsed=$(( $(date +%s) - first_at ))
{
  echo
  grep -o "rebuilt from the database.*" "$WORK/semantic.log" | head -1 | sed 's/^/Index: /' || true
  if [ "$elapsed" -gt 0 ] && [ "$vectors" -gt "$first" ]; then
    rate=$(echo "scale=1; ($vectors - $first) / $elapsed" | bc)
    echo "Rate: $rate questions a second over $(( elapsed / 60 )) minutes; all $QUESTIONS questions at this rate:" \
      "$(echo "$QUESTIONS / $rate / 60" | bc) minutes."
  fi
  echo
  echo "## Search and suggestions with $vectors of $QUESTIONS questions having a vector"
  echo
  echo "| scenario | connections | result |"
  echo "|---|---|---|"
} >> "$RESULTS"
run() { # name connections script env...
  local name=$1 conns=$2 script=$3; shift 3
  env "$@" wrk -t1 -c"$conns" -d15s -s "$BENCH_DIR/wrk/$script" "http://127.0.0.1:$PORT" > /dev/null 2>&1 || true
  echo "| $name | $conns | $(env "$@" wrk -t$(( conns < 2 ? 1 : 2 )) -c"$conns" -d20s --timeout 5s -s "$BENCH_DIR/wrk/$script" \
    "http://127.0.0.1:$PORT" | grep '^RESULT' | sed 's/^RESULT //') |" | tee -a "$RESULTS"
}
run "search" 1 paths.lua PATHS="$OUT/search-paths.txt"
run "search" 32 paths.lua PATHS="$OUT/search-paths.txt"
run "ask-page suggestions (each title new, so embedded)" 1 suggest.lua FRESH=1 QUERIES="$OUT/search-queries.txt" SESSIONS="$OUT/sessions.txt"
echo "Results: $RESULTS"
