#!/usr/bin/env bash
# The VS Code test layers, offline: installs code-server + chromium (.ci/setup-code-server.sh, fast when done),
# builds and packages the extension (.vsix), installs the vsix into a fresh code-server profile, starts
# code-server on 127.0.0.1, then runs
#   (a) test/e2e/ui.e2e.mjs       the UI through Chromium against the INSTALLED vsix, screenshots in test-results/screenshots/
#   (b) test/e2e/exthost.e2e.mjs  the mocha suites of test/exthost inside the extension host (this checkout as the
#                                 extension under development)
#   (c) the same runner in a window on an UNTRUSTED folder (a second server start, with workspace trust on)
# and prints `N passed, N failed` last; exit code 1 on any failure. The server's process group is always ended.
# Env: PORT (18090), CS_VERSION (4.100.3), KEEP_RUN=1 keeps the run folder (profile, logs), ONLY=ui|exthost|trust.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PORT=${PORT:-18090}
T0=$(date +%s)
step() { echo "[vscode-tests +$(( $(date +%s) - T0 ))s] $*"; }

step "setup code-server + chromium"
eval "$(bash .ci/setup-code-server.sh)"

step "build + package the extension"
node esbuild.mjs
if grep -q 'The esbuild JavaScript API cannot be bundled' dist/extension.js; then
  echo "dist/extension.js bundles esbuild's JS API, which cannot work: esbuild.mjs must mark 'esbuild' external for src/host/extension.ts" >&2
  echo "0 passed, 1 failed"; exit 1
fi
RUN=$(mktemp -d "$TMPDIR/cs-run-XXXX")
SHOTS="$ROOT/test-results/screenshots"
mkdir -p "$SHOTS" "$RUN/ud/User"
rm -f "$SHOTS"/ui-*.png "$SHOTS"/exthost-final.png # only ours: other layers write screenshots here too
node .ci/package-vsix.mjs --out "$RUN/loopscope.vsix" > "$RUN/package.log" 2>&1 || { cat "$RUN/package.log"; echo "0 passed, 1 failed"; exit 1; }
tail -1 "$RUN/package.log"
node esbuild.mjs # vsce's prepublish left a minified build; the ext-host suites read better with source maps

# loopscope.timeoutMs 20 s: the UI test's Cancel must end a run long before it could end by itself
cat > "$RUN/ud/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "update.mode": "none",
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "workbench.tips.enabled": false,
  "chat.disableAIFeatures": true, "workbench.secondarySideBar.defaultVisibility": "hidden",
  "window.commandCenter": false, "editor.minimap.enabled": false, "files.autoSave": "off", "git.openRepositoryInParentFolders": "never",
  "loopscope.timeoutMs": 20000 }
JSON
"$CODE_SERVER" --user-data-dir "$RUN/ud" --extensions-dir "$RUN/ext" --install-extension "$RUN/loopscope.vsix" > "$RUN/install.log" 2>&1 \
  || { cat "$RUN/install.log"; echo "0 passed, 1 failed"; exit 1; }

EXTRA=()
# newer VS Code builds honour extensionTestsPath from the URL payload only with the smoke-test driver enabled
if "$CODE_SERVER" --help 2>/dev/null | grep -q -- '--vscode-option'; then EXTRA+=(--vscode-option enable-smoke-test-driver); else export PATCH_SMOKE=1; fi
CS_PID=''
start_server() { # $1: user data dir, $2..: extra flags
  local ud=$1; shift
  setsid "$CODE_SERVER" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
    --disable-getting-started-override "${EXTRA[@]}" "$@" \
    --user-data-dir "$ud" --extensions-dir "$RUN/ext" "$ROOT/test/e2e/workspace" >> "$RUN/code-server.log" 2>&1 &
  CS_PID=$!
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0; sleep 0.2; done
  tail -20 "$RUN/code-server.log"; return 1
}
stop_server() {
  # code-server leaves children (file watcher, pty host) when only its own pid is killed: end its process group
  if [ -n "$CS_PID" ]; then kill -- "-$CS_PID" 2>/dev/null || true; wait "$CS_PID" 2>/dev/null || true; CS_PID=''; fi
}
cleanup() {
  stop_server
  rm -rf "$ROOT/dist/node_modules"
  [ "${KEEP_RUN:-0}" = 1 ] || rm -rf "$RUN"
}
trap cleanup EXIT
step "start code-server on 127.0.0.1:$PORT"
start_server "$RUN/ud" --disable-workspace-trust || { echo "0 passed, 1 failed"; exit 1; }

passed=0; failed=0
count() { grep -o -E "$1" "$2" | tail -1 | tr -dc 0-9 || true; }
if [ "${ONLY:-ui}" = ui ]; then
  step "(a) UI test: installed vsix, Chromium"
  rc=0; node test/e2e/ui.e2e.mjs "http://127.0.0.1:$PORT" "$ROOT/test/e2e/workspace" "$SHOTS" 2>&1 | tee "$RUN/ui.out" || rc=$?
  p=$(count '^[0-9]+ passed' "$RUN/ui.out"); f=$(count ' [0-9]+ failed$' "$RUN/ui.out")
  passed=$(( passed + ${p:-0} )); failed=$(( failed + ${f:-0} ))
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$(( failed + 1 )); fi
fi
if [ "${ONLY:-exthost}" = exthost ]; then
  step "(b) extension-host mocha suites (extensionDevelopmentPath=$ROOT)"
  rc=0; SHOT_DIR="$SHOTS" node test/e2e/exthost.e2e.mjs "http://127.0.0.1:$PORT" "$ROOT/test/e2e/workspace" "$ROOT" \
    "$ROOT/dist/test/exthost/index.js" 300 > "$RUN/exthost.out" 2>&1 || rc=$?
  grep -v -E 'ChatModelSelection|AgentHost|^\s+at |^\s*$' "$RUN/exthost.out" | tail -40
  p=$(count '[0-9]+ passing' "$RUN/exthost.out"); f=$(count '[0-9]+ failing' "$RUN/exthost.out")
  passed=$(( passed + ${p:-0} )); failed=$(( failed + ${f:-0} ))
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$(( failed + 1 )); fi
fi
if [ "${ONLY:-trust}" = trust ]; then
  step "(c) extension-host suite in an UNTRUSTED window (Restricted Mode)"
  stop_server
  mkdir -p "$RUN/ud-untrusted/User" && cp "$RUN/ud/User/settings.json" "$RUN/ud-untrusted/User/"
  start_server "$RUN/ud-untrusted" || { echo "$passed passed, $(( failed + 1 )) failed"; exit 1; }
  rc=0; SHOT_DIR="$RUN" node test/e2e/exthost.e2e.mjs "http://127.0.0.1:$PORT" "$ROOT/test/e2e/workspace" "$ROOT" \
    "$ROOT/dist/test/exthost/index.js" 120 > "$RUN/untrusted.out" 2>&1 || rc=$?
  grep -E '✔|[0-9]+\)|passing|failing|exit code' "$RUN/untrusted.out" | tail -10
  p=$(count '[0-9]+ passing' "$RUN/untrusted.out"); f=$(count '[0-9]+ failing' "$RUN/untrusted.out")
  passed=$(( passed + ${p:-0} )); failed=$(( failed + ${f:-0} ))
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$(( failed + 1 )); fi
fi
step "done; screenshots in $SHOTS"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
