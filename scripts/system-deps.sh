#!/bin/sh
# Install the Debian packages the tests need, only those missing. apt needs root: as root it runs
# apt-get; otherwise it uses sudo when sudo works without a password prompt, and else prints the one
# command to run as root and stops.
set -eu
missing=""
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root="sudo"
else
  echo "The tests need these Debian packages:$missing" >&2
  echo "Install them once as root:  sudo apt-get install -y$missing" >&2
  exit 1
fi
echo "installing Debian packages:$missing"
$as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
