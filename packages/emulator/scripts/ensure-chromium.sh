#!/usr/bin/env bash
# The chat page tests drive Debian's Chromium through playwright-core. This makes sure it is there:
# installed from Debian's packages when missing (as root), never downloaded by a test tool.
set -euo pipefail
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$bin" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "chromium not found at $bin: installing Debian's chromium package" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "chromium not found at $bin; install it (Debian: apt-get install chromium) or set CHROMIUM_PATH" >&2
exit 1
