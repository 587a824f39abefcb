#!/usr/bin/env bash
# The whole suite, twice in a row, while another CPU-heavy process keeps every core
# busy: the check that no test depends on a fast or idle machine (docs/testing.md).
set -euo pipefail
cd "$(dirname "$0")/.."

cores=$(nproc 2>/dev/null || echo 2)
# One busy loop per core, at normal priority, for as long as the runs take.
node -e "
const { Worker } = require('node:worker_threads')
for (let i = 0; i < ${cores}; i++) new Worker('for (;;) {}', { eval: true })
" &
hog=$!
trap 'kill $hog 2>/dev/null || true' EXIT

for run in 1 2; do
	printf '\n\033[1m▶ Run %s of 2, beside %s busy cores\033[0m\n' "$run" "$cores"
	start=$(date +%s)
	npm run test:all
	printf '\n\033[1m✔ Run %s passed in %ss\033[0m\n' "$run" "$(($(date +%s) - start))"
done
