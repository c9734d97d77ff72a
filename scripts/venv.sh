#!/bin/sh
# Create the project's virtual environment (no root needed). Debian and Ubuntu ship venv's pip
# bootstrap (ensurepip) in the separate package python3-venv: without it, the venv is made without
# pip and the system's pip installs into it; if there is no pip at all, say what to install.
set -eu
python=$1
venv=$2
if "$python" -m venv "$venv" 2>/dev/null; then exit 0; fi
rm -rf "$venv"
if "$python" -m pip --version >/dev/null 2>&1 && "$python" -m venv --without-pip "$venv"; then
  "$python" -m pip --python "$venv/bin/python" install -q pip
  exit 0
fi
echo "$python cannot create a virtual environment: install python3-venv (Debian/Ubuntu), then run make again" >&2
exit 1
