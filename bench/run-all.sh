#!/usr/bin/env bash
# Runs the whole benchmark set and writes bench/results/<date>-<posts>.md:
#   bench/run-all.sh [posts]        (default 1000000)
# Generates the community once per size (kept under target/bench-<posts>/), rebuilds the search index, starts
# Townhall with a 512 MB heap and a trivial Javalin "ceiling" server, and runs wrk against each page.
# wrk, Townhall, MariaDB and the generator share this machine's cores: compare ratios, not absolutes.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
POSTS=${1:-1000000}
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
WORK=$ROOT/target/bench-$POSTS
DATA=$WORK/data
OUT=$WORK/out
PORT=7080
CEILING_PORT=7081
mkdir -p "$WORK" "$OUT" "$BENCH_DIR/results"
RESULTS=$BENCH_DIR/results/$(date +%F)-$POSTS.md
DUMP=${BENCH_DUMP:-$ROOT/../shared/data/stackexchange/beer.stackexchange.com}
export BENCH_DIR

. "$(dirname "$0")/jdk.sh" jcmd
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

cd "$ROOT"
echo "== build"
./mvnw -q -DskipTests package
./mvnw -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
CLASSPATH_ALL="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/classpath.txt")"

export TOWNHALL_DATA_DIR=$DATA TOWNHALL_DEMO=false TOWNHALL_PORT=$PORT TOWNHALL_THEMES_DIR=$ROOT/themes
export TOWNHALL_VIEWS_FLUSH_SECONDS=10 TOWNHALL_DB_MEMORY=${BENCH_DB_MEMORY:-1G}

{
  echo "# Benchmark run: $POSTS posts, $(date -u '+%F %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB;"
  echo "Townhall, its MariaDB, wrk and the ceiling server share these cores. JDK: $("$JAVA" -version 2>&1 | head -1)."
  echo
} > "$RESULTS"

if [ ! -f "$OUT/generated" ]; then
  echo "== generate $POSTS posts"
  start=$(date +%s.%N)
  "$JAVA" -Xmx2g -cp "$CLASSPATH_ALL" townhall.bench.GenerateCommunity "$POSTS" "$DUMP" "$OUT" | tail -1 | tee "$OUT/generated"
  end=$(date +%s.%N)
  printf 'Generated in %.0f s\n' "$(echo "$end - $start" | bc)" >> "$OUT/generated"
fi
if [ ! -f "$OUT/reindexed" ]; then
  echo "== reindex"
  start=$(date +%s.%N)
  "$JAVA" -Xmx512m -jar target/townhall.jar reindex | tail -1
  end=$(date +%s.%N)
  printf 'Full reindex: %.0f s\n' "$(echo "$end - $start" | bc)" > "$OUT/reindexed"
fi
{ echo "## Data"; echo; sed 's/^/- /' "$OUT/generated"; sed 's/^/- /' "$OUT/reindexed"; echo; } >> "$RESULTS"

start_townhall() { # [extra env...]
  env "$@" "$JAVA" -Xmx512m -Xms512m -jar target/townhall.jar serve > "$WORK/townhall.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
}

echo "== start Townhall (-Xmx512m) and the ceiling server"
start_townhall
"$JAVA" -Xmx256m -cp "$CLASSPATH_ALL" townhall.bench.CeilingServer $CEILING_PORT > "$WORK/ceiling.log" 2>&1 &
CEILING=$!
trap 'kill $SERVER $CEILING 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$CEILING_PORT/" >/dev/null && break; sleep 0.5; done

memory() {
  local rss heap
  rss=$(awk '/VmRSS/{printf "%.0f", $2/1024}' /proc/$SERVER/status)
  heap=$("$JAVA_HOME/bin/jcmd" $SERVER GC.heap_info 2>/dev/null | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+' || echo 0)
  echo "heap_used_mb=$((heap / 1024)) rss_mb=$rss"
}

CEILING_RPS=1
run() { # name url [script]; CONNS=n for other than $CONNECTIONS connections
  local name=$1 url=$2 script=${3:-$BENCH_DIR/wrk/report.lua}
  local conns=${CONNS:-$CONNECTIONS}
  local threads=$((conns < 2 ? conns : 2))
  echo "== $name"
  # warm-up: the JIT compiles the page's code, MariaDB's buffer pool and the search index's pages are read in
  wrk -t$threads -c"$conns" -d"$WARMUP" -s "$script" "$url" > /dev/null 2>&1 || true
  local line
  line=$(wrk -t$threads -c"$conns" -d"$DURATION" --timeout 5s -s "$script" "$url" | grep '^RESULT')
  local rps=${line#*rps=}; rps=${rps%% *}
  [ "$name" = "ceiling (trivial Javalin route)" ] && CEILING_RPS=$rps
  local ratio
  ratio=$(echo "scale=3; $rps / $CEILING_RPS" | bc)
  echo "| $name | $conns | ${line#RESULT } | $(memory) | $ratio |" | tee -a "$RESULTS.rows"
}

rm -f "$RESULTS.rows"
run "ceiling (trivial Javalin route)" "http://127.0.0.1:$CEILING_PORT/"
run "home page" "http://127.0.0.1:$PORT/"
run "question list" "http://127.0.0.1:$PORT/questions"
PATHS=$OUT/question-paths.txt run "typical question page" "http://127.0.0.1:$PORT" "$BENCH_DIR/wrk/paths.lua"
PATHS=$OUT/big-question-paths.txt run "question with 30 answers" "http://127.0.0.1:$PORT" "$BENCH_DIR/wrk/paths.lua"
PATHS=$OUT/tag-paths.txt run "tag list" "http://127.0.0.1:$PORT" "$BENCH_DIR/wrk/paths.lua"
sed 's#^#/search?q=#; s# #+#g' "$OUT/search-queries.txt" > "$OUT/search-paths.txt"
PATHS=$OUT/search-paths.txt run "search" "http://127.0.0.1:$PORT" "$BENCH_DIR/wrk/paths.lua"
CONNS=1 PATHS=$OUT/search-paths.txt run "search, one at a time" "http://127.0.0.1:$PORT" "$BENCH_DIR/wrk/paths.lua"
QUERIES=$OUT/search-queries.txt SESSIONS=$OUT/sessions.txt run "suggestions while asking" "http://127.0.0.1:$PORT" "$BENCH_DIR/wrk/suggest.lua"
CONNS=1 QUERIES=$OUT/search-queries.txt SESSIONS=$OUT/sessions.txt run "suggestions while asking, one at a time" "http://127.0.0.1:$PORT" "$BENCH_DIR/wrk/suggest.lua"
SESSIONS=$OUT/sessions.txt QUESTION_IDS=$OUT/question-ids.txt run "mixed: signed in, reading, answering, voting" "http://127.0.0.1:$PORT" "$BENCH_DIR/wrk/mixed.lua"
SESSIONS=$OUT/sessions.txt QUESTION_IDS=$OUT/question-ids.txt run "posting answers" "http://127.0.0.1:$PORT" "$BENCH_DIR/wrk/answer.lua"

echo "== searchable within a second"
TOKEN="zyxbench$(date +%s)"
SESSION_LINE=$(head -1 "$OUT/sessions.txt"); SESSION=${SESSION_LINE% *}; CSRF=${SESSION_LINE#* }
QUESTION=$(head -1 "$OUT/question-ids.txt")
posted=$(date +%s%N)
curl -s -o /dev/null -b "th_session=$SESSION; th_csrf=$CSRF" --data "_csrf=$CSRF&body=An+answer+about+$TOKEN+for+the+freshness+check." \
  "http://127.0.0.1:$PORT/q/$QUESTION/answers"
found=""
for _ in $(seq 1 100); do
  if curl -s "http://127.0.0.1:$PORT/search?q=$TOKEN" | grep -q "to=q$QUESTION&"; then found=$(date +%s%N); break; fi
  sleep 0.02
done
FRESH=$([ -n "$found" ] && echo "$(( (found - posted) / 1000000 )) ms" || echo "not within 2 s")

echo "== question pages rendered for every request: Townhall again, page cache off"
kill $SERVER; wait $SERVER 2>/dev/null || true
start_townhall TOWNHALL_PAGE_CACHE_SECONDS=0
PATHS=$OUT/question-paths.txt run "typical question page, page cache off" "http://127.0.0.1:$PORT" "$BENCH_DIR/wrk/paths.lua"
PATHS=$OUT/big-question-paths.txt run "question with 30 answers, page cache off" "http://127.0.0.1:$PORT" "$BENCH_DIR/wrk/paths.lua"

{
  echo "## Load and latency (wrk -d$DURATION after $WARMUP of warm-up per scenario; latency in ms)"
  echo
  echo "| scenario | connections | result | server memory after the run | share of ceiling |"
  echo "|---|---|---|---|---|"
  cat "$RESULTS.rows"
  echo
  echo "A new answer was found by search $FRESH after it was posted."
  echo
} >> "$RESULTS"
rm -f "$RESULTS.rows"

kill $SERVER $CEILING 2>/dev/null || true
wait $SERVER 2>/dev/null || true

echo "== import the real dump into its own database and measure search quality"
QUALITY=$ROOT/target/bench-quality
rm -rf "$QUALITY"
start=$(date +%s.%N)
TOWNHALL_DATA_DIR=$QUALITY TOWNHALL_DB_MEMORY=256M "$JAVA" -Xmx512m -jar target/townhall.jar import-stackexchange "$DUMP" \
  | tee "$WORK/import.log" | tail -3
end=$(date +%s.%N)
{
  echo "## Import of $(basename "$DUMP")"
  echo
  echo "\`java -jar target/townhall.jar import-stackexchange $(basename "$DUMP")\`: $(printf '%.1f' "$(echo "$end - $start" | bc)") s in all (JVM and database start included)."
  echo
  echo '```'
  tail -6 "$WORK/import.log"
  echo '```'
  echo
} >> "$RESULTS"
TOWNHALL_DATA_DIR=$QUALITY TOWNHALL_DB_MEMORY=256M "$JAVA" -Xmx1g -cp "$CLASSPATH_ALL" townhall.bench.SearchQuality "$DUMP" >> "$RESULTS"
echo "Results: $RESULTS"
cat "$RESULTS"
