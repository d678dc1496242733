#!/usr/bin/env bash
# Debian packages the browser tests need: Chromium (never a browser download) and CJK fonts so
# screenshots show Chinese glyphs. Installs only what is missing: as root directly, otherwise
# with sudo. A user who can do neither gets the command to ask for, and the exit status 0: the
# browser tests then skip themselves (make test goes on).
#
# No check pipes into `grep -q`: under pipefail, grep leaving at the first match kills the
# writer with SIGPIPE and the pipeline fails, so installed fonts were reported missing at random.
set -euo pipefail

need=()
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}               # where tests/test_view_browser.py looks
[ -x "$CHROMIUM" ] || need+=(chromium)
fonts=$(fc-list : family 2>/dev/null || true)     # the whole output first, then the test
case "${fonts,,}" in
    *"noto sans cjk"*) ;;
    *) need+=(fonts-noto-cjk) ;;
esac
[ ${#need[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
        sudo=(sudo)
    else
        echo "note: the browser tests need the Debian packages ${need[*]}, which this user" \
             "cannot install (not root, no sudo)." >&2
        echo "      Ask an administrator for:  apt-get install ${need[*]}" >&2
        echo "      Until then the browser tests are skipped; every other test runs." >&2
        exit 0
    fi
fi
echo "installing Debian packages: ${need[*]}"
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
