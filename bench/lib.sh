# Shared by bench/coldstart and bench/latency (sourced, not run).
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA=${JAVA:-java}
# The flags template.yaml gives every function (JAVA_TOOL_OPTIONS): C1 only, as Lambda recommends.
LAMBDA_FLAGS=(-XX:+TieredCompilation -XX:TieredStopAtLevel=1)

die() { echo "bench: $*" >&2; exit 1; }

# The function's shaded jar, built (with what it depends on) if missing. BENCH_REBUILD=1 rebuilds it (and bench/).
function_jar() {
  local f=$1
  [[ -f "$ROOT/functions/$f/pom.xml" ]] || die "no function '$f' (functions/*/: $(cd "$ROOT/functions" && ls -d */ | tr -d / | tr '\n' ' '))"
  local jar="$ROOT/functions/$f/target/$f.jar"
  if [[ -n "${BENCH_REBUILD:-}" || ! -f "$jar" ]]; then
    echo "building $jar ..." >&2
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl "functions/$f" -am) >&2 || die "build of $f failed"
  fi
  echo "$jar"
}

# The bench module (profile 'bench'): DynamoDB Local side + the two small handler-side jars.
BENCH_TARGET="$ROOT/bench/target"
bench_jars() {
  if [[ -n "${BENCH_REBUILD:-}" || ! -f "$BENCH_TARGET/classpath.txt" || ! -f "$BENCH_TARGET/cauri-bench-0.1.0-SNAPSHOT-coldstart.jar" \
        || ! -f "$BENCH_TARGET/cauri-bench-0.1.0-SNAPSHOT-warm.jar" ]]; then
    echo "building bench/ ..." >&2
    (cd "$ROOT" && ./mvnw -B -q -Pbench -DskipTests package -pl bench -am) >&2 || die "build of bench/ failed"
  fi
  SERVER_CP="$BENCH_TARGET/cauri-bench-0.1.0-SNAPSHOT.jar:$(cat "$BENCH_TARGET/classpath.txt")"
  COLDSTART_JAR="$BENCH_TARGET/cauri-bench-0.1.0-SNAPSHOT-coldstart.jar"
  WARM_JAR="$BENCH_TARGET/cauri-bench-0.1.0-SNAPSHOT-warm.jar"
}

# bench/coldstart's floor and peer for create-intent (bench/floor, bench/peer: their own shaded jars).
# Sets FLOOR_JAR and PEER_JAR; built if missing (the peer's first build downloads Spring: not offline).
peer_jars() {
  FLOOR_JAR="$ROOT/bench/floor/target/cauri-bench-floor.jar"
  PEER_JAR="$ROOT/bench/peer/target/cauri-bench-peer.jar"
  if [[ -n "${BENCH_REBUILD:-}" || ! -f "$FLOOR_JAR" || ! -f "$PEER_JAR" ]]; then
    echo "building bench/floor and bench/peer ..." >&2
    (cd "$ROOT" && ./mvnw -B -q -Pbench -DskipTests package -pl bench/floor \
        && ./mvnw -B -q -DskipTests package -f bench/peer/pom.xml) >&2 || die "build of bench/floor, bench/peer failed"
  fi
}

# The sample event to replay: the first events/<f>/*-2xx.json (sorted), else the first event file.
sample_event() {
  local f=$1 dir="$ROOT/events/$1" e
  [[ -d "$dir" ]] || die "no sample events in events/$f"
  e=$(find "$dir" -maxdepth 1 -name '*-2[0-9][0-9].json' | sort | head -1)
  [[ -n "$e" ]] || e=$(find "$dir" -maxdepth 1 -name '*-[0-9][0-9][0-9].json' | sort | head -1)
  [[ -n "$e" ]] || die "no sample event file in events/$f"
  echo "$e"
}

# DynamoDB Local (one JVM for the whole run) on 127.0.0.1, tables created, demo data seeded.
# Sets DDB_ENDPOINT and DDB_CONTROL; ddb_reset puts the demo intent back; stopped (by its pid) on exit.
DDB_JAVA_PID=""
DDB_DIR=""
start_dynamodb_local() {
  DDB_DIR=$(mktemp -d -t cauri-bench-ddb.XXXXXX)
  DDB_LOCAL_TELEMETRY=0 "$JAVA" -cp "$SERVER_CP" io.cauri.bench.server.DynamoDbLocalServer \
      >"$DDB_DIR/out" 2>"$DDB_DIR/err" </dev/null &
  DDB_JAVA_PID=$!
  trap stop_dynamodb_local EXIT
  local line="" i
  for i in $(seq 1200); do
    line=$(grep -m1 '^READY ' "$DDB_DIR/out" || true)
    [[ -n "$line" ]] && break
    kill -0 "$DDB_JAVA_PID" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n "$line" ]] || { cat "$DDB_DIR/err" >&2; die "DynamoDB Local did not start"; }
  read -r _ DDB_ENDPOINT DDB_CONTROL <<<"$line"
  echo "DynamoDB Local: $DDB_ENDPOINT (pid $DDB_JAVA_PID, demo merchant m_demo, demo intent pi_z1urYtVFgEebtcj8fxp4v)"
}

ddb_reset() {
  curl -fsS -X POST "$DDB_CONTROL/reset" >/dev/null || die "DynamoDB Local did not reset the demo intent"
}

stop_dynamodb_local() {
  if [[ -n "$DDB_JAVA_PID" ]]; then
    kill "$DDB_JAVA_PID" 2>/dev/null || true
    wait "$DDB_JAVA_PID" 2>/dev/null || true
    DDB_JAVA_PID=""
  fi
  [[ -n "$DDB_DIR" ]] && rm -rf "$DDB_DIR"
  DDB_DIR=""
}

# Share of the machine's CPU time that was idle over the last second, in percent (from /proc/stat).
idle_percent() {
  local a b
  a=$(awk '/^cpu / { print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
  sleep 1
  b=$(awk '/^cpu / { print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); d = y[2] - x[2]; v = (d > 0) ? 100 * (y[1] - x[1]) / d : 100; printf "%d", v }'
}

# The machine is shared. With BENCH_QUIET=N (percent), wait before a run until at least N % of the CPU was idle
# over the last second (at most BENCH_QUIET_TIMEOUT seconds, default 600, then run anyway). Sets IDLE.
wait_for_quiet() {
  local deadline=$((SECONDS + ${BENCH_QUIET_TIMEOUT:-600}))
  IDLE=$(idle_percent)
  while [[ -n "${BENCH_QUIET:-}" ]] && (( IDLE < BENCH_QUIET && SECONDS < deadline )); do
    IDLE=$(idle_percent)
  done
}

# A fresh signing key per bench run (never a literal), as the tests do.
random_signing_key() {
  head -c 48 /dev/urandom | base64 | tr -d '\n=+/'
}

# Median of integers given as arguments (mean of the two middle ones when even, rounded).
median() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%d\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 + 0.5 }'
}

# EPOCHREALTIME (seconds.micros) → integer microseconds.
now_us() {
  local t=$EPOCHREALTIME
  echo "${t/./}"
}
