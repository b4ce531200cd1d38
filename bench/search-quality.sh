#!/usr/bin/env bash
# Search quality on the real dump ("find the duplicate"): imports the Stack Exchange dump into its own database
# under target/bench-quality (once; BENCH_REIMPORT=1 to import again) and prints Recall@1/5 and MRR@10 for
# Townhall by words, by meaning and hybrid, and for MariaDB FULLTEXT, in one run. See bench/BENCHMARKS.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DUMP=${BENCH_DUMP:-$ROOT/../shared/data/stackexchange/beer.stackexchange.com}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
OFFLINE=${BENCH_MAVEN_OFFLINE:+-o}
./mvnw -q $OFFLINE test-compile
./mvnw -q $OFFLINE dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CLASSPATH_ALL=target/classes:target/test-classes:$(cat target/bench-classpath.txt)
QUALITY=$ROOT/target/bench-quality
if [ -n "${BENCH_REIMPORT:-}" ] || [ ! -d "$QUALITY/mariadb" ]; then
  rm -rf "$QUALITY"
  TOWNHALL_DATA_DIR=$QUALITY TOWNHALL_DB_MEMORY=256M TOWNHALL_DEMO=false TOWNHALL_SEARCH_VECTORS=false \
    "$JAVA" -Xmx512m --enable-native-access=ALL-UNNAMED -Djdk.xml.maxGeneralEntitySizeLimit=0 -cp "$CLASSPATH_ALL" \
    townhall.Townhall import-stackexchange "$DUMP" | tail -3
fi
TOWNHALL_DATA_DIR=$QUALITY TOWNHALL_DB_MEMORY=256M "$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED \
  -Djdk.xml.maxGeneralEntitySizeLimit=0 -cp "$CLASSPATH_ALL" townhall.bench.SearchQuality "$DUMP"
