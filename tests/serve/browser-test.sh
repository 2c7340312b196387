#!/usr/bin/env bash
# yibao serve's page in headless Chromium: tests/serve/browser/page-test.mjs, driven by
# puppeteer-core (installed with `npm ci` in tests/serve/browser). Skipped (exit 77) where
# Debian's chromium, node or the installed node_modules are missing.
#   browser-test.sh YIBAO
set -u
yibao=$1
here=$(cd "$(dirname "$0")/browser" && pwd)
chromium=${CHROMIUM:-$(command -v chromium || true)}
if [ -z "$chromium" ] || ! command -v node >/dev/null; then
	echo "skip: chromium or node is not installed (apt-get install chromium nodejs)"
	exit 77
fi
if [ ! -d "$here/node_modules/puppeteer-core" ]; then
	echo "skip: puppeteer-core is not installed (npm ci in $here)"
	exit 77
fi
exec timeout 300 node "$here/page-test.mjs" "$yibao" "$chromium"
