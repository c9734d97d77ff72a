#!/bin/sh
# Install packager as a user does, from its wheel into a fresh virtual environment (not an editable
# install), then build the course and validate every package it writes.
set -eu
python=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" -m pip wheel -q --no-deps --wheel-dir "$work/wheel" .
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$work"/wheel/packager-*.whl
cd "$work"   # not the checkout: nothing may come from the source tree
"$work/venv/bin/packager" build --source "$OLDPWD/modules" --out "$work/dist" > "$work/build.log"
"$work/venv/bin/packager" validate "$work"/dist/*.zip > "$work/validate.log"
echo "wheel-check: $(tail -1 "$work/build.log"); every package validated"
