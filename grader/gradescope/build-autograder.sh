#!/usr/bin/env bash
# Builds the Gradescope autograder: a zip holding setup.sh, run_autograder and grader.jar at its root,
# to upload under "Configure Autograder" → "Zip file upload" (base image: Ubuntu 22.04 or later).
#
#   bash grader/gradescope/build-autograder.sh [OUTPUT.zip]
#
# OUTPUT defaults to grader/target/gradescope-autograder.zip. The jar is $GRADER_JAR, or
# grader/target/grader.jar, built with Maven first when it is missing. The zip contains the hidden
# tests: share it with Gradescope only, never with students.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
kit="$(cd "$here/../.." && pwd)"
out="${1:-$kit/grader/target/gradescope-autograder.zip}"
jar="${GRADER_JAR:-$kit/grader/target/grader.jar}"

if [ ! -f "$jar" ]; then
    if [ -n "${GRADER_JAR:-}" ]; then
        echo "build-autograder: GRADER_JAR=$jar does not exist" >&2
        exit 2
    fi
    echo "build-autograder: building the grader jar (mvn -B -q -DskipTests -pl grader -am package)"
    (cd "$kit" && mvn -B -q -DskipTests -pl grader -am package)
fi
command -v zip > /dev/null || { echo "build-autograder: the zip command is needed (apt-get install zip)" >&2; exit 2; }

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
for script in setup.sh run_autograder; do
    tr -d '\r' < "$here/$script" > "$stage/$script"    # Gradescope runs them on Linux: LF only
    chmod 755 "$stage/$script"
done
cp "$jar" "$stage/grader.jar"

mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
rm -f "$out"
(cd "$stage" && zip -q -X "$out" setup.sh run_autograder grader.jar)
echo "Wrote $out ($(du -h "$out" | cut -f1)): setup.sh, run_autograder, grader.jar"
