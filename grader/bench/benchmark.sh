#!/usr/bin/env bash
# Measures the grader against the issue's targets and prints a small table:
#   1. one submission (the reference, all nine tasks), end to end: median of RUNS runs of ./grade;
#   2. a class of 30 (copies of the reference and of wrong fixtures) in class mode: median wall of CLASS_RUNS runs,
#      and the verdicts of every run compared, test by test, with grading each submission alone;
#   3. the usual GitHub Classroom way: the same hidden tests through `mvn test` in a Maven project per submission,
#      median of MVN_RUNS submissions, and its ratio to (1) and, for a class, 30 of them to (2);
#   4. the grader's heap for a class of HEAP_CLASS: graded with -Xmx256m, peak heap after GC from the GC log.
# Usage: grader/bench/benchmark.sh            (env: RUNS=5 CLASS_RUNS=5 MVN_RUNS=5 HEAP_CLASS=100 JOBS= JVMS=)
# Needs java 17, mvn, python3. Takes 10-20 minutes on a 2-core machine. Writes into a temporary directory.
set -euo pipefail

kit="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${RUNS:-5}"
CLASS_RUNS="${CLASS_RUNS:-5}"
MVN_RUNS="${MVN_RUNS:-5}"
HEAP_CLASS="${HEAP_CLASS:-100}"
extra=()
[ -n "${JOBS:-}" ] && extra+=(--jobs "$JOBS")
[ -n "${JVMS:-}" ] && extra+=(--jvms "$JVMS")
work="$(mktemp -d "${TMPDIR:-/tmp}/grader-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log() { echo "bench: $*" >&2; }

now() { date +%s.%N; }
median() { python3 -c 'import sys,statistics; print("%.2f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

load_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
"$kit/grade" --version > /dev/null   # builds the jar if needed
"$kit/grade" "$kit/solutions" --quiet > /dev/null   # warm-up: builds the jar and the grader's class-data archive
# From here on the jar itself, as ./grade runs it: a source changed meanwhile must not trigger a rebuild mid-run.
jar="$kit/grader/target/grader.jar"
grade() {
    local cds=(-Xshare:auto -Xlog:cds=off,cds+dynamic=off)
    [ -f "$kit/grader/target/grader.jsa" ] && cds+=("-XX:SharedArchiveFile=$kit/grader/target/grader.jsa")
    java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "${cds[@]}" -jar "$jar" "$@"
}

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

log "1/4 one submission, $RUNS runs"
single=()
for i in $(seq "$RUNS"); do
    t0="$(now)"; grade "$kit/solutions" --quiet "${extra[@]}" > "$work/single-$i.txt"; t1="$(now)"
    single+=("$(python3 -c "print($t1 - $t0)")")
done
single_median="$(median "${single[@]}")"
single_score="$(cat "$work/single-1.txt")"

log "2/4 a class of 30, $CLASS_RUNS runs"
# Fixtures that replace a whole package (those written as text replacements in fixture.properties are skipped).
mapfile -t fixtures < <(find "$kit/grader/src/test/fixtures" -mindepth 2 -maxdepth 2 -name src -type d | xargs -n1 dirname | sort)
class="$work/class"
mkdir -p "$class"
for i in $(seq 1 10); do overlay "$class/reference-$i" -; done
step=$(( ${#fixtures[@]} / 20 )); [ "$step" -lt 1 ] && step=1
n=0
for ((k = 0; k < ${#fixtures[@]} && n < 20; k += step)); do
    overlay "$class/$(basename "${fixtures[$k]}")" "${fixtures[$k]}"; n=$((n + 1))
done
class_times=()
for i in $(seq "$CLASS_RUNS"); do
    t0="$(now)"; grade "$class"/* --quiet --json "$work/class-$i.json" "${extra[@]}" > /dev/null; t1="$(now)"
    class_times+=("$(python3 -c "print($t1 - $t0)")")
done
class_median="$(median "${class_times[@]}")"
log "   grading the 30 one at a time for the verdict comparison"
mkdir -p "$work/alone"
for sub in "$class"/*; do
    grade "$sub" --quiet --json "$work/alone/$(basename "$sub").json" "${extra[@]}" > /dev/null
done
verdicts="$(python3 - "$work" "$CLASS_RUNS" <<'PY'
import json, os, sys
work, runs = sys.argv[1], int(sys.argv[2])
def verdicts(s):
    return {(t["id"], x["name"]): x["status"] for t in s["tasks"] for x in t["tests"]}
alone = {f[:-5]: verdicts(json.load(open(os.path.join(work, "alone", f)))) for f in os.listdir(os.path.join(work, "alone"))}
diffs = 0
for i in range(1, runs + 1):
    for s in json.load(open(os.path.join(work, "class-%d.json" % i)))["submissions"]:
        v = verdicts(s)
        for k, status in alone[s["submission"]].items():
            if v.get(k) != status:
                diffs += 1
                print("  differs: run %d %s %s: alone %s, class %s" % (i, s["submission"], k, status, v.get(k)), file=sys.stderr)
print("identical" if diffs == 0 else "%d differences" % diffs)
PY
)"

log "3/4 the same hidden tests through mvn test, $MVN_RUNS submissions"
mvn_times=()
subs=("$class"/*)
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
    mvn_times+=("$(python3 -c "print($t1 - $t0)")")
done
mvn_median="$(median "${mvn_times[@]}")"
ratio="$(python3 -c "print('%.1f' % ($mvn_median / $single_median))")"
# A class the Classroom way is one mvn test per submission; our class mode grades the 30 side by side.
class_ratio="$(python3 -c "print('%.1f' % (30 * $mvn_median / $class_median))")"

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
    --csv "$work/heap.csv" "${extra[@]}" > /dev/null || heap_status=$?
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

load_end="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
cat <<TABLE

machine: $(nproc 2>/dev/null || echo '?') cores; load average at start ${load_start}, at end ${load_end} (other work on the machine slows every number)

| measurement                                   | result                                   | target      |
|-----------------------------------------------|------------------------------------------|-------------|
| one submission (reference), median of $RUNS       | ${single_median} s (score ${single_score})                | <= 5 s      |
| class of 30, median of $CLASS_RUNS                   | ${class_median} s, verdicts vs one at a time: ${verdicts} | <= 60 s     |
| mvn test per submission, median of $MVN_RUNS          | ${mvn_median} s, ratio ${ratio}x to one submission        | >= 5x       |
| a class of 30: 30 x mvn test vs class mode    | $(python3 -c "print('%.0f' % (30 * $mvn_median))") s vs ${class_median} s, ratio ${class_ratio}x          | >= 5x       |
| class of $HEAP_CLASS with -Xmx256m                     | exit ${heap_status}, ${graded} rows, heap peak ${peak} MB (before GC), live after full GC ${live} MB, ${heap_wall} s | <= 256 MB   |

runs: single ${single[*]}; class ${class_times[*]}; mvn ${mvn_times[*]}
TABLE
