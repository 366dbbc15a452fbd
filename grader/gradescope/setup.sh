#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu base image).
# The grader is a self-contained jar that compiles submissions in-process, so a JDK 17 is all it
# needs: no Maven, no network at grading time.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends openjdk-17-jdk-headless
java -version
