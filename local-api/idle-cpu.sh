#!/usr/bin/env bash
# The CPU an idle local-api uses: its JVM's utime+stime (and the SNS/SQS emulator's, a child Node process) over a
# window, from /proc, with the threads that used it. Usage: local-api/idle-cpu.sh PID [SECONDS, default 60]
# (PID: the java -jar local-api/target/local-api.jar process, after its "Cauri local API ready" line). Linux only.
set -euo pipefail
pid=$1; secs=${2:-60}; hz=$(getconf CLK_TCK)
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
threads() { for t in /proc/"$pid"/task/*; do [ -r "$t/stat" ] && echo "${t##*/} $(ticks "$pid/task/${t##*/}") $(tr ' ' _ < "$t/comm")"; done 2>/dev/null | sort; }
node=$(pgrep -P "$pid" node || true)
uptime
threads > /tmp/idle-cpu.$$.a; j0=$(ticks "$pid"); n0=${node:+$(ticks "$node")}
sleep "$secs"
threads > /tmp/idle-cpu.$$.b; j1=$(ticks "$pid"); n1=${node:+$(ticks "$node")}
echo "threads (ticks of 1/$hz s over ${secs} s; threads that started or ended meanwhile, e.g. JIT compilers, are in the total only):"
join /tmp/idle-cpu.$$.a /tmp/idle-cpu.$$.b | awk '{ d = $4 - $2; if (d > 0) print d, $3 }' \
  | awk '{ sub(/-?[0-9]+$/, "", $2); c[$2] += $1 } END { for (k in c) print "  " c[k], k }' | sort -rn | head -15
rm -f /tmp/idle-cpu.$$.a /tmp/idle-cpu.$$.b
pct() { awk -v t="$1" -v s="$secs" -v hz="$hz" 'BEGIN { printf "%.2f", 100 * t / hz / s }'; }
echo "local-api JVM: $(pct $((j1 - j0))) % of a core over ${secs} s"
[ -n "$node" ] && echo "SNS/SQS emulator (node $node): $(pct $((n1 - n0))) % of a core"
uptime
