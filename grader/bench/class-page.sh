#!/usr/bin/env bash
# What the class page (--html) and the similarity check (--similarity) add to grading a class of CLASS
# submissions (default 100: copies of the reference and of the wrong-code fixtures):
#   1. grades the class once with --json and times it (the cost of grading);
#   2. times, RUNS times each and interleaved, `grade merge` of that JSON report writing the CSV only, the CSV
#      and the class page, and the CSV and the similarity report: the differences are what --html and
#      --similarity add, since a class run writes its outputs with the same code after grading;
#   3. prints medians, the page's size and the targets (--html: at most 10 % of grading; --similarity: at most 30 s).
# Usage: grader/bench/class-page.sh            (env: CLASS=100 RUNS=5 JOBS=)
# Needs java 17, mvn and python3. Takes about 5 minutes for a class of 100 on 2 cores. Writes into a temporary directory.
set -euo pipefail

kit="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CLASS="${CLASS:-100}"
RUNS="${RUNS:-5}"
extra=()
[ -n "${JOBS:-}" ] && extra+=(--jobs "$JOBS")
work="$(mktemp -d "${TMPDIR:-/tmp}/grader-class-page.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log() { echo "class-page: $*" >&2; }
now() { date +%s.%N; }
median() { python3 -c 'import sys,statistics; print("%.2f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

"$kit/grade" --version > /dev/null                                   # builds grader.jar if needed
"$kit/grade" "$kit/solutions" "$kit/exercises" --similarity --quiet > /dev/null   # and similarity.jar, warms up
jar="$kit/grader/target/grader.jar"
grade() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" "$@"; }

# A submission: the reference with one task package replaced by a fixture's (package fixtures only).
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
mapfile -t fixtures < <(find "$kit/grader/src/test/fixtures" -mindepth 2 -maxdepth 2 -name src -type d | xargs -n1 dirname | sort)
class="$work/class"
mkdir -p "$class"
for i in $(seq 1 "$CLASS"); do
    if (( i % 3 == 1 )); then
        overlay "$class/$(printf 'student-%03d' "$i")" -
    else
        overlay "$class/$(printf 'student-%03d' "$i")" "${fixtures[$(( i % ${#fixtures[@]} ))]}"
    fi
done

log "1/2 grading the class of $CLASS once"
t0="$(now)"; grade "$class"/* --quiet --json "$work/class.json" --results "$work/results" "${extra[@]}" > /dev/null; t1="$(now)"
grading="$(python3 -c "print('%.1f' % ($t1 - $t0))")"

log "2/2 merge: CSV only, + --html, + --similarity; $RUNS rounds"
plain=(); html=(); similarity=()
for i in $(seq "$RUNS"); do
    t0="$(now)"; grade merge "$work/class.json" --csv "$work/a.csv" > /dev/null; t1="$(now)"
    plain+=("$(python3 -c "print($t1 - $t0)")")
    t0="$(now)"; grade merge "$work/class.json" --csv "$work/b.csv" --html "$work/class.html" > /dev/null; t1="$(now)"
    html+=("$(python3 -c "print($t1 - $t0)")")
    t0="$(now)"; grade merge "$work/class.json" --csv "$work/c.csv" --similarity > /dev/null; t1="$(now)"
    similarity+=("$(python3 -c "print($t1 - $t0)")")
done
p="$(median "${plain[@]}")"; h="$(median "${html[@]}")"; s="$(median "${similarity[@]}")"
html_added="$(python3 -c "print('%.2f' % ($h - $p))")"
html_share="$(python3 -c "print('%.1f' % (100 * ($h - $p) / $grading))")"
similarity_added="$(python3 -c "print('%.2f' % ($s - $p))")"
pairs="$(($(wc -l < "$work/c-similarity.csv") - 1))"
page_kb="$(( $(wc -c < "$work/class.html") / 1024 ))"

cat <<TABLE

machine: $(nproc 2>/dev/null || echo '?') cores; class of $CLASS graded in ${grading} s

| measurement                              | result                                              | target        |
|------------------------------------------|-----------------------------------------------------|---------------|
| --html adds (median of $RUNS)              | ${html_added} s = ${html_share} % of grading; page ${page_kb} kB             | <= 10 %       |
| --similarity adds (median of $RUNS)        | ${similarity_added} s, ${pairs} pairs at or above the threshold          | <= 30 s       |

runs (s): merge CSV ${plain[*]}; + html ${html[*]}; + similarity ${similarity[*]}
TABLE
