#!/usr/bin/env bash
# Installs what the in-VS-Code test layers need, offline (npm registry + Debian apt only): Debian's chromium (for
# playwright-core), and code-server (the real VS Code workbench + a Node extension host, published on npm) into the
# gitignored .tools/ folder. Idempotent: a second run only checks and prints the exports (well under a second).
# Usage: eval "$(bash .ci/setup-code-server.sh)"   -> exports PATH TMPDIR XDG_* CODE_SERVER
# Env: CS_VERSION (default 4.100.3, the last release that runs on Node 20), TOOLS_DIR (default <repo>/.tools).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CS_VERSION=${CS_VERSION:-4.100.3}
TOOLS_DIR=${TOOLS_DIR:-$ROOT/.tools}
mkdir -p "$TOOLS_DIR/tmp" "$TOOLS_DIR/xdg"
export TMPDIR="$TOOLS_DIR/tmp"          # @vscode/ripgrep looks for its download cache in os.tmpdir()
log() { echo "[setup-code-server $(date +%T)] $*" >&2; }
CS_DIR="$TOOLS_DIR/code-server-$CS_VERSION"
CODE_SERVER="$CS_DIR/node_modules/.bin/code-server"

# 1. Debian packages: chromium (driven by playwright-core), libkrb5-dev (code-server's kerberos native module),
#    ripgrep (seeds @vscode/ripgrep's download cache, whose postinstall would fetch from github)
if ! command -v chromium >/dev/null || ! command -v rg >/dev/null ||
   { [ ! -x "$CODE_SERVER" ] && ! dpkg -s libkrb5-dev >/dev/null 2>&1; }; then
  log "apt-get install chromium libkrb5-dev ripgrep"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq -o DPkg::Lock::Timeout=300 chromium libkrb5-dev ripgrep > "$TOOLS_DIR/apt.log" 2>&1 ||
    { tail -20 "$TOOLS_DIR/apt.log" >&2; exit 1; }
fi

if [ ! -x "$CODE_SERVER" ]; then
  # 2. the Node major this release requires (its postinstall refuses any other)
  need_major=$(npm view "code-server@$CS_VERSION" engines.node 2>/dev/null | tr -dc '0-9')
  have_major=$(node -p 'process.versions.node.split(".")[0]')
  if [ -n "$need_major" ] && [ "$need_major" != "$have_major" ]; then
    log "code-server@$CS_VERSION needs Node $need_major, have $have_major: use CS_VERSION=4.100.3 on Node 20"; exit 1
  fi

  # 3. seed @vscode/ripgrep's download cache with Debian's rg (releases <= 4.117 still depend on @vscode/ripgrep)
  mkdir -p "$TOOLS_DIR/pack"
  ( cd "$TOOLS_DIR/pack" && [ -f "code-server-$CS_VERSION.tgz" ] || npm pack "code-server@$CS_VERSION" >/dev/null 2>&1 )
  rg_ver=$(tar xzf "$TOOLS_DIR/pack/code-server-$CS_VERSION.tgz" package/lib/vscode/npm-shrinkwrap.json -O |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages["node_modules/@vscode/ripgrep"];console.log(p?p.version:"")})')
  if [ -n "$rg_ver" ]; then
    ( cd "$TOOLS_DIR/pack" && [ -f "vscode-ripgrep-$rg_ver.tgz" ] || npm pack "@vscode/ripgrep@$rg_ver" >/dev/null 2>&1 )
    rg_tag=$(tar xzf "$TOOLS_DIR/pack/vscode-ripgrep-$rg_ver.tgz" package/lib/postinstall.js -O | sed -n "s/^const VERSION = '\(.*\)';/\1/p")
    cache="$TMPDIR/vscode-ripgrep-cache-$rg_ver"; mkdir -p "$cache"
    d=$(mktemp -d); cp "$(command -v rg)" "$d/rg"
    tar czf "$cache/ripgrep-$rg_tag-x86_64-unknown-linux-musl.tar.gz" -C "$d" rg; rm -rf "$d"
    log "seeded $cache with Debian's rg"
  fi

  # 4. code-server. Its postinstall runs `npm install` in lib/vscode and builds native modules with node-gyp.
  #    npm_config_unsafe_perm=true: postinstall.sh refuses to run as root without it.
  #    npm_config_yes=true: node-pty's postinstall runs `npx node-gyp`; ~/.npmrc may say yes=false, which cancels it.
  log "npm install code-server@$CS_VERSION (node $(node -v)), about a minute"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR" && echo '{"private":true}' > "$CS_DIR/package.json"
  ( cd "$CS_DIR" && npm_config_yes=true npm_config_unsafe_perm=true \
      npm install --no-audit --no-fund --foreground-scripts "code-server@$CS_VERSION" > "$CS_DIR/install.log" 2>&1 ) \
    || { tail -50 "$CS_DIR/install.log" >&2; rm -rf "$CS_DIR/node_modules/.bin/code-server"; exit 1; }
fi
# code-server's config/data dirs, the ext host's and chromium's caches stay out of $HOME
echo "export PATH='$PATH' TMPDIR='$TMPDIR' XDG_CONFIG_HOME='$TOOLS_DIR/xdg/config' XDG_DATA_HOME='$TOOLS_DIR/xdg/data' XDG_CACHE_HOME='$TOOLS_DIR/xdg/cache' CODE_SERVER='$CODE_SERVER'"
