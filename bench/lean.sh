#!/usr/bin/env bash
# Lean and fast (issue 20): Townhall alone, started by its own launcher (bin/townhall, bin/jvm.options), at three sizes
# side by side, writing bench/results/<date>-lean.md:
#   bench/lean.sh [SIZE[:words] ...]   (default: demo demo:words 5000:words 1000000:words; each size's data is made
#   once under target/). SIZE is demo or a number of posts; ":words" runs with search by meaning off
#   (TOWNHALL_SEARCH_VECTORS=false): a generated community's questions have no vectors yet, and computing them in the
#   background (issue 23) would share the cores with the measurement.
# For each size: the time from starting the jar to serving, on a restart (the class data archive written by the
# start before); question pages, the home page and the question list rendered for signed-in members (never from
# the page cache) with the CPU each request cost Townhall and its MariaDB; anonymous question pages (from the page
# cache, as in production); and the resident memory of Townhall and its MariaDB after the load (RSS and PSS).
# wrk -t2 -c32 -d20s after 30 s of warm-up per scenario (the JIT compiles for about a minute of CPU) (BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS); wrk shares
# the machine's cores with Townhall and MariaDB: compare ratios, not absolutes.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-30s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
PORT=7082
DUMP=${BENCH_DUMP:-$ROOT/../shared/data/stackexchange/beer.stackexchange.com}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(demo demo:words 5000:words 1000000:words)
export BENCH_DIR

. "$(dirname "$0")/jdk.sh" java # (without an argument, sourcing passes on the script's own: a size)
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cd "$ROOT"
mkdir -p bench/results
RESULTS=bench/results/$(date +%F)-lean.md

echo "== build"
./mvnw -q ${BENCH_MAVEN_OFFLINE:+-o} -DskipTests package
./mvnw -q ${BENCH_MAVEN_OFFLINE:+-o} test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-lean-classpath.txt >/dev/null
CLASSPATH_ALL="$ROOT/target/test-classes:$ROOT/target/classes:$(cat target/bench-lean-classpath.txt)"

{
  echo "# Lean and fast: $(date -u '+%F %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average at the"
  echo "start $(cut -d' ' -f1-3 /proc/loadavg); JDK: $("$JAVA" -version 2>&1 | head -1). Townhall through \`bin/townhall\`"
  echo "(bin/jvm.options), wrk -t2 -c$CONNECTIONS -d$DURATION after $WARMUP of warm-up; CPU per request is Townhall's and"
  echo "its MariaDB's CPU time over the run divided by the requests (wrk's own is not counted)."
  echo
  echo "| size | scenario | requests/s | p50 ms | p99 ms | cached | CPU/request Townhall ms | CPU/request MariaDB ms |"
  echo "|---|---|---|---|---|---|---|---|"
} > "$RESULTS.rows"
: > "$RESULTS.memory"

SERVER=""
stop_townhall() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=""; fi
}
trap stop_townhall EXIT

start_townhall() { # data heap (empty: the launcher's) db-memory; sets SERVER, MARIADB, STARTED_SECONDS
  local started=$(date +%s.%N)
  env ${2:+TOWNHALL_HEAP=$2} TOWNHALL_DATA_DIR=$1 TOWNHALL_DB_MEMORY=$3 TOWNHALL_PORT=$PORT TOWNHALL_DEMO=${DEMO:-false} \
    TOWNHALL_SEARCH_VECTORS=${VECTORS:-true} \
    TOWNHALL_THEMES_DIR=$ROOT/themes TOWNHALL_JAR=$ROOT/target/townhall.jar \
    bin/townhall serve > "$1.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 1200); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.05; done
  STARTED_SECONDS=$(echo "$(date +%s.%N) - $started" | bc)
  MARIADB=$(pgrep -f -- "--datadir=$1/mariadb/data" | head -1)
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
kb() { awk -v key="$2" '$1 == key":" {print $2}' "/proc/$1/${3:-status}"; }

run() { # size scenario lua [env...]
  local size=$1 name=$2 script=$3; shift 3
  echo "== $size: $name"
  env "$@" wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$BENCH_DIR/wrk/$script" "http://127.0.0.1:$PORT" > /dev/null 2>&1 || true
  local j0 m0 j1 m1 line
  j0=$(cpu_ticks "$SERVER"); m0=$(cpu_ticks "$MARIADB")
  line=$(env "$@" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 5s -s "$BENCH_DIR/wrk/$script" \
    "http://127.0.0.1:$PORT" | grep '^RESULT')
  j1=$(cpu_ticks "$SERVER"); m1=$(cpu_ticks "$MARIADB")
  local requests rps p50 p99 cached
  requests=$(echo "$line" | grep -oE 'requests=[0-9]+' | cut -d= -f2)
  rps=$(echo "$line" | grep -oE 'rps=[0-9.]+' | cut -d= -f2)
  p50=$(echo "$line" | grep -oE 'p50=[0-9.]+' | cut -d= -f2)
  p99=$(echo "$line" | grep -oE 'p99=[0-9.]+' | cut -d= -f2)
  cached=$(echo "$line" | grep -oE 'cached=[0-9]+%' | cut -d= -f2)
  local tick_ms=$((1000 / $(getconf CLK_TCK)))
  echo "| $size | $name | $rps | $p50 | $p99 | $cached | $(echo "scale=2; ($j1 - $j0) * $tick_ms / $requests" | bc) | $(echo "scale=2; ($m1 - $m0) * $tick_ms / $requests" | bc) |" \
    | tee -a "$RESULTS.rows"
}

prepare_demo() { # the demo community, seeded by a first start
  DATA=$ROOT/target/bench-lean-demo/data; OUT=$ROOT/target/bench-lean-demo/out; mkdir -p "$OUT"
  if [ ! -d "$DATA/mariadb" ]; then
    echo "== seed the demo"
    DEMO=true start_townhall "$DATA" "" 256M; sleep 20; stop_townhall # the demo's vectors are computed
  fi
}

prepare_generated() { # posts: a generated community, as bench/run-all.sh makes it
  local posts=$1
  DATA=$ROOT/target/bench-$posts/data; OUT=$ROOT/target/bench-$posts/out; mkdir -p "$OUT"
  if [ ! -f "$OUT/generated" ]; then
    echo "== generate $posts posts"
    TOWNHALL_DATA_DIR=$DATA TOWNHALL_DEMO=false "$JAVA" -Xmx2g -cp "$CLASSPATH_ALL" townhall.bench.GenerateCommunity \
      "$posts" "$DUMP" "$OUT" | tail -1 | tee "$OUT/generated"
    TOWNHALL_DATA_DIR=$DATA "$JAVA" -Xmx512m -jar target/townhall.jar reindex | tail -1
  fi
  if [ ! -s "$OUT/sessions.txt" ]; then
    TOWNHALL_DATA_DIR=$DATA TOWNHALL_DEMO=false "$JAVA" -cp "$CLASSPATH_ALL" townhall.bench.GenerateCommunity sessions "$OUT"
  fi
}

demo_session() { # signs in as the demo member maria: writes "session csrf" to sessions.txt, question paths
  local jar=$OUT/cookies.txt csrf
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/signin" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" \
    --data "login=maria&password=demo-member-pass" "http://127.0.0.1:$PORT/signin"
  echo "$(awk '$6 == "th_session" {print $7}' "$jar") $(awk '$6 == "th_csrf" {print $7}' "$jar")" > "$OUT/sessions.txt"
  curl -s "http://127.0.0.1:$PORT/questions" | grep -o 'href="/q/[0-9]*/[^"]*"' | sed 's/href="//;s/"//' | sort -u \
    > "$OUT/question-paths.txt"
}

for spec in "${SIZES[@]}"; do
  size=${spec%%:*}
  VECTORS=true; [ "$spec" != "$size" ] && VECTORS=false
  case $size in
    demo) prepare_demo; HEAP=${BENCH_HEAP:-}; DB_MEMORY=256M ;;
    1000000) prepare_generated "$size"; HEAP=${BENCH_BIG_HEAP:-}; DB_MEMORY=${BENCH_BIG_DB_MEMORY:-256M} ;;
    *) prepare_generated "$size"; HEAP=${BENCH_HEAP:-}; DB_MEMORY=256M ;;
  esac
  size=$spec
  echo "== $size: start twice (the first stop writes the class data archive)"
  start_townhall "$DATA" "$HEAP" "$DB_MEMORY"; FIRST=$STARTED_SECONDS; stop_townhall
  start_townhall "$DATA" "$HEAP" "$DB_MEMORY"; RESTART=$STARTED_SECONDS
  case $size in demo*) demo_session ;; esac
  printf '/\n/questions\n' > "$OUT/list-paths.txt"
  run "$size" "question pages, signed in (rendered)" signed-paths.lua PATHS="$OUT/question-paths.txt" SESSIONS="$OUT/sessions.txt"
  run "$size" "home and question list, signed in (rendered)" signed-paths.lua PATHS="$OUT/list-paths.txt" SESSIONS="$OUT/sessions.txt"
  run "$size" "question pages, visitors (page cache)" paths.lua PATHS="$OUT/question-paths.txt"
  {
    echo "| $size | $(printf '%.1f' "$RESTART") s (first start $(printf '%.1f' "$FIRST") s) | $(tr '\0' '\n' < "/proc/$SERVER/cmdline" | grep -m1 '^-Xmx'), buffer pool $DB_MEMORY |" \
      "$(( $(kb "$SERVER" VmRSS) / 1024 )) / $(( $(kb "$SERVER" Pss smaps_rollup) / 1024 )) MB |" \
      "$(( $(kb "$MARIADB" VmRSS) / 1024 )) / $(( $(kb "$MARIADB" Pss smaps_rollup) / 1024 )) MB |" \
      "$(( ($(kb "$SERVER" VmRSS) + $(kb "$MARIADB" VmRSS)) / 1024 )) MB |"
  } | tee -a "$RESULTS.memory"
  stop_townhall
done

{
  cat "$RESULTS.rows"
  echo
  echo "| size | serving after a restart | settings | Townhall RSS / PSS after the load | MariaDB RSS / PSS | together (RSS) |"
  echo "|---|---|---|---|---|---|"
  cat "$RESULTS.memory"
} > "$RESULTS"
rm -f "$RESULTS.rows" "$RESULTS.memory"
echo "Results: $RESULTS"
cat "$RESULTS"
