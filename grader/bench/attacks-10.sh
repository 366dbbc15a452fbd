#!/usr/bin/env bash
# Grades every attack fixture of grader/src/test/attacks/ RUNS times (default 10) in one run of AttacksTest
# (-Dkit.grader.attacks.repeat) and prints each submission's verdict per run: every task's score and every test's
# status (p passed, f failed, e error, t timeout, n not implemented). AttacksTest itself checks that every run
# gives the same verdicts and the exact expected scores. Takes about 40 s per run on a 2-core machine.
# Usage: grader/bench/attacks-10.sh            (env: RUNS=10)
set -euo pipefail

kit="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${RUNS:-10}"
cd "$kit"
status=0
mvn -B -o -q -pl grader -am test -Dtest=AttacksTest -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
    -Dkit.grader.attacks.repeat="$RUNS" || status=$?
summary=grader/target/attacks-summary.txt
echo
echo "== verdicts per run ($summary)"
sort -t' ' -k3,3 -k2,2n "$summary" | grep '^run' | grep -v ' group '
echo
echo "== distinct verdicts per submission (1 = the same in every run)"
grep '^run' "$summary" | grep -v ' group ' | sed -E 's/^run [0-9]+ //' | sort | uniq -c \
    | awk '{name=$2; sub(":", "", name); n[name]++} END {for (s in n) printf "%-45s %d\n", s, n[s]}' | sort
echo
grep ' group ' "$summary"
exit "$status"
