#!/usr/bin/env bash
# The community insight dashboard at scale: bench/insight.sh [posts]   (default 1000000)
# Uses the community run-all.sh generates (target/bench-<posts>/, generated here if missing), adds an administrator,
# starts Townhall with a 512 MB heap, waits for the first daily roll-up (every day since the first post), then times
# /admin/insight one request at a time (curl, never two at once) for the data's last 30 days, its last year, the last 30 days
# filtered by a tag (counted from the posts, not the roll-ups) and the JSON; appends the rows to
# bench/results/<date>-<posts>-insight.md.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
POSTS=${1:-1000000}
REQUESTS=${BENCH_REQUESTS:-15}
WORK=$ROOT/target/bench-$POSTS
DATA=$WORK/data
OUT=$WORK/out
PORT=7080
mkdir -p "$WORK" "$OUT" "$BENCH_DIR/results"
RESULTS=$BENCH_DIR/results/$(date +%F)-$POSTS-insight.md
DUMP=${BENCH_DUMP:-$ROOT/../shared/data/stackexchange/beer.stackexchange.com}
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then export JAVA_HOME=$candidate; break; fi
done
JAVA=$JAVA_HOME/bin/java
cd "$ROOT"
echo "== build"
[ -n "${BENCH_SKIP_BUILD:-}" ] || ./mvnw -q -o -DskipTests package
[ -n "${BENCH_SKIP_BUILD:-}" ] || ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
CLASSPATH_ALL="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/classpath.txt")"
export TOWNHALL_DATA_DIR=$DATA TOWNHALL_DEMO=false TOWNHALL_PORT=$PORT TOWNHALL_THEMES_DIR=$ROOT/themes
export TOWNHALL_DB_MEMORY=${BENCH_DB_MEMORY:-1G}
if [ ! -f "$OUT/generated" ]; then
  echo "== generate $POSTS posts"
  TOWNHALL_DB_STATEMENT_SECONDS=0 "$JAVA" -Xmx2g -cp "$CLASSPATH_ALL" townhall.bench.GenerateCommunity "$POSTS" "$DUMP" "$OUT" | tail -1 | tee "$OUT/generated"
fi
"$JAVA" -jar target/townhall.jar create-admin insightbench insightbench@bench.invalid "insight bench password" >/dev/null 2>&1 || true

echo "== start Townhall (-Xmx512m) and wait for the first roll-up"
# no statement limit: at start, the one-off rewrite of outside images scans every post, longer than 10 s on a busy machine
TOWNHALL_DB_STATEMENT_SECONDS=0 "$JAVA" -Xmx512m -Xms512m -jar target/townhall.jar serve > "$WORK/insight.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
if [ ! -f "$OUT/insight-rollup" ]; then
  for _ in $(seq 1 1800); do grep -q "Insight roll-up counted" "$WORK/insight.log" && break; sleep 1; done
  grep -o "Insight roll-up counted.*" "$WORK/insight.log" | head -1 > "$OUT/insight-rollup"
fi
ROLLUP=$(cat "$OUT/insight-rollup")
if [ ! -f "$OUT/insight-outcomes" ]; then
  for _ in $(seq 1 1800); do grep -q "Insight outcomes kept" "$WORK/insight.log" && break; sleep 1; done
  grep -o "Insight outcomes kept.*" "$WORK/insight.log" | head -1 > "$OUT/insight-outcomes"
fi
ROLLUP="$ROLLUP; $(cat "$OUT/insight-outcomes")"
echo "$ROLLUP"

JAR=$WORK/insight-cookies.txt
rm -f "$JAR"
curl -s -c "$JAR" -o /dev/null "http://127.0.0.1:$PORT/signin"
CSRF=$(awk '$6 == "th_csrf" {print $7}' "$JAR")
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "_csrf=$CSRF" --data-urlencode "login=insightbench" \
  --data-urlencode "password=insight bench password" "http://127.0.0.1:$PORT/signin"
SESSION=$(awk '$6 == "th_session" {print $7}' "$JAR")
COOKIE="th_session=$SESSION; th_csrf=$CSRF"
# GenerateCommunity spreads its posts over 2023-01-01 to 2026-01-01: the last day with posts
LAST=${BENCH_INSIGHT_LAST:-2025-12-31}
MONTH_START=$(date -d "$LAST -29 days" +%F)
YEAR_START=$(date -d "$LAST -364 days" +%F)
TAG=$(curl -s "http://127.0.0.1:$PORT/questions" | grep -o 'href="/tags/[^"]*"' | sed -n '1{s#href="/tags/##; s#"$##; p}' || true)

run() { # name path: two requests to warm up, then $REQUESTS one after the other (never two at once)
  local name=$1 path=$2 times
  echo "== $name"
  for _ in 1 2; do curl -s -o /dev/null -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$path"; done
  times=$(for _ in $(seq 1 "$REQUESTS"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$path"
  done | awk '$1 != 200 {bad++} {print $2 * 1000}' | sort -n)
  local median p90 max
  median=$(echo "$times" | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
  p90=$(echo "$times" | awk '{a[NR]=$1} END {i = int(NR * 0.9 + 0.999); print a[i]}')
  max=$(echo "$times" | tail -1)
  echo "| $name | \`$path\` | $REQUESTS | $median | $p90 | $max |" | tee -a "$RESULTS.rows"
}
rm -f "$RESULTS.rows"
run "dashboard, last 30 days of the data" "/admin/insight?from=$MONTH_START&to=$LAST"
run "dashboard, last year of the data" "/admin/insight?from=$YEAR_START&to=$LAST"
run "dashboard, 30 days, tag filter (posts counted live)" "/admin/insight?from=$MONTH_START&to=$LAST&tag=$TAG"
run "figures as JSON, 30 days" "/admin/insight.json?from=$MONTH_START&to=$LAST"
{
  echo "# Community insight at $POSTS posts, $(date -u '+%F %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (shared with other work); $REQUESTS requests"
  echo "one after the other after two to warm up, as a signed-in administrator; times in ms (curl's time_total)."
  echo "Data: $(cat "$OUT/generated"). First roll-up: $ROLLUP."
  echo
  echo "| scenario | path | requests | median | p90 | max |"
  echo "|---|---|---|---|---|---|"
  cat "$RESULTS.rows"
} > "$RESULTS"
rm -f "$RESULTS.rows"
cat "$RESULTS"
