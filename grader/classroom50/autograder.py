#!/usr/bin/env python3
"""Classroom 50 autograder for the Java concurrency kit (standard library only).

Classroom 50's runner unpacks this bundle and runs `python autograder.py` in the student's checkout.
This script:
  1. reads grader.json beside it (written by grader/classroom50/build-bundle.sh): the URL of the kit's
     grader.jar and its SHA-256; GRADER_JAR_URL and GRADER_SHA256 in the environment win over it;
  2. downloads the jar (https://, http:// or file://) into a scratch directory outside the checkout,
     within a size cap and a time limit, and refuses it unless its SHA-256 matches;
  3. runs `java -jar grader.jar . --classroom50 SCRATCH/result.json` with a time limit that leaves the
     15-minute job time to publish, then copies result.json and release-body.md into the checkout.

The grader writes result.json even when the submission cannot be graded (every task at 0 with the reason),
so this script exits 0 then. It exits non-zero only for an infrastructure failure (no jar, wrong checksum,
no Java, the time limit): Classroom 50 then records an error, not a grade.
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
MAX_JAR_BYTES = 200 * 1024 * 1024
DOWNLOAD_SECONDS = 120
# The runner's job stops after 15 minutes; grading gets 11 of them, leaving the rest to download,
# validate and publish the Release.
DEFAULT_GRADE_SECONDS = 11 * 60
OUTPUTS = ("result.json", "release-body.md")


def log(message: str) -> None:
    print(f"autograder: {message}", flush=True)


def settings() -> dict:
    bundle = pathlib.Path(os.environ.get("CLASSROOM50_BUNDLE_DIR") or HERE)
    config_path = bundle / "grader.json"
    if not config_path.is_file():
        config_path = HERE / "grader.json"
    config = json.loads(config_path.read_text(encoding="utf-8")) if config_path.is_file() else {}
    url = (os.environ.get("GRADER_JAR_URL") or config.get("url") or "").strip()
    sha256 = (os.environ.get("GRADER_SHA256") or config.get("sha256") or "").strip().lower()
    seconds = int(os.environ.get("GRADER_TIME_LIMIT") or config.get("time_limit_seconds") or DEFAULT_GRADE_SECONDS)
    if not url:
        raise SystemExit("autograder: no grader URL: set \"url\" in grader.json or GRADER_JAR_URL")
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise SystemExit("autograder: no valid SHA-256 for the grader: set \"sha256\" in grader.json or GRADER_SHA256"
                         f" (64 hex digits), got {sha256!r}")
    return {"url": url, "sha256": sha256, "seconds": seconds}


def download(url: str, expected_sha256: str, target: pathlib.Path) -> None:
    """Downloads url to target, refusing more than MAX_JAR_BYTES, a slow download or a wrong checksum."""
    deadline = time.monotonic() + DOWNLOAD_SECONDS
    digest = hashlib.sha256()
    size = 0
    request = urllib.request.Request(url, headers={"User-Agent": "concurrency-kit-classroom50"})
    with urllib.request.urlopen(request, timeout=60) as response, open(target, "wb") as out:
        while chunk := response.read(1024 * 1024):
            size += len(chunk)
            if size > MAX_JAR_BYTES:
                raise SystemExit(f"autograder: {url} is larger than {MAX_JAR_BYTES} bytes; refusing it")
            if time.monotonic() > deadline:
                raise SystemExit(f"autograder: downloading {url} took more than {DOWNLOAD_SECONDS} s")
            digest.update(chunk)
            out.write(chunk)
    actual = digest.hexdigest()
    if actual != expected_sha256:
        target.unlink(missing_ok=True)
        raise SystemExit(f"autograder: checksum mismatch for {url}: expected SHA-256 {expected_sha256},"
                         f" got {actual}; the bundle's grader.json and the jar do not belong together")
    log(f"downloaded {url} ({size} bytes, SHA-256 verified)")


def java_command() -> str:
    home = os.environ.get("JAVA_HOME")
    if home and (pathlib.Path(home) / "bin" / "java").is_file():
        return str(pathlib.Path(home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise SystemExit("autograder: no java on the PATH; set \"runtime\": {\"java\": \"17\"} on the assignment")
    return found


def main() -> int:
    checkout = pathlib.Path.cwd()
    config = settings()
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="concurrency-kit-"))
    try:
        jar = scratch / "grader.jar"
        download(config["url"], config["sha256"], jar)
        out_dir = scratch / "out"
        out_dir.mkdir()
        command = [java_command(), "-jar", str(jar), str(checkout), "--classroom50", str(out_dir / "result.json")]
        log("running " + " ".join(command[1:]))
        try:
            proc = subprocess.run(command, cwd=str(scratch), timeout=config["seconds"], check=False)
        except subprocess.TimeoutExpired:
            log(f"grading took more than {config['seconds']} s; stopped")
            return 3
        if not (out_dir / "result.json").is_file():
            log(f"the grader exited {proc.returncode} without writing result.json")
            return 4
        for name in OUTPUTS:
            if (out_dir / name).is_file():
                shutil.copyfile(out_dir / name, checkout / name)
        log(f"grader exited {proc.returncode}; wrote {', '.join(OUTPUTS)}")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
