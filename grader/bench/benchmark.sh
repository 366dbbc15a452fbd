#!/usr/bin/env bash
# Measures the grader against the issue's targets and prints a small table:
#   1. one submission (the reference, all nine tasks), end to end: median of RUNS runs of ./grade;
#   2. a class of 30 (copies of the reference and of wrong fixtures) in class mode: median wall of CLASS_RUNS runs,
#      and the verdicts of every run compared, test by test, with grading each submission alone; then the same
#      CLASS_RUNS runs again with a CPU hog beside them (HOG busy loops, default one per core), compared likewise;
#   3. the usual GitHub Classroom way: the same hidden tests through `mvn test` in a Maven project per submission,
#      median of MVN_RUNS submissions, and its ratio to (1) and, for a class, 30 of them to (2);
#   4. the grader's heap for a class of HEAP_CLASS: graded with -Xmx256m, peak heap after GC from the GC log.
# With BEFORE=<git revision>, that revision's grader is built in a temporary git worktree and the same class of 30
# is graded by it and by this grader in turns (before, now, before, now, ...), BEFORE_RUNS (default CLASS_RUNS)
# times each, medians side by side (no hog).
# Usage: grader/bench/benchmark.sh            (env: RUNS=5 CLASS_RUNS=5 MVN_RUNS=5 HEAP_CLASS=100 JOBS= JVMS=
#                                               HOG=<cores> PARTS=single,class,mvn,heap BEFORE= BEFORE_RUNS=)
#        PARTS=class grader/bench/benchmark.sh               (only the class comparison, quiet and with the hog)
#        PARTS=none BEFORE=HEAD~3 grader/bench/benchmark.sh   (only the class of 30 side by side with HEAD~3)
# HOG=0 skips the run beside the hog. Needs java 17, mvn, python3 (and git for BEFORE). The whole run takes
# 20-40 minutes on a 2-core machine. Writes into a temporary directory, removed at the end with the busy loops
# and the worktree.
set -euo pipefail

kit="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${RUNS:-5}"
CLASS_RUNS="${CLASS_RUNS:-5}"
MVN_RUNS="${MVN_RUNS:-5}"
HEAP_CLASS="${HEAP_CLASS:-100}"
HOG="${HOG:-$(nproc 2>/dev/null || echo 2)}"
PARTS="${PARTS:-single,class,mvn,heap}"
BEFORE="${BEFORE:-}"
BEFORE_RUNS="${BEFORE_RUNS:-$CLASS_RUNS}"
extra=()
[ -n "${JOBS:-}" ] && extra+=(--jobs "$JOBS")
[ -n "${JVMS:-}" ] && extra+=(--jvms "$JVMS")
part() { case ",$PARTS," in *",$1,"*|*,all,*) return 0 ;; *) return 1 ;; esac; }
for p in ${PARTS//,/ }; do
    case "$p" in single|class|mvn|heap|all|none) ;; *) echo "bench: unknown part '$p' in PARTS (single, class, mvn, heap, all, none)" >&2; exit 2 ;; esac
done
work="$(mktemp -d "${TMPDIR:-/tmp}/grader-bench.XXXXXX")"
hog_pids=()
before_tree=""
stop_hog() {
    for pid in "${hog_pids[@]}"; do kill "$pid" 2> /dev/null || true; done
    for pid in "${hog_pids[@]}"; do wait "$pid" 2> /dev/null || true; done
    hog_pids=()
}
cleanup() {
    stop_hog
    if [ -n "$before_tree" ]; then
        git -C "$kit" worktree remove --force "$before_tree" > /dev/null 2>&1 || true
        git -C "$kit" worktree prune > /dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
log() { echo "bench: $*" >&2; }

now() { date +%s.%N; }
median() { python3 -c 'import sys,statistics; print("%.2f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
elapsed() { python3 -c "print($2 - $1)"; }

load_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
"$kit/grade" --version > /dev/null   # builds the jar if needed
"$kit/grade" "$kit/solutions" --quiet > /dev/null   # warm-up: builds the jar and the grader's class-data archive
# From here on the jar itself, as ./grade runs it: a source changed meanwhile must not trigger a rebuild mid-run.
jar="$kit/grader/target/grader.jar"
jar_grade() { # jar_grade JAR ARGS...: the grader in JAR, as ./grade runs it (its class-data archive beside it)
    local j="$1"; shift
    local cds=(-Xshare:auto -Xlog:cds=off,cds+dynamic=off)
    [ -f "${j%.jar}.jsa" ] && cds+=("-XX:SharedArchiveFile=${j%.jar}.jsa")
    java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "${cds[@]}" -jar "$j" "$@"
}
grade() { jar_grade "$jar" "$@"; }

# A submission: the reference with one task package replaced by a fixture's.
overlay() { # overlay DEST FIXTURE_DIR|-
    mkdir -p "$1/src/main/java"
    cp -r "$kit/solutions/src/main/java/concurrency" "$1/src/main/java/"
    if [ "$2" != "-" ]; then
        local task pkg
        task="$(sed -n 's/^task=//p' "$2/fixture.properties" | tr -d '\r')"
        pkg="$task"; [ "$task" = "shared-counter" ] && pkg="shared"
        rm -rf "$1/src/main/java/concurrency/$pkg"
        cp -r "$2/src/main/java/concurrency/$pkg" "$1/src/main/java/concurrency/$pkg"
    fi
}
single=()
single_median="-"; single_score="-"
if part single; then
    log "1/4 one submission, $RUNS runs"
    for i in $(seq "$RUNS"); do
        t0="$(now)"; grade "$kit/solutions" --quiet "${extra[@]}" > "$work/single-$i.txt"; t1="$(now)"
        single+=("$(elapsed "$t0" "$t1")")
    done
    single_median="$(median "${single[@]}")"
    single_score="$(cat "$work/single-1.txt")"
fi

# The class of 30: 10 copies of the reference and 20 wrong fixtures (those that replace a whole package; fixtures
# written as text replacements in fixture.properties are skipped).
mapfile -t fixtures < <(find "$kit/grader/src/test/fixtures" -mindepth 2 -maxdepth 2 -name src -type d | xargs -n1 dirname | sort)
class="$work/class"
mkdir -p "$class"
for i in $(seq 1 10); do overlay "$class/reference-$i" -; done
step=$(( ${#fixtures[@]} / 20 )); [ "$step" -lt 1 ] && step=1
n=0
for ((k = 0; k < ${#fixtures[@]} && n < 20; k += step)); do
    overlay "$class/$(basename "${fixtures[$k]}")" "${fixtures[$k]}"; n=$((n + 1))
done
subs=("$class"/*)

# Grades the class once with JAR, JSON report to OUT; prints the wall time. Each run keeps its results in a
# directory of its own beside OUT (a grader without --results keeps none).
class_once() { # class_once JAR OUT
    local t0 t1 help results=()
    help="$(jar_grade "$1" --help 2>&1 || true)"
    case "$help" in *--results*) results=(--results "${2%.json}.results") ;; esac
    t0="$(now)"; jar_grade "$1" "$class"/* --quiet --json "$2" "${results[@]}" "${extra[@]}" > /dev/null; t1="$(now)"
    elapsed "$t0" "$t1"
}
# Compares the class reports given with the reports of grading each submission alone (in $work/alone):
# prints "identical" or "N differences, K in tests worth points", and every difference on standard error.
# A test worth no points (the counter's stress test, shown to the student) may differ by luck; K must be 0.
compare() { # compare LABEL CLASS_JSON...
    python3 - "$work/alone" "$@" <<'PY'
import json, os, sys
alone_dir, label, reports = sys.argv[1], sys.argv[2], sys.argv[3:]
def verdicts(s):
    return {(t["id"], x["name"]): (x["status"], x.get("maxPoints", 1)) for t in s["tasks"] for x in t["tests"]}
alone = {f[:-5]: verdicts(json.load(open(os.path.join(alone_dir, f)))) for f in os.listdir(alone_dir)}
diffs = worth = 0
for i, report in enumerate(reports, 1):
    for s in json.load(open(report))["submissions"]:
        v = verdicts(s)
        for k, (status, points) in alone[s["submission"]].items():
            got = v.get(k, (None, points))[0]
            if got != status:
                diffs += 1
                worth += 1 if points > 0 else 0
                print("  differs (%s): run %d %s %s: alone %s, class %s%s" % (label, i, s["submission"], k, status, got,
                      "" if points > 0 else " (worth no points)"), file=sys.stderr)
print("identical" if diffs == 0 else "%d differences, %d in tests worth points" % (diffs, worth))
PY
}

class_times=(); hog_times=()
class_median="-"; hog_median="-"; verdicts="-"; hog_verdicts="-"
if part class; then
    log "2/4 a class of 30, $CLASS_RUNS runs"
    quiet_reports=()
    for i in $(seq "$CLASS_RUNS"); do
        class_times+=("$(class_once "$jar" "$work/class-$i.json")")
        quiet_reports+=("$work/class-$i.json")
        log "   run $i: ${class_times[-1]} s"
    done
    class_median="$(median "${class_times[@]}")"
    if [ "$HOG" -gt 0 ]; then
        log "   the same class of 30 beside $HOG busy loops, $CLASS_RUNS runs"
        for _ in $(seq "$HOG"); do
            (while :; do :; done) &
            hog_pids+=("$!")
        done
        hog_reports=()
        for i in $(seq "$CLASS_RUNS"); do
            hog_times+=("$(class_once "$jar" "$work/hog-$i.json")")
            hog_reports+=("$work/hog-$i.json")
            log "   run $i with the hog: ${hog_times[-1]} s"
        done
        stop_hog
        hog_median="$(median "${hog_times[@]}")"
    fi
    log "   grading the 30 one at a time for the verdict comparison"
    mkdir -p "$work/alone"
    for sub in "$class"/*; do
        grade "$sub" --quiet --json "$work/alone/$(basename "$sub").json" "${extra[@]}" > /dev/null
    done
    verdicts="$(compare quiet "${quiet_reports[@]}")"
    if [ "$HOG" -gt 0 ]; then hog_verdicts="$(compare hog "${hog_reports[@]}")"; fi
fi

before_times=(); now_times=()
if [ -n "$BEFORE" ]; then
    log "the class of 30 side by side with $BEFORE, $BEFORE_RUNS runs each"
    before_rev="$(git -C "$kit" rev-parse --short "$BEFORE^{commit}")"
    before_tree="$work/before-src"
    git -C "$kit" worktree add --detach "$before_tree" "$before_rev" > /dev/null 2>&1
    log "   building $before_rev (mvn -B -q -DskipTests -pl grader -am package)"
    mvn -B -q -o -f "$before_tree/pom.xml" -DskipTests -pl grader -am package > "$work/before-build.log" 2>&1 \
        || mvn -B -q -f "$before_tree/pom.xml" -DskipTests -pl grader -am package > "$work/before-build.log" 2>&1 \
        || { cat "$work/before-build.log" >&2; log "$before_rev did not build"; exit 1; }
    before_jar="$work/before.jar"
    cp "$before_tree/grader/target/grader.jar" "$before_jar"
    # Its class-data archive, as ./grade makes on the first run.
    java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xlog:cds=off,cds+dynamic=off \
        "-XX:ArchiveClassesAtExit=${before_jar%.jar}.jsa" -jar "$before_jar" "$kit/solutions" --quiet > /dev/null
    for i in $(seq "$BEFORE_RUNS"); do
        before_times+=("$(class_once "$before_jar" "$work/before-$i.json")")
        now_times+=("$(class_once "$jar" "$work/now-$i.json")")
        log "   run $i: $before_rev ${before_times[-1]} s, now ${now_times[-1]} s"
    done
fi

mvn_times=()
mvn_median="-"; ratio="-"; class_ratio="-"; mvn_class="-"
if part mvn; then
log "3/4 the same hidden tests through mvn test, $MVN_RUNS submissions"
for i in $(seq 0 $((MVN_RUNS - 1))); do
    sub="${subs[$((i % ${#subs[@]}))]}"
    proj="$work/mvn-$i"
    mkdir -p "$proj/src/test/java"
    cp -r "$sub/src" "$proj/"
    cp -r "$kit/grader/src/hidden/java/." "$proj/src/test/java/"
    cat > "$proj/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>submission</artifactId><version>1</version>
  <properties><maven.compiler.release>17</maven.compiler.release><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
  <dependencyManagement><dependencies><dependency><groupId>org.junit</groupId><artifactId>junit-bom</artifactId>
    <version>5.14.4</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope></dependency>
    <dependency><groupId>com.tngtech.archunit</groupId><artifactId>archunit-junit5</artifactId><version>1.5.0</version><scope>test</scope></dependency>
    <dependency><groupId>org.assertj</groupId><artifactId>assertj-core</artifactId><version>3.27.7</version><scope>test</scope></dependency>
    <dependency><groupId>org.ow2.asm</groupId><artifactId>asm</artifactId><version>9.9.1</version><scope>test</scope></dependency>
  </dependencies>
  <build><plugins>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.6</version>
      <configuration><argLine>-XX:ActiveProcessorCount=3</argLine><includes><include>**/*HiddenTest.java</include></includes>
      <testFailureIgnore>true</testFailureIgnore></configuration></plugin>
  </plugins></build>
</project>
POM
    t0="$(now)"; mvn -B -q -o -f "$proj/pom.xml" test > "$proj/mvn.log" 2>&1 || mvn -B -q -f "$proj/pom.xml" test > "$proj/mvn.log" 2>&1 || true; t1="$(now)"
    mvn_times+=("$(elapsed "$t0" "$t1")")
done
mvn_median="$(median "${mvn_times[@]}")"
mvn_class="$(python3 -c "print('%.0f' % (30 * $mvn_median))")"
[ "$single_median" != - ] && ratio="$(python3 -c "print('%.1f' % ($mvn_median / $single_median))")"
# A class the Classroom way is one mvn test per submission; our class mode grades the 30 side by side.
[ "$class_median" != - ] && class_ratio="$(python3 -c "print('%.1f' % (30 * $mvn_median / $class_median))")"
fi

heap_status="-"; graded="-"; peak="-"; live="-"; heap_wall="-"
if part heap; then
log "4/4 heap for a class of $HEAP_CLASS (-Xmx256m)"
heap="$work/heap"
mkdir -p "$heap"
for i in $(seq 1 "$HEAP_CLASS"); do
    src="${subs[$(((i - 1) % ${#subs[@]}))]}"
    cp -r "$src" "$heap/sub-$i"
done
t0="$(now)"
heap_status=0
java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "-Xlog:gc:file=$work/gc.log" -jar "$jar" "$heap"/* --quiet \
    --csv "$work/heap.csv" --results "$work/heap.results" "${extra[@]}" > /dev/null || heap_status=$?
t1="$(now)"
heap_wall="$(python3 -c "print('%.0f' % ($t1 - $t0))")"
read -r peak live <<< "$(python3 - "$work/gc.log" <<'PY'
import re, sys
peak = live = 0
for line in open(sys.argv[1]):
    m = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", line)
    if m:
        peak = max(peak, int(m.group(1)))
        if "Pause Full" in line:
            live = max(live, int(m.group(2)))
print(peak, live)
PY
)"
graded="$(($(wc -l < "$work/heap.csv") - 1))"
fi

load_end="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
row() { printf '| %-46s | %-66s | %-9s |\n' "$@"; }
echo
echo "machine: $(nproc 2>/dev/null || echo '?') cores; load average at start ${load_start}, at end ${load_end} (other work on the machine slows every number)"
echo
row measurement result target
row "$(printf '%.46s' ----------------------------------------------------------------)" \
    "$(printf '%.66s' ----------------------------------------------------------------------)" ---------
if part single; then row "one submission (reference), median of $RUNS" "${single_median} s (score ${single_score})" "<= 5 s"; fi
if part class; then
    row "class of 30, median of $CLASS_RUNS" "${class_median} s, verdicts vs one at a time: ${verdicts}" "<= 60 s"
    if [ "$HOG" -gt 0 ]; then
        row "class of 30 beside $HOG busy loops, median of $CLASS_RUNS" \
            "${hog_median} s, verdicts vs one at a time: ${hog_verdicts}" "identical"
    fi
fi
if [ -n "$BEFORE" ]; then
    row "class of 30, $before_rev then now, median of $BEFORE_RUNS" \
        "$(median "${before_times[@]}") s before, $(median "${now_times[@]}") s now (taken in turns)" "<= 60 s"
fi
if part mvn; then
    row "mvn test per submission, median of $MVN_RUNS" "${mvn_median} s, ratio ${ratio}x to one submission" ">= 5x"
    row "a class of 30: 30 x mvn test vs class mode" "${mvn_class} s vs ${class_median} s, ratio ${class_ratio}x" ">= 5x"
fi
if part heap; then row "class of $HEAP_CLASS with -Xmx256m" \
    "exit ${heap_status}, ${graded} rows, heap peak ${peak} MB (before GC), live after full GC ${live} MB, ${heap_wall} s" "<= 256 MB"; fi
echo
echo "runs: single ${single[*]:-}; class ${class_times[*]:-}; class with hog ${hog_times[*]:-}; mvn ${mvn_times[*]:-}"
if [ -n "$BEFORE" ]; then echo "runs side by side: $before_rev ${before_times[*]}; now ${now_times[*]}"; fi
