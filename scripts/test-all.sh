#!/usr/bin/env bash
# The whole test suite from a clean clone: installs what it needs (Chromium from
# apt, npm packages, the Prisma client), builds the app, then runs unit and
# end-to-end tests. Used by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m▶ %s\033[0m\n' "$*"; }

if ! command -v chromium >/dev/null 2>&1 && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
	step "Installing Chromium from apt"
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

step "Installing npm packages"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm install --no-audit --no-fund --loglevel=error

step "Generating the Prisma client"
npx prisma generate >/dev/null

step "Type-checking"
npm run typecheck

step "Building the app"
npm run build >/dev/null

step "Unit and integration tests (vitest)"
npx vitest run

step "End-to-end tests (Playwright, Debian Chromium, with and without JavaScript)"
npx playwright test
