#!/usr/bin/env bash
# Two checkouts side by side, alternating, on the question pages rendered for every request (page cache off): the
# fairest comparison of two versions on a shared machine, where a whole run-all.sh drifts with the machine's load.
#   bench/ab-page-cache-off.sh /path/to/checkout-a /path/to/checkout-b [rounds]
# Each checkout must have run `bench/run-all.sh 20000` once (its jar and its generated community under
# target/bench-20000). Prints one wrk RESULT line per round and checkout.
set -u
A=$1 B=$2 ROUNDS=${3:-3}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=7080
run() { # checkout label
  local dir=$1 label=$2
  ( cd "$dir" && env TOWNHALL_DATA_DIR="$dir/target/bench-20000/data" TOWNHALL_DEMO=false TOWNHALL_PORT=$PORT \
      TOWNHALL_THEMES_DIR="$dir/themes" TOWNHALL_DB_MEMORY=1G TOWNHALL_PAGE_CACHE_SECONDS=0 \
      "$JAVA" -Xmx512m -Xms512m -jar target/townhall.jar serve > "/tmp/ab-$label.log" 2>&1 & )
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
  export BENCH_DIR="$dir/bench" PATHS="$dir/target/bench-20000/out/question-paths.txt"
  wrk -t2 -c32 -d10s -s "$dir/bench/wrk/paths.lua" "http://127.0.0.1:$PORT" >/dev/null 2>&1
  echo "$label $(wrk -t2 -c32 -d15s --timeout 5s -s "$dir/bench/wrk/paths.lua" "http://127.0.0.1:$PORT" | grep '^RESULT')"
  pkill -f "townhall.jar serve"
  while pgrep -f "townhall.jar serve" >/dev/null; do sleep 0.5; done
  while ss -ltn | grep -q ":$PORT "; do sleep 0.5; done
}
for _ in $(seq 1 "$ROUNDS"); do run "$A" a; run "$B" b; done
