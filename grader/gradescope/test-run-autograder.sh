#!/usr/bin/env bash
# Tries the Gradescope autograder locally: builds the zip, unpacks it into a fake /autograder tree
# (AUTOGRADER_ROOT) and runs run_autograder on sample submissions, checking results.json each time.
#
#   bash grader/gradescope/test-run-autograder.sh            the scenarios below
#   bash grader/gradescope/test-run-autograder.sh DIR        grade one submission directory, print results.json
#
# Scenarios: the template with the reference solutions (expects 100), the same as loose .java files
# dragged into Gradescope's upload dialog (100), the untouched template (0), the first wrong fixture
# of grader/src/test/fixtures/ (points lost on its task only), an empty upload (0 with a message).
# Needs java 17, zip, unzip and jq. Uses $GRADER_JAR or grader/target/grader.jar.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
kit="$(cd "$here/../.." && pwd)"
for tool in java zip unzip jq; do
    command -v "$tool" > /dev/null || { echo "test-run-autograder: $tool is needed" >&2; exit 2; }
done
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

bash "$here/build-autograder.sh" "$scratch/gradescope-autograder.zip" >&2
fake="$scratch/autograder"

# grade SUBMISSION_DIR: a fresh fake tree around it (Gradescope grades every submission in a new
# container made from the autograder's image), then run_autograder exactly as Gradescope would
grade() {
    rm -rf "$fake"
    mkdir -p "$fake/source" "$fake/submission" "$fake/results"
    unzip -q "$scratch/gradescope-autograder.zip" -d "$fake/source"
    [ -x "$fake/source/run_autograder" ] || { echo "FAIL run_autograder lost its executable bit in the zip" >&2; exit 1; }
    cp -R "$1/." "$fake/submission/"
    (cd "$fake" && AUTOGRADER_ROOT="$fake" "$fake/source/run_autograder" > "$scratch/run.log" 2>&1) || {
        echo "FAIL run_autograder exited non-zero; its output:" >&2; cat "$scratch/run.log" >&2; exit 1; }
    [ -s "$fake/results/results.json" ] || { echo "FAIL no results.json" >&2; cat "$scratch/run.log" >&2; exit 1; }
    jq -e '(.score | type == "number") and (.tests | type == "array")
           and all(.tests[]; (.name | type == "string") and (.score | type == "number"))
           and ((.tests | length) == 0 or (([.tests[].score] | add) - .score | fabs) < 0.01)' \
        "$fake/results/results.json" > /dev/null \
        || { echo "FAIL results.json lacks Gradescope's fields or its tests do not add up to its score:" >&2;
             cat "$fake/results/results.json" >&2; exit 1; }
}

if [ $# -eq 1 ]; then
    grade "$1"
    cat "$fake/results/results.json"
    exit 0
fi

# Scenario submissions.
bash "$kit/grader/export-template.sh" "$scratch/template" > /dev/null
cp -R "$scratch/template" "$scratch/reference"
rm -rf "$scratch/reference/src/main/java/concurrency"
cp -R "$kit/solutions/src/main/java/concurrency" "$scratch/reference/src/main/java/concurrency"
mkdir -p "$scratch/loose" "$scratch/empty"
find "$kit/solutions/src/main/java/concurrency" -name '*.java' -exec cp {} "$scratch/loose/" \;
echo "not a Java file" > "$scratch/empty/notes.txt"

failed=0
scenario() {   # scenario NAME DIR EXPECTED_SCORE
    grade "$2"
    local score tests
    score="$(jq -r '.score' "$fake/results/results.json")"
    tests="$(jq -r '.tests | length' "$fake/results/results.json")"
    if jq -e --argjson want "$3" '(.score - $want | fabs) < 0.01' "$fake/results/results.json" > /dev/null; then
        echo "ok   $1: results.json score $score ($tests tests)"
    else
        echo "FAIL $1: results.json score $score, expected $3 ($tests tests)"
        failed=1
    fi
}
scenario "reference solutions in the template" "$scratch/reference" 100
scenario "reference solutions as loose .java files" "$scratch/loose" 100
scenario "untouched template" "$scratch/template" 0
# A wrong fixture (grader/src/test/fixtures/): loses some of its task's points, keeps every other point.
fixture=""
for properties in "$kit"/grader/src/test/fixtures/*/fixture.properties; do
    if [ -f "$properties" ] && grep -q '^verdict=loses-points' "$properties"; then
        fixture="$(dirname "$properties")"
        break
    fi
done
if [ -n "$fixture" ]; then
    task="$(sed -n 's/^task=//p' "$fixture/fixture.properties")"
    package="$(ls "$fixture/src/main/java/concurrency")"
    cp -R "$scratch/reference" "$scratch/wrong"
    rm -rf "$scratch/wrong/src/main/java/concurrency/$package"
    cp -R "$fixture/src/main/java/concurrency/$package" "$scratch/wrong/src/main/java/concurrency/$package"
    grade "$scratch/wrong"
    score="$(jq -r '.score' "$fake/results/results.json")"
    lost="$(jq -r --arg t "$task: " '[.tests[] | select(.name | startswith($t)) | .max_score - .score] | add' \
        "$fake/results/results.json")"
    others="$(jq -r --arg t "$task: " '[.tests[] | select(.name | startswith($t) | not) | .max_score - .score] | add // 0' \
        "$fake/results/results.json")"
    if jq -e -n --argjson lost "$lost" --argjson others "$others" '$lost > 0 and $others == 0' > /dev/null; then
        echo "ok   wrong fixture $(basename "$fixture"): results.json score $score (lost $lost on $task only)"
    else
        echo "FAIL wrong fixture $(basename "$fixture"): results.json score $score (lost $lost on $task, $others elsewhere)"
        failed=1
    fi
fi
scenario "upload without Java sources" "$scratch/empty" 0
echo "  (its message: $(jq -r '.output' "$fake/results/results.json"))"
exit "$failed"
