#!/bin/sh
# Browser test set-up (`make browser-deps`, which `make test` runs first):
# Debian's headless Chromium, and axe-core from the npm registry into
# tests/browser/node_modules (git-ignored). Quick when both are there.
# Without root or apt-get it installs nothing and says so: the browser
# tests then skip with that reason (CI runs as root on Debian: they run).
set -eu
here=$(cd "$(dirname "$0")" && pwd)

need=""
command -v chromium >/dev/null 2>&1 || need="chromium"
command -v npm >/dev/null 2>&1 || need="$need npm"
if [ -n "$need" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "browser-deps: apt-get install $need"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        # shellcheck disable=SC2086
        apt-get install -y -qq $need >/dev/null
    else
        echo "browser-deps: $need missing and not root with apt-get: the browser tests will skip"
    fi
fi

if [ ! -f "$here/node_modules/axe-core/axe.min.js" ]; then
    if command -v npm >/dev/null 2>&1; then
        echo "browser-deps: npm ci (axe-core)"
        (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
    else
        echo "browser-deps: no npm: the accessibility checks will skip"
    fi
fi
