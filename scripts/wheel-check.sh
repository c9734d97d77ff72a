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
# the preview's page and LMS scripts are package data too (its Python extras are not installed here)
"$work/venv/bin/python" -c "from packager import templates; import packager.preview.launch
for name in ('shell.html.j2', 'preview.css', 'strings.yaml', 'js/lms/api.js', 'js/scorm12/version.js', 'js/scorm2004/version.js'):
    assert templates.path('preview', *name.split('/')).is_file(), name"
echo "wheel-check: $(tail -1 "$work/build.log"); every package validated"
