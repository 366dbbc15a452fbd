#!/usr/bin/env bash
# Grades the reference solutions RUNS times in a row and counts the runs that did not give 100/100, naming
# every test that did not pass; with BUSY=N, N busy-loop processes keep the cores busy meanwhile.
# Usage: grader/bench/stability.sh                 (env: RUNS=100 BUSY=0 TASK=<id> to grade one task only)
#        RUNS=20 BUSY=2 grader/bench/stability.sh  (the loaded check)
# Prints one line per run that lost points, then a summary line "stability: N/RUNS runs 100/100 …".
set -euo pipefail

kit="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${RUNS:-100}"
BUSY="${BUSY:-0}"
extra=()
[ -n "${TASK:-}" ] && extra+=(--task "$TASK")
work="$(mktemp -d "${TMPDIR:-/tmp}/grader-stability.XXXXXX")"
busy_pids=()
cleanup() {
    for pid in "${busy_pids[@]}"; do kill "$pid" 2> /dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

"$kit/grade" --version > /dev/null   # builds the jar if needed
jar="$kit/grader/target/grader.jar"
for _ in $(seq "$BUSY"); do
    (while :; do :; done) &
    busy_pids+=("$!")
done

full=0
times=()
for i in $(seq "$RUNS"); do
    t0="$(date +%s.%N)"
    java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" "$kit/solutions" --quiet --json "$work/run.json" \
        "${extra[@]}" > /dev/null
    t1="$(date +%s.%N)"
    times+=("$(python3 -c "print($t1 - $t0)")")
    lost="$(python3 - "$work/run.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
bad = ["%s: %s (%s)" % (t["id"], x["name"], x["status"]) for t in d["tasks"] for x in t["tests"] if x["status"] != "passed"]
print("" if not bad and d["score"] == d["maxScore"] else "%s/%s; %s" % (d["score"], d["maxScore"], "; ".join(bad)))
PY
)"
    if [ -z "$lost" ]; then
        full=$((full + 1))
    else
        echo "run $i: $lost"
    fi
done
median="$(python3 -c 'import sys,statistics; print("%.2f" % statistics.median(float(x) for x in sys.argv[1:]))' "${times[@]}")"
echo "stability: $full/$RUNS runs 100/100 (busy processes: $BUSY, median $median s per run, load at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'))"
[ "$full" -eq "$RUNS" ]
