#!/usr/bin/env bash
# Verifies the kit's Classroom 50 autograder bundle with Classroom 50's own grading code, run offline:
# Classroom 50's runner.py grades local git repositories of the Classroom 50 template, with a loopback
# HTTP server standing in for the classroom's Pages site (the bundle at <classroom>/autograders/<slug>.tar.gz)
# and the grader jar served from a file:// URL (GRADER_JAR_URL) checked against its SHA-256.
#
#   CLASSROOM50_RUNNER=/path/to/runner.py bash grader/classroom50/verify-classroom50.sh
#
# runner.py is Classroom 50's cli/gh-teacher/skeleton/dotgithub/scripts/runner.py (foundation50/classroom50);
# it is not part of the kit. CLASSROOM50_SCHEMA may name its schemas/result-v1.schema.json (checked with the
# Python jsonschema package when both are there). Without CLASSROOM50_RUNNER the script prints SKIP and exits 0.
#
# Cases: the untouched template (0), the template with the reference solutions (full marks), a wrong
# fixture over the solutions (exactly the points the grader's own JSON report gives it), and a submission
# without sources (0 with the reason). Each checks result.json's score, the runner's status output,
# runner.validate_result, the schema, and that grading added only result.json and release-body.md.
# Other variables: GRADER_JAR (default grader/target/grader.jar, built when missing), WRONG_FIXTURE
# (default choosing--long-overflow: a deterministic wrong answer, so both gradings agree), KEEP_SCRATCH=1. Exit status 0 when every check passed.
set -euo pipefail

kit="$(cd "$(dirname "$0")/../.." && pwd)"
runner="${CLASSROOM50_RUNNER:-}"
if [ -z "$runner" ] || [ ! -f "$runner" ]; then
    echo "SKIP: set CLASSROOM50_RUNNER to Classroom 50's runner.py (cli/gh-teacher/skeleton/dotgithub/scripts/runner.py of foundation50/classroom50) to run this check."
    exit 0
fi
for tool in java python3 git tar; do
    command -v "$tool" > /dev/null || { echo "SKIP: verify-classroom50 needs $tool on PATH."; exit 0; }
done

jar="${GRADER_JAR:-$kit/grader/target/grader.jar}"
if [ ! -f "$jar" ]; then
    mvn -B -q -f "$kit/pom.xml" -DskipTests -pl grader -am package 1>&2
fi
fixture="${WRONG_FIXTURE:-choosing--long-overflow}"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/verify-classroom50.XXXXXX")"
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2> /dev/null || true
    [ "${KEEP_SCRATCH:-0}" = 1 ] || rm -rf "$scratch"
}
trap cleanup EXIT

classroom=cs-concurrency
slug=concurrency-kit
failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The bundle, published as Classroom 50's publish step does: <classroom>/autograders/<slug>.tar.gz
# holding <slug>/autograder.py and its siblings.
sha="$(sha256sum "$jar" | cut -d' ' -f1)"
GRADER_JAR_URL="file://$jar" GRADER_SHA256="$sha" bash "$kit/grader/classroom50/build-bundle.sh" \
    "$scratch/repo/$classroom/autograders/$slug" > /dev/null
mkdir -p "$scratch/pages/$classroom/autograders"
tar -czf "$scratch/pages/$classroom/autograders/$slug.tar.gz" -C "$scratch/repo/$classroom/autograders" "$slug"
bytes="$(wc -c < "$scratch/pages/$classroom/autograders/$slug.tar.gz" | tr -d ' ')"
if [ "$bytes" -lt $((10 * 1024 * 1024)) ]; then
    pass "bundle is $bytes bytes gzipped (limit 10 MiB)"
else
    fail "bundle is $bytes bytes gzipped, over 10 MiB"
fi
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$scratch/pages" > "$scratch/http.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2> /dev/null && break
    sleep 0.1
done

# The four student repositories.
bash "$kit/grader/export-template.sh" --classroom50 "$scratch/template" > /dev/null
make_repo() { # name, then a command that edits the checkout
    local dir="$scratch/students/$1"
    mkdir -p "$scratch/students"
    cp -R "$scratch/template" "$dir"
    (cd "$dir" && eval "$2")
    git -C "$dir" init -q -b main
    git -C "$dir" -c user.name=student -c user.email=student@example.com add -A
    git -C "$dir" -c user.name=student -c user.email=student@example.com commit -q -m "submission"
}
make_repo template ":"
make_repo reference "rm -rf src/main/java/concurrency && cp -R '$kit/solutions/src/main/java/concurrency' src/main/java/"
make_repo wrong "rm -rf src/main/java/concurrency && cp -R '$kit/solutions/src/main/java/concurrency' src/main/java/ && cp -R '$kit/grader/src/test/fixtures/$fixture/src/main/java/concurrency/.' src/main/java/concurrency/"
make_repo no-sources "rm -rf src/main"

# The wrong fixture's exact score, from the grader's own JSON report.
java -jar "$jar" "$scratch/students/wrong" --quiet --json "$scratch/wrong-exact.json" > /dev/null
wrong_exact="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['score'])" "$scratch/wrong-exact.json")"

grade_with_runner() { # name → writes $scratch/out/<name>.{log,status}
    local name="$1" dir="$scratch/students/$1" sha_head
    sha_head="$(git -C "$dir" rev-parse HEAD)"
    mkdir -p "$scratch/out" "$scratch/runner-temp/$name"
    : > "$scratch/out/$name.output"
    (cd "$dir" && env -u GRADER_JAR_URL -u GRADER_SHA256 \
        PAGES_BASE_URL="http://127.0.0.1:$port" CLASSROOM="$classroom" ASSIGNMENT="$slug" \
        SUBMISSION_TAG="submit/20261201T120000Z-${sha_head:0:7}" GITHUB_REPOSITORY="org/$classroom-$slug-$name" \
        GITHUB_SHA="$sha_head" GITHUB_SERVER_URL="https://github.com" GITHUB_ACTOR="$name" MODE=individual \
        GITHUB_OUTPUT="$scratch/out/$name.output" RUNNER_TEMP="$scratch/runner-temp/$name" \
        python3 "$runner") > "$scratch/out/$name.log" 2>&1
    echo $? > "$scratch/out/$name.rc"
}

check() { # name, expected score, expected status, expected reason fragment (or "")
    local name="$1" want="$2" want_status="$3" reason="$4" dir="$scratch/students/$1"
    grade_with_runner "$name" || true
    python3 - "$runner" "$dir" "$scratch/out/$name.output" "$want" "$want_status" "$reason" "$classroom" "$slug" \
        "${CLASSROOM50_SCHEMA:-}" "$name" <<'PY' && pass "$name" || fail "$name (log: $scratch/out/$name.log)"
import importlib.util, json, pathlib, subprocess, sys
runner_path, checkout, output, want, want_status, reason, classroom, slug, schema_path, name = sys.argv[1:]
spec = importlib.util.spec_from_file_location("c50runner", runner_path)
runner = importlib.util.module_from_spec(spec)
spec.loader.exec_module(runner)
checkout = pathlib.Path(checkout)
result = json.loads((checkout / "result.json").read_text())
body = (checkout / "release-body.md").read_text()
outputs = dict(line.split("=", 1) for line in pathlib.Path(output).read_text().splitlines() if "=" in line)
problems = []
err = runner.validate_result(result, classroom=classroom, assignment=slug, expected_type="individual")
if err:
    problems.append(f"validate_result: {err}")
if schema_path:
    import jsonschema
    try:
        jsonschema.validate(result, json.loads(pathlib.Path(schema_path).read_text()))
    except jsonschema.ValidationError as e:
        problems.append(f"schema: {e.message}")
if result["score"] != int(want):
    problems.append(f"score {result['score']}, expected {want}")
if outputs.get("status") != want_status:
    problems.append(f"status {outputs.get('status')!r}, expected {want_status!r}")
if reason and reason not in body:
    problems.append(f"release-body.md does not give the reason {reason!r}")
if reason and not all(t["score"] == 0 and "message" in t for t in result["tests"]):
    problems.append("an ungraded submission must have every task at 0 with the reason")
if len(result["tests"]) != 9:
    problems.append(f"{len(result['tests'])} task rows, expected 9")
added = subprocess.run(["git", "-C", str(checkout), "status", "--porcelain", "--untracked-files=all", "--ignored"],
                       capture_output=True, text=True, check=True).stdout.split("\n")
added = sorted(line[3:] for line in added if line)
if added != ["release-body.md", "result.json"]:
    problems.append(f"grading changed the checkout beyond result.json and release-body.md: {added}")
print(f"{name}: score {result['score']}/{result['max-score']}, status {outputs.get('status')},"
      f" {len(body)} chars of release body, validate_result {'ok' if not err else err}"
      + (", schema ok" if schema_path and not any(p.startswith('schema') for p in problems) else ""))
for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
PY
}

wrong_floor="$(python3 -c "import math,sys; print(math.floor(float(sys.argv[1]) + 1e-9))" "$wrong_exact")"
echo "wrong fixture $fixture: the grader's exact score is $wrong_exact, so result.json must say $wrong_floor"
check template 0 failure ""
check reference 100 success ""
check wrong "$wrong_floor" failure ""
check no-sources 0 failure "no src/main/java/concurrency/"
if [ "$wrong_floor" -ge 100 ]; then
    fail "the wrong fixture $fixture got full marks"
fi

if [ "$failures" -eq 0 ]; then
    echo "verify-classroom50: every check passed"
else
    echo "verify-classroom50: $failures check(s) failed"
    exit 1
fi
