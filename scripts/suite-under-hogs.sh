#!/usr/bin/env bash
# The whole suite N times in a row (default 3) on a busy machine: two busy loops pinned with taskset to CPU 0
# and CPU 1 for the whole time, ended by their PIDs when this script ends. Build first (`npm run build`): the
# e2e tests drive dist/cli.js. Logs in .cache/suite-under-hogs/runN.log; stops at the first red run.
set -u
runs=${1:-3}
out=.cache/suite-under-hogs
mkdir -p "$out"
taskset -c 0 sh -c 'while :; do :; done' &
hog0=$!
taskset -c 1 sh -c 'while :; do :; done' &
hog1=$!
trap 'kill $hog0 $hog1 2>/dev/null' EXIT INT TERM
for run in $(seq 1 "$runs"); do
	start=$(date +%s)
	npx vitest run >"$out/run$run.log" 2>&1
	status=$?
	echo "run $run: exit $status in $(($(date +%s) - start)) s; skips: $(grep -c '^SKIPPED\|^skipped:' "$out/run$run.log")"
	grep -E '^\s+Tests ' "$out/run$run.log" | sed 's/\x1b\[[0-9;]*m//g'
	[ "$status" -ne 0 ] && exit "$status"
done
