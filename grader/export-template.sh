#!/usr/bin/env bash
# Writes the student template (the kit's exercises/) to DIR as a ready template repository:
# stubs, public tests, demos, README.md, pom.xml, .github/ (the autograding workflow and
# autograding.json) and a .gitignore. Nothing hidden, no build output.
#
#   bash grader/export-template.sh DIR
#   bash grader/export-template.sh --classroom50 DIR    (Classroom 50: no GitHub Classroom workflow files)
#
# DIR must not exist or be empty. Then, for GitHub Classroom or plain Actions:
#   cd DIR && git init -b main && git add -A && git commit -m "Concurrency exercises"
#   and push it to a new repository marked "Template repository" (docs/instructors.md).
set -euo pipefail

usage() {
    echo "usage: bash grader/export-template.sh [--classroom50] DIR" >&2
    exit 2
}

[ $# -ge 1 ] || usage
case "${1:-}" in -h|--help) echo "usage: bash grader/export-template.sh [--classroom50] DIR"; exit 0 ;; esac
# --classroom50: the Classroom 50 flavour. Classroom 50 grades with its own workflow and the kit's bundle
# (grader/classroom50/build-bundle.sh), so the template keeps no GitHub Classroom workflow (classroom.yml
# would run on every push and fail without its variables) and never has .github/workflows/autograde.yaml
# (Classroom 50 writes that file itself when a student accepts).
flavour=github-classroom
if [ "${1:-}" = "--classroom50" ]; then
    flavour=classroom50
    shift
fi
[ $# -eq 1 ] || usage

kit="$(cd "$(dirname "$0")/.." && pwd)"
source_dir="$kit/exercises"
out="$1"

if [ ! -f "$source_dir/pom.xml" ]; then
    echo "export-template: $source_dir/pom.xml not found; run this script from a copy of the kit" >&2
    exit 2
fi
if [ -e "$out" ] && [ ! -d "$out" ]; then
    echo "export-template: $out exists and is not a directory" >&2
    exit 2
fi
if [ -d "$out" ] && [ -n "$(ls -A "$out")" ]; then
    echo "export-template: $out is not empty; give a new or empty directory" >&2
    exit 2
fi
parent="$(dirname "$out")"
mkdir -p "$parent"
out="$(cd "$parent" && pwd)/$(basename "$out")"
case "$out/" in
    "$kit"/exercises/*) echo "export-template: $out is inside exercises/; give a directory elsewhere" >&2; exit 2 ;;
esac
mkdir -p "$out"

# Copy everything in exercises/ except build output and editor files.
(
    cd "$source_dir"
    find . \( -name target -o -name .idea -o -name .vscode -o -name '*.iml' -o -name .DS_Store \
            -o -name '*.class' \) -prune -o -type f -print0
) | while IFS= read -r -d '' file; do
    mkdir -p "$out/$(dirname "$file")"
    cp -p "$source_dir/$file" "$out/$file"
done

if [ ! -f "$out/.gitignore" ]; then
    printf '%s\n' 'target/' '*.class' '.idea/' '*.iml' '.vscode/' '.DS_Store' > "$out/.gitignore"
fi

required_files=(pom.xml README.md src/main/java/concurrency src/test/java/concurrency)
if [ "$flavour" = classroom50 ]; then
    rm -f "$out/.github/workflows/classroom.yml" "$out/.github/workflows/autograde.yaml" \
        "$out/.github/workflows/autograde.yml"
    rm -rf "$out/.github/classroom"
    find "$out/.github" -type d -empty -delete 2> /dev/null || true
    for forbidden in .github/workflows/classroom.yml .github/workflows/autograde.yaml .github/classroom; do
        if [ -e "$out/$forbidden" ]; then
            echo "export-template: the Classroom 50 template must not hold $forbidden" >&2
            exit 1
        fi
    done
else
    required_files+=(.github/workflows/classroom.yml .github/classroom/autograding.json)
fi
# The template must be complete ...
for required in "${required_files[@]}"; do
    if [ ! -e "$out/$required" ]; then
        echo "export-template: the exported template lacks $required" >&2
        exit 1
    fi
done
# ... and hide nothing the grader keeps: no hidden tests, no grader support code, no solutions.
leaks="$(cd "$out" && {
    find . -path '*/src/hidden' -o -name '*HiddenTest*.java' -o -name '*.jar' -o -path '*/kit/testing/*'
    grep -rlE --include='*.java' 'kit\.testing\.(Graded|Kind)|@Graded\b' . || true
} | sort -u)"
if [ -n "$leaks" ]; then
    echo "export-template: refusing to export files that belong to the grader:" >&2
    echo "$leaks" >&2
    rm -rf "$out"
    exit 1
fi

count="$(find "$out" -type f | wc -l | tr -d ' ')"
echo "Exported the student template ($flavour, $count files) to $out"
