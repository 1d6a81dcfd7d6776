#!/usr/bin/env bash
# What the tests need from the system, from Debian's packages when missing (as root), never
# downloaded by a test tool: Chromium (the chat page tests drive it through playwright-core) and
# redis-server (the Redis store's tests, the crash test and the bench start real ones). One
# `apt-get update`, one `apt-get install`, only for what is missing.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's ${missing[*]} (missing)" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "missing: ${missing[*]}; install them (Debian: apt-get install ${missing[*]}), or set CHROMIUM_PATH" >&2
exit 1
