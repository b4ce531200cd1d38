#!/usr/bin/env bash
# Fan-out of notifications (issue 16): does a post to a tag that 50,000 members watch return as fast as one to a tag
# nobody watches? Posts answers with wrk (32 connections, signed in) to a question in an unwatched tag, then to one
# whose tag <watchers> members watch, and reports answers per second and latency for each; then times how long
# the outbox worker takes to fan one answer out to every watcher.
#   bench/fanout.sh [watchers]        (default 50000; writes bench/results/<date>-fanout-<watchers>.md)
# Townhall (-Xmx512m), its embedded MariaDB and wrk share this machine's cores: compare the two rows, not absolutes.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
WATCHERS=${1:-50000}
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-5s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
WORK=$ROOT/target/bench-fanout-$WATCHERS
OUT=$WORK/out
PORT=7082
TOKEN=fanout-bench
RESULTS=$BENCH_DIR/results/$(date +%F)-fanout-$WATCHERS.md
export BENCH_DIR
. "$(dirname "$0")/jdk.sh" java
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

cd "$ROOT"
echo "== build"
./mvnw -q ${BENCH_MAVEN_OFFLINE:+-o} -DskipTests package
./mvnw -q ${BENCH_MAVEN_OFFLINE:+-o} test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/target/classpath.txt"
CLASSPATH_ALL="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/classpath.txt")"

echo "== set up $WATCHERS watchers"
rm -rf "$WORK"
mkdir -p "$OUT" "$BENCH_DIR/results"
export TOWNHALL_DATA_DIR=$WORK/data TOWNHALL_DB_MEMORY=1G TOWNHALL_DEMO=false TOWNHALL_PORT=$PORT
SETUP=$("$JAVA" -Xmx1g -cp "$CLASSPATH_ALL" townhall.bench.FanoutSetup "$WATCHERS" "$OUT" | tail -1)
echo "$SETUP"

env TOWNHALL_METRICS_TOKEN=$TOKEN TOWNHALL_PAGE_CACHE_SECONDS=0 \
  "$JAVA" -Xmx512m -Xms512m -jar target/townhall.jar serve > "$WORK/townhall.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done

waiting() { # notify outbox entries not yet fanned out
  curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/metrics" \
    | awk '/^townhall_outbox_waiting\{.*topic="notify"/ { print int($2) }' | head -1
}
drain() { while [ "$(waiting)" != "0" ]; do sleep 0.05; done; }

run() { # label question-file connections
  local label=$1 question=$2 connections=$3 threads=2
  [ "$connections" = 1 ] && threads=1
  QUESTION_IDS=$question SESSIONS=$OUT/sessions.txt wrk -t$threads -c"$connections" -d"$WARMUP" \
    -s "$BENCH_DIR/wrk/answer.lua" "http://127.0.0.1:$PORT" > /dev/null
  local result
  result=$(QUESTION_IDS=$question SESSIONS=$OUT/sessions.txt wrk -t$threads -c"$connections" -d"$DURATION" --timeout 10s \
    -s "$BENCH_DIR/wrk/answer.lua" "http://127.0.0.1:$PORT" | grep '^RESULT')
  echo "| $label, $connections connection(s) | $result | $(waiting) | $(cut -d' ' -f1 /proc/loadavg) |" | tee -a "$RESULTS.rows"
}

echo "== one answer to the popular question: time until fanned out to every watcher"
drain
SESSION=$(head -1 "$OUT/sessions.txt")
COOKIE="th_session=${SESSION% *}; th_csrf=${SESSION#* }"
start=$(date +%s.%N)
curl -s -o /dev/null -w '%{http_code} posted in %{time_total} s\n' -H "Cookie: $COOKIE" \
  --data "_csrf=${SESSION#* }&body=One+answer+that+every+watcher+of+the+tag+hears+of." \
  "http://127.0.0.1:$PORT/q/$(cat "$OUT/popular-question.txt")/answers"
drain
end=$(date +%s.%N)
ONE=$(printf '%.2f' "$(echo "$end - $start" | bc)")
echo "fanned out to $WATCHERS watchers in $ONE s"

rm -f "$RESULTS.rows"
echo "== posting answers: no watchers, then $WATCHERS watchers"
run "nobody watches" "$OUT/quiet-question.txt" 1
drain
run "nobody watches" "$OUT/quiet-question.txt" "$CONNECTIONS"
drain
# each answer below is 50,000 notifications: the fan-out falls behind and keeps working while the answers come in
run "$WATCHERS watch its tag" "$OUT/popular-question.txt" 1
run "$WATCHERS watch its tag" "$OUT/popular-question.txt" "$CONNECTIONS"

{
  echo "# Fan-out: $(date +%F), $WATCHERS watchers"
  echo
  echo "\`bench/fanout.sh $WATCHERS\` ($CONNECTIONS connections, $WARMUP warm-up, $DURATION measured; $(nproc) cores shared by"
  echo "Townhall, MariaDB and wrk). $SETUP."
  echo
  echo "One answer to the watched question, from the POST until its notifications were written for every watcher"
  echo "(outbox empty): $ONE s."
  echo
  echo "| posting answers to a question that | wrk | notify entries still waiting at the end | load average (1 min) |"
  echo "|---|---|---|---|"
  cat "$RESULTS.rows"
} > "$RESULTS"
rm -f "$RESULTS.rows"
cat "$RESULTS"
