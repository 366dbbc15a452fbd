#!/usr/bin/env bash
# Verifies the template's GitHub Classroom autograding with Classroom's own published code, run
# locally with Node as the Actions runner runs it (INPUT_* variables, GITHUB_OUTPUT, <ID>_RESULTS):
#
#   - the exported template (grader/export-template.sh) holds no hidden test and builds alone;
#   - .github/workflows/classroom.yml + autograding-grading-reporter@v1 prints "Points 100/100" for the
#     reference solutions, "Points 0/100" for the untouched template, partial points for a wrong fixture;
#   - docs/classroom/classroom-per-task.yml with autograding-command-grader@v1 (all or nothing per task);
#   - .github/classroom/autograding.json with the legacy education/autograding@v1.
#
# The actions' code is not part of the kit. Get it once (any directory; a bare clone works too):
#   git clone -q --depth 1 --branch v1 https://github.com/classroom-resources/autograding-grading-reporter
#   git clone -q --depth 1 --branch v1 https://github.com/classroom-resources/autograding-command-grader
#   git clone -q --depth 1 --branch v1 https://github.com/education/autograding
# and point at it:
#   CLASSROOM_REPORTER_DIR=…/autograding-grading-reporter \
#   CLASSROOM_COMMAND_GRADER_DIR=…/autograding-command-grader \
#   CLASSROOM_LEGACY_AUTOGRADING_DIR=…/autograding \
#   bash grader/classroom/verify-classroom.sh
# Each directory must hold the action's dist/ bundle (dist/main.js; dist/index.js for the legacy one),
# or be a git directory with the tag v1 (another ref: CLASSROOM_REPORTER_DIR_REF=…, etc.).
# Without CLASSROOM_REPORTER_DIR only the template check runs and the rest is skipped with a message.
#
# Other variables: GRADER_JAR (default grader/target/grader.jar, built when missing), WRONG_FIXTURE
# (a directory name under grader/src/test/fixtures/; default: the first that loses points),
# VERIFY_LOGS (default grader/target/classroom-verify: every step's output), KEEP_SCRATCH=1.
# Needs java 17, mvn, node 20, python3 with PyYAML, jq, curl, git. Exit status 0 when every check passed.
set -euo pipefail

kit="$(cd "$(dirname "$0")/../.." && pwd)"

missing=()
for tool in java mvn node python3 jq curl git tar; do
    command -v "$tool" > /dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "SKIP: verify-classroom needs ${missing[*]} on PATH."
    exit 0
fi
if ! python3 -c 'import yaml' 2> /dev/null; then
    echo "SKIP: verify-classroom needs PyYAML for python3 (apt-get install python3-yaml)."
    exit 0
fi

export GRADER_JAR="${GRADER_JAR:-$kit/grader/target/grader.jar}"
if [ ! -f "$GRADER_JAR" ]; then
    echo "Building the grader jar (mvn -B -q -DskipTests -pl grader -am package) ..."
    (cd "$kit" && mvn -B -q -DskipTests -pl grader -am package)
fi
help="$(java -jar "$GRADER_JAR" --help 2>&1 || true)"
if [[ "$help" != *--classroom* ]]; then
    echo "FAIL: $GRADER_JAR does not offer --classroom (is it the real grader? rebuild it)." >&2
    exit 1
fi

exec python3 "$kit/grader/classroom/verify_classroom.py"
