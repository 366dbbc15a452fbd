#!/usr/bin/env python3
"""Proves the template's autograding with GitHub Classroom's own published action code.

Run through verify-classroom.sh, which documents the environment variables. Steps:

1. Exports the student template (grader/export-template.sh), checks that it holds no hidden test and
   that it builds on its own (mvn -q test-compile).
2. Makes submissions from it: the untouched template, the template with the reference solutions,
   the reference with one task's package swapped for its stub, and the reference with one wrong
   fixture from grader/src/test/fixtures/ overlaid.
3. Runs the workflows as the Actions runner would: the steps' own `run` scripts with bash, the
   GITHUB_OUTPUT file, the `<STEP_ID>_RESULTS` and INPUT_* variables, and the actions' dist/ bundles
   with Node:
   - .github/workflows/classroom.yml: the grading step, then autograding-grading-reporter@v1;
   - docs/classroom/classroom-per-task.yml: autograding-command-grader@v1 per task, then the reporter;
   - .github/classroom/autograding.json with education/autograding@v1 (when its code is given).
   and checks the "Points N/M" line each one prints.
"""
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import yaml
except ImportError:  # pragma: no cover - reported by the caller
    print("SKIP: the Classroom check needs PyYAML to read the workflows (apt-get install python3-yaml).")
    sys.exit(0)

KIT = Path(__file__).resolve().parents[2]
WORKFLOW = KIT / "exercises/.github/workflows/classroom.yml"
PER_TASK = KIT / "docs/classroom/classroom-per-task.yml"
AUTOGRADING_JSON = KIT / "exercises/.github/classroom/autograding.json"
FIXTURES = KIT / "grader/src/test/fixtures"
PACKAGES = {
    "download": "download", "counter": "counter", "pipeline": "pipeline", "primes": "primes",
    "shared-counter": "shared", "gather": "gather", "resource": "resource", "iteration": "iteration",
    "choosing": "choosing",
}
DEFAULT_POINTS = {"download": 10, "counter": 10, "pipeline": 12, "primes": 10, "shared-counter": 12,
                  "gather": 12, "resource": 12, "iteration": 12, "choosing": 10}
POINTS_LINE = re.compile(r"Points (\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

failures = []


def say(line=""):
    print(line, flush=True)


def check(ok, what):
    say(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)
    return ok


def task_points():
    config = KIT / "grader/grading.json"
    if config.is_file():
        tasks = json.loads(config.read_text(encoding="utf-8")).get("tasks", {})
        points = {t: v.get("points") for t, v in tasks.items() if v.get("enabled", True)}
        if points:
            return points
    return dict(DEFAULT_POINTS)


# ---------------------------------------------------------------- the actions' code

def action_code(variable, entry, scratch):
    """The directory holding the action's `entry` (dist bundle): a checkout, or a git dir at tag v1."""
    location = os.environ.get(variable, "").strip()
    if not location:
        return None
    path = Path(location)
    if (path / entry).is_file():
        return path
    ref = os.environ.get(variable + "_REF", "v1")
    probe = subprocess.run(["git", "-C", str(path), "rev-parse", "--verify", "-q", ref + "^{commit}"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        say(f"note: {variable}={location} has no {entry} and no git ref {ref}")
        return None
    target = scratch / ("action-" + variable.lower())
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(path), "archive", ref], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target if (target / entry).is_file() else None


# ---------------------------------------------------------------- the Actions runner, simulated

def parse_github_output(path):
    """Reads a GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks."""
    outputs = {}
    if not path.exists():
        return outputs
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            i += 1
            while i < len(lines) and lines[i] != delimiter:
                value.append(lines[i])
                i += 1
            outputs[name] = "\n".join(value)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
        i += 1
    return outputs


def evaluate(text, context):
    """Replaces ${{ … }} expressions: vars.X, secrets.X, github.token, steps.ID.outputs.X, with ||."""
    def one(match):
        for term in match.group(1).split("||"):
            term = term.strip()
            value = context.get(term, "")
            if value:
                return str(value)
        return ""
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", one, str(text))


def runner_env(home, extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_", "CLASSROOM_", "LEGACY_"))}
    env.update({"HOME": str(home), "CI": "true", "GITHUB_ACTIONS": "true"})
    env.update(extra)
    return env


def run_script(script, cwd, env, log):
    """A `run:` step: bash --noprofile --norc -eo pipefail {0}, as on ubuntu-latest."""
    file = log.with_suffix(".sh")
    file.write_text(script, encoding="utf-8")
    with open(log, "w", encoding="utf-8") as out:
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(file)], cwd=cwd, env=env,
                              stdout=out, stderr=subprocess.STDOUT, timeout=1800)
    return done.returncode


def run_node(entry, cwd, env, log):
    done = subprocess.run(["node", str(entry)], cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)
    text = done.stdout + done.stderr
    log.write_text(text, encoding="utf-8")
    return done.returncode, ANSI.sub("", text)


def input_env(inputs, context):
    """with: inputs as the runner passes them: INPUT_<NAME upper-cased, spaces as _>."""
    return {"INPUT_" + name.replace(" ", "_").upper(): evaluate(value, context) for name, value in inputs.items()}


def steps_of(workflow):
    jobs = workflow["jobs"]
    return next(iter(jobs.values()))["steps"]


def reporter_lines(text):
    keep = [line for line in text.splitlines()
            if line.startswith(("🔄", "Total points", "🏆", "::notice", "::error"))
            or "Points" in line or "│ Total" in line]
    return keep


def points_of(text):
    found = POINTS_LINE.findall(text)
    return (float(found[-1][0]), float(found[-1][1])) if found else None


def fmt(number):
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


# ---------------------------------------------------------------- submissions

def export_template(target, logs):
    done = subprocess.run(["bash", str(KIT / "grader/export-template.sh"), str(target)],
                          capture_output=True, text=True)
    (logs / "export-template.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    return done.returncode == 0


def replace_package(submission, package, source):
    target = submission / "src/main/java/concurrency" / package
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)


def wrong_fixture():
    """(name, task, description) of the fixture to use: $WRONG_FIXTURE or the first that loses points."""
    if not FIXTURES.is_dir():
        return None
    wanted = os.environ.get("WRONG_FIXTURE", "").strip()
    for fixture in sorted(FIXTURES.iterdir()):
        props_file = fixture / "fixture.properties"
        if not props_file.is_file() or (wanted and fixture.name != wanted):
            continue
        props = {}
        for line in props_file.read_text(encoding="utf-8").splitlines():
            if "=" in line and not line.lstrip().startswith("#"):
                key, value = line.split("=", 1)
                props[key.strip()] = value.strip()
        if props.get("verdict") == "loses-points" and props.get("task") in PACKAGES:
            return fixture, props["task"], props.get("description", "")
    return None


# ---------------------------------------------------------------- the checks

def check_template(template, logs):
    say("== The exported template")
    hidden = [str(p.relative_to(template)) for p in template.rglob("*")
              if "HiddenTest" in p.name or p.suffix == ".jar" or "src/hidden" in str(p)
              or (p.suffix == ".java" and re.search(r"kit\.testing|@Graded\b", p.read_text(encoding="utf-8",
                                                                                            errors="replace")))]
    check(not hidden, "the exported template contains no hidden test or grader code"
          + (f" (found: {', '.join(hidden)})" if hidden else ""))
    check(not any(p.name == "target" for p in template.rglob("target")), "the exported template has no target/")
    for required in [".github/workflows/classroom.yml", ".github/classroom/autograding.json", ".gitignore",
                     "pom.xml", "README.md", "src/main/java/concurrency", "src/test/java/concurrency",
                     "src/demo/java/concurrency"]:
        check((template / required).exists(), f"the exported template has {required}")
    with open(logs / "template-test-compile.log", "w", encoding="utf-8") as out:
        done = subprocess.run(["mvn", "-B", "-q", "test-compile"], cwd=template, stdout=out,
                              stderr=subprocess.STDOUT, timeout=1800)
    check(done.returncode == 0, "the exported template builds alone: mvn -q test-compile"
          + ("" if done.returncode == 0 else f" exited {done.returncode}; see {logs / 'template-test-compile.log'}"))
    shutil.rmtree(template / "target", ignore_errors=True)


def check_static(points):
    say("== The workflow files")
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    check(wf.get("name") == "Autograding Tests", "classroom.yml is named 'Autograding Tests'")
    check("run-autograding-tests" in wf["jobs"], "classroom.yml has the job run-autograding-tests")
    check(wf.get("permissions") == {"checks": "write", "actions": "read", "contents": "read"},
          "classroom.yml has permissions checks: write, actions: read, contents: read")
    triggers = wf.get("on", wf.get(True))
    check(set(triggers) == {"push", "workflow_dispatch", "repository_dispatch"},
          "classroom.yml runs on push, workflow_dispatch and repository_dispatch")
    steps = steps_of(wf)
    reporter = [s for s in steps if str(s.get("uses", "")).startswith(
        "classroom-resources/autograding-grading-reporter@v1")]
    if check(len(reporter) == 1, "classroom.yml ends with autograding-grading-reporter@v1"):
        runners = [r.strip() for r in reporter[0]["with"]["runners"].split(",")]
        for runner in runners:
            value = reporter[0].get("env", {}).get(runner.upper() + "_RESULTS", "")
            check(re.fullmatch(r"\$\{\{\s*steps\." + re.escape(runner) + r"\.outputs\.result\s*\}\}", value)
                  is not None, f"the reporter gets {runner.upper()}_RESULTS from steps.{runner}.outputs.result")
            step = [s for s in steps if s.get("id") == runner]
            check(len(step) == 1 and "--classroom" in step[0].get("run", "")
                  and '--markdown "$GITHUB_STEP_SUMMARY"' in step[0].get("run", ""),
                  f"step {runner} runs the grader with --classroom --markdown \"$GITHUB_STEP_SUMMARY\"")
    per_task = yaml.safe_load(PER_TASK.read_text(encoding="utf-8"))
    graders = [s for s in steps_of(per_task) if str(s.get("uses", "")).startswith(
        "classroom-resources/autograding-command-grader@v1")]
    got = {s["with"]["test-name"]: int(s["with"]["max-score"]) for s in graders}
    check(got == points, f"classroom-per-task.yml has one step per task with the grader's points ({got})")
    check(all(f"--task {s['with']['test-name']} " in s["with"]["command"] for s in graders),
          "each per-task command grades only its task (--task ID)")
    legacy = json.loads(AUTOGRADING_JSON.read_text(encoding="utf-8"))
    got = {t["name"]: t["points"] for t in legacy["tests"]}
    check(got == points, "autograding.json lists the same tasks and points")
    commands = {s["with"]["test-name"]: s["with"]["command"] for s in graders}
    check(all(commands.get(t["name"]) == t["run"] for t in legacy["tests"]),
          "autograding.json runs the same commands as classroom-per-task.yml")


def simulate_download(jar, home, logs):
    """Runs the workflow's download step with a file:// URL and the jar's SHA-256 (no network)."""
    say("== The download step (GRADER_JAR_URL=file://…, GRADER_SHA256)")
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    step = next(s for s in steps_of(wf) if s.get("name") == "Download the grader")
    sha = hashlib.sha256(jar.read_bytes()).hexdigest()
    cases = [
        ("configured", {"vars.GRADER_JAR_URL": jar.resolve().as_uri(), "vars.GRADER_SHA256": sha}, 0),
        ("wrong checksum", {"vars.GRADER_JAR_URL": jar.resolve().as_uri(), "vars.GRADER_SHA256": "0" * 64}, 1),
        ("not configured", {}, 1),
    ]
    for name, variables, want in cases:
        shutil.rmtree(home / ".concurrency-grader", ignore_errors=True)
        context = dict(variables)
        context["github.token"] = "ghs_simulated"
        env = runner_env(home, {k: evaluate(v, context) for k, v in step.get("env", {}).items()})
        code = run_script(step["run"], home, env, logs / f"download-{name.replace(' ', '-')}.log")
        ok = (code == 0) == (want == 0)
        if want == 0:
            ok = ok and (home / ".concurrency-grader/grader.jar").is_file()
        check(ok, f"download step, {name}: exit {code}")
    shutil.rmtree(home / ".concurrency-grader", ignore_errors=True)


def fresh_jar(home, jar):
    """Each workflow run downloads the grader anew: give each simulated run a fresh copy, as on a runner."""
    shutil.rmtree(home / ".concurrency-grader", ignore_errors=True)
    (home / ".concurrency-grader").mkdir(parents=True)
    shutil.copy(jar, home / ".concurrency-grader/grader.jar")


def run_default_workflow(name, submission, home, reporter, logs):
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = steps_of(wf)
    report_step = next(s for s in steps if str(s.get("uses", "")).startswith(
        "classroom-resources/autograding-grading-reporter"))
    context = {"github.token": "ghs_simulated"}
    for runner in [r.strip() for r in report_step["with"]["runners"].split(",")]:
        step = next(s for s in steps if s.get("id") == runner)
        output = logs / f"{name}-{runner}.github_output"
        summary = logs / f"{name}-{runner}.step_summary.md"
        output.write_text("", encoding="utf-8")
        summary.write_text("", encoding="utf-8")
        env = runner_env(home, {"GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary),
                                "GITHUB_WORKSPACE": str(submission)})
        env.update({k: evaluate(v, context) for k, v in step.get("env", {}).items()})
        code = run_script(step["run"], submission, env, logs / f"{name}-{runner}.log")
        if code != 0:
            check(False, f"[{name}] step {runner} exited {code}; see {logs / (name + '-' + runner + '.log')}")
        for key, value in parse_github_output(output).items():
            context[f"steps.{runner}.outputs.{key}"] = value
        if "--markdown" in step["run"]:
            check(summary.stat().st_size > 0,
                  f"[{name}] step {runner} wrote the student's feedback to $GITHUB_STEP_SUMMARY")
    (logs / f"{name}-reporter.github_output").write_text("", encoding="utf-8")
    env = runner_env(home, {"GITHUB_OUTPUT": str(logs / f"{name}-reporter.github_output"),
                            "GITHUB_WORKSPACE": str(submission)})
    env.update({k: evaluate(v, context) for k, v in report_step.get("env", {}).items()})
    env.update(input_env(report_step["with"], context))
    env.setdefault("INPUT_TOKEN", "ghs_simulated")
    return run_node(reporter / "dist/main.js", submission, env, logs / f"{name}-reporter.log") + (context,)


def run_per_task_workflow(name, submission, home, reporter, command_grader, logs):
    wf = yaml.safe_load(PER_TASK.read_text(encoding="utf-8"))
    context = {"github.token": "ghs_simulated"}
    report_step = None
    for step in steps_of(wf):
        uses = str(step.get("uses", ""))
        if uses.startswith("classroom-resources/autograding-command-grader"):
            output = logs / f"{name}-per-task-{step['id']}.github_output"
            output.write_text("", encoding="utf-8")
            env = runner_env(home, {"GITHUB_OUTPUT": str(output), "GITHUB_WORKSPACE": str(submission)})
            env.update(input_env(step["with"], context))
            run_node(command_grader / "dist/main.js", submission, env, logs / f"{name}-per-task-{step['id']}.log")
            for key, value in parse_github_output(output).items():
                context[f"steps.{step['id']}.outputs.{key}"] = value
        elif uses.startswith("classroom-resources/autograding-grading-reporter"):
            report_step = step
    (logs / f"{name}-per-task-reporter.github_output").write_text("", encoding="utf-8")
    env = runner_env(home, {"GITHUB_OUTPUT": str(logs / f"{name}-per-task-reporter.github_output"),
                            "GITHUB_WORKSPACE": str(submission)})
    env.update({k: evaluate(v, context) for k, v in report_step.get("env", {}).items()})
    env.update(input_env(report_step["with"], context))
    env.setdefault("INPUT_TOKEN", "ghs_simulated")
    return run_node(reporter / "dist/main.js", submission, env, logs / f"{name}-per-task-reporter.log")


def run_legacy(name, submission, home, legacy, logs):
    output = logs / f"{name}-legacy.github_output"
    output.write_text("", encoding="utf-8")
    env = runner_env(home, {"GITHUB_WORKSPACE": str(submission), "GITHUB_OUTPUT": str(output)})
    return run_node(legacy / "dist/index.js", submission, env, logs / f"{name}-legacy.log")


def show(lines):
    for line in lines:
        say("       | " + line)


def main():
    jar = Path(os.environ["GRADER_JAR"])
    points = task_points()
    total = sum(points.values())
    logs = Path(os.environ.get("VERIFY_LOGS", KIT / "grader/target/classroom-verify"))
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    scratch = Path(tempfile.mkdtemp(prefix="classroom-verify-"))
    try:
        template = scratch / "template"
        if not check(export_template(template, logs), "grader/export-template.sh exported the template"):
            return 1
        check_template(template, logs)
        check_static(points)

        reporter = action_code("CLASSROOM_REPORTER_DIR", "dist/main.js", scratch)
        command_grader = action_code("CLASSROOM_COMMAND_GRADER_DIR", "dist/main.js", scratch)
        legacy = action_code("CLASSROOM_LEGACY_AUTOGRADING_DIR", "dist/index.js", scratch)
        if reporter is None:
            say("SKIP: the Classroom reporter's code is not available, so the workflows were not run.")
            say("      Set CLASSROOM_REPORTER_DIR (and CLASSROOM_COMMAND_GRADER_DIR, CLASSROOM_LEGACY_AUTOGRADING_DIR)")
            say("      to checkouts of the actions at v1; see grader/classroom/verify-classroom.sh.")
            return 1 if failures else 0

        home = scratch / "home"
        home.mkdir()
        simulate_download(jar, home, logs)

        submissions = {}
        submissions["template"] = (template, 0, 0)
        reference = scratch / "reference"
        shutil.copytree(template, reference)
        shutil.rmtree(reference / "src/main/java/concurrency")
        shutil.copytree(KIT / "solutions/src/main/java/concurrency", reference / "src/main/java/concurrency")
        submissions["reference"] = (reference, total, total)
        if "counter" in points:
            stub = scratch / "stub-counter"
            shutil.copytree(reference, stub)
            replace_package(stub, "counter", template / "src/main/java/concurrency/counter")
            submissions["stub-counter"] = (stub, total - points["counter"], total - points["counter"])
        fixture = wrong_fixture()
        if fixture is None:
            say("note: no wrong fixture with verdict=loses-points under grader/src/test/fixtures/ yet")
        else:
            path, task, description = fixture
            wrong = scratch / ("fixture-" + path.name)
            shutil.copytree(reference, wrong)
            replace_package(wrong, PACKAGES[task], path / "src/main/java/concurrency" / PACKAGES[task])
            say(f"note: wrong fixture {path.name} (task {task}, {points[task]} points): {description}")
            # Per test: loses some of the task's points. All or nothing per task: loses all of them.
            submissions["fixture-" + path.name] = (wrong, (total - points[task], total - 1e-9),
                                                  total - points[task])

        say("== .github/workflows/classroom.yml with autograding-grading-reporter@v1 (partial credit per test)")
        for name, (submission, want, _) in submissions.items():
            fresh_jar(home, jar)
            code, text, context = run_default_workflow(name, submission, home, reporter, logs)
            got = points_of(text)
            encoded = next((v for k, v in context.items() if k.endswith(".outputs.result")), "")
            own = None
            if encoded:
                document = json.loads(base64.b64decode(encoded))
                own = sum(t.get("score", 0) for t in document.get("tests", []))
                # The runner hands the output to the reporter in one environment variable; Linux caps
                # one at 128 KiB (MAX_ARG_STRLEN), beyond which the reporter could not even start.
                check(len(encoded) < 131072, f"[{name}] the result output ({len(encoded)} bytes of base64, "
                      f"{len(document.get('tests', []))} tests, status {document.get('status')}) fits in one "
                      "environment variable (< 128 KiB)")
            if isinstance(want, tuple):
                ok = got is not None and want[0] <= got[0] <= want[1] and got[1] == total
                expected = f"between {fmt(want[0])} and {fmt(total)} (exclusive), over {fmt(total)}"
            else:
                ok = got is not None and got == (want, total)
                expected = f"{fmt(want)}/{fmt(total)}"
            ok = ok and own is not None and abs(own - got[0]) < 1e-6
            if name.startswith("fixture-") and own is not None:
                task = fixture[1]
                elsewhere = [t["name"] for t in document["tests"]
                             if not t["name"].startswith(task + ": ") and t.get("status") != "pass"]
                check(not elsewhere, f"[{name}] only tests of task {task} failed"
                      + (f" (also: {'; '.join(elsewhere)})" if elsewhere else ""))
            ok = ok and (code == 0) == (got is not None and got[0] == total)
            check(ok, f"[{name}] reporter printed "
                  + (f"\"Points {fmt(got[0])}/{fmt(got[1])}\"" if got else "no Points line")
                  + f", exit {code}; expected {expected}")
            show(reporter_lines(text))

        if command_grader is None:
            say("SKIP: CLASSROOM_COMMAND_GRADER_DIR is not set: classroom-per-task.yml was not run.")
        else:
            say("== docs/classroom/classroom-per-task.yml: autograding-command-grader@v1 per task (all or nothing)")
            for name, (submission, _, want) in submissions.items():
                if name == "stub-counter" and len(submissions) > 3:
                    continue
                fresh_jar(home, jar)
                code, text = run_per_task_workflow(name, submission, home, reporter, command_grader, logs)
                got = points_of(text)
                check(got == (want, total) and (code == 0) == (want == total), f"[{name}] reporter printed "
                      + (f"\"Points {fmt(got[0])}/{fmt(got[1])}\"" if got else "no Points line")
                      + f", exit {code}; expected {fmt(want)}/{fmt(total)}")
                show([line for line in reporter_lines(text) if "Points" in line or "│ Total" in line])

        if legacy is None:
            say("SKIP: CLASSROOM_LEGACY_AUTOGRADING_DIR is not set: autograding.json was not run.")
        else:
            say("== .github/classroom/autograding.json with education/autograding@v1 (legacy)")
            for name, (submission, _, want) in submissions.items():
                if name == "stub-counter" and len(submissions) > 3:
                    continue
                fresh_jar(home, jar)
                code, text = run_legacy(name, submission, home, legacy, logs)
                got = points_of(text)
                check(got == (want, total) and (code == 0) == (want == total),
                      f"[{name}] education/autograding printed "
                      + (f"\"Points {fmt(got[0])}/{fmt(got[1])}\"" if got else "no Points line")
                      + f", exit {code}; expected {fmt(want)}/{fmt(total)}")
    finally:
        if os.environ.get("KEEP_SCRATCH"):
            say(f"note: scratch kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    say(f"Logs: {logs}")
    say("FAILED: " + str(len(failures)) + " check(s)" if failures else "All Classroom checks passed.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
