#!/usr/bin/env bash
# Writes the Classroom 50 autograder bundle: the folder an instructor copies to
#   <classroom>/autograders/<slug>/   in the classroom's private classroom50 repository.
#
#   bash grader/classroom50/build-bundle.sh DIR
#
# DIR gets autograder.py (Python standard library only) and grader.json: the URL of the kit's grader.jar
# and its SHA-256. The jar itself (about 20 MB, over Classroom 50's 10 MiB bundle limit) is not in the
# bundle: autograder.py downloads it for each grading and refuses it unless the checksum matches.
#   GRADER_JAR_URL   where the jar is published (default: the grader.jar asset of this kit's release
#                    v<version> on the repository named by GITHUB_REPOSITORY, when that is set)
#   GRADER_SHA256    its SHA-256 (default: the checksum of grader/target/grader.jar, built first if missing)
#   GRADER_TIME_LIMIT  seconds the grading may take (default 660: 11 of the job's 15 minutes)
set -euo pipefail

case "${1:-}" in
    ""|-h|--help) echo "usage: bash grader/classroom50/build-bundle.sh DIR" >&2; [ -n "${1:-}" ]; exit $? ;;
esac
kit="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$1"
jar="$kit/grader/target/grader.jar"

sha="${GRADER_SHA256:-}"
if [ -z "$sha" ]; then
    if [ ! -f "$jar" ]; then
        echo "build-bundle: building the grader jar..." >&2
        mvn -B -q -f "$kit/pom.xml" -DskipTests -pl grader -am package 1>&2
    fi
    sha="$(sha256sum "$jar" | cut -d' ' -f1)"
fi
url="${GRADER_JAR_URL:-}"
if [ -z "$url" ]; then
    if [ -z "${GITHUB_REPOSITORY:-}" ]; then
        echo "build-bundle: set GRADER_JAR_URL to where grader.jar is published (e.g. your release's asset URL)" >&2
        exit 2
    fi
    version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$kit/pom.xml" | head -1)"
    url="${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/releases/download/${GITHUB_REF_NAME:-v$version}/grader.jar"
fi
case "$sha" in
    *[!0-9a-f]*|"") echo "build-bundle: GRADER_SHA256 must be 64 lower-case hex digits, not '$sha'" >&2; exit 2 ;;
esac
[ "${#sha}" -eq 64 ] || { echo "build-bundle: GRADER_SHA256 must be 64 hex digits, not '$sha'" >&2; exit 2; }

mkdir -p "$out"
cp "$kit/grader/classroom50/autograder.py" "$out/autograder.py"
python3 - "$out/grader.json" "$url" "$sha" "${GRADER_TIME_LIMIT:-660}" <<'PY'
import json, sys
path, url, sha, seconds = sys.argv[1:]
with open(path, "w", encoding="utf-8") as f:
    json.dump({"url": url, "sha256": sha, "time_limit_seconds": int(seconds)}, f, indent=2)
    f.write("\n")
PY
size="$(tar -czf - -C "$out" . | wc -c)"
limit=$((10 * 1024 * 1024))
if [ "$size" -ge "$limit" ]; then
    echo "build-bundle: the bundle is $size bytes gzipped, over Classroom 50's limit of $limit" >&2
    exit 1
fi
echo "build-bundle: wrote $out (autograder.py, grader.json; $size bytes gzipped; grader $url sha256 $sha)"
