#!/usr/bin/env bash
# Installs the real-VS-Code test harness: code-server 4.100.3 (= VS Code 1.100.3) + Debian Chromium.
# Works with no internet except the apt mirror and the npm registry (no GitHub, no Microsoft CDN).
# Idempotent: every step is skipped when its result is already present. Safe to run as root in CI (no stdin).
# Needs: Debian 12, Node 20 + npm, python3/make/g++ (node-gyp builds native modules; apt-installed if missing).
# Env: SKIP_APT=1 to never call apt-get; EXTRA_APT="pkg ..." to add packages; FORCE=1 to reinstall node_modules.
set -euo pipefail
cd "$(dirname "$0")"
t0=$(date +%s)
log() { echo "[setup $(( $(date +%s) - t0 ))s] $*"; }

# ---- 0. sanity: Node 20 (code-server 4.100.3 declares engines.node "20"; its native modules build for this Node) ----
command -v node >/dev/null || { echo "setup.sh: node not found (need Node 20)" >&2; exit 1; }
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] || echo "setup.sh: warning: Node $(node -v); code-server 4.100.3 wants Node 20" >&2

# ---- 1. apt packages (only the missing ones; apt-get update first) ----
export DEBIAN_FRONTEND=noninteractive
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
for p in chromium ripgrep git libkrb5-dev ${EXTRA_APT:-}; do have_pkg "$p" || need+=("$p"); done
# build tools for node-gyp: any python3/make/g++ on PATH will do (e.g. pyenv's python3)
for c in python3:python3 make:make g++:g++; do command -v "${c%%:*}" >/dev/null || need+=("${c#*:}"); done
if [ ${#need[@]} -gt 0 ]; then
  if [ "${SKIP_APT:-}" = 1 ]; then
    echo "setup.sh: missing apt packages ${need[*]} (SKIP_APT=1 set)" >&2; exit 1
  fi
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  log "apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq -o Dpkg::Use-Pty=0 "${need[@]}" >/dev/null
fi
command -v rg >/dev/null || { echo "setup.sh: rg not on PATH after apt" >&2; exit 1; }
[ -x "${CHROME_BIN:-/usr/bin/chromium}" ] || { echo "setup.sh: ${CHROME_BIN:-/usr/bin/chromium} missing" >&2; exit 1; }

# ---- 2. already installed? ----
installed() {
  [ -f node_modules/code-server/lib/vscode/product.json ] &&
  [ -f node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg ] &&
  [ -f node_modules/playwright-core/package.json ] &&
  [ "$(node -p 'require("./node_modules/code-server/package.json").version' 2>/dev/null)" = 4.100.3 ]
}
if [ "${FORCE:-}" != 1 ] && installed; then
  log "already installed: code-server $(node -p 'require("./node_modules/code-server/package.json").version') = VS Code $(node -p 'require("./node_modules/code-server/lib/vscode/product.json").version')"
  exit 0
fi

# ---- 3. seed @vscode/ripgrep's download cache with Debian's rg ----
# @vscode/ripgrep's postinstall downloads rg from GitHub unless os.tmpdir()/vscode-ripgrep-cache-<pkgver>/<asset> exists.
# Versions from code-server 4.100.3's lib/vscode/npm-shrinkwrap.json and @vscode/ripgrep 1.15.11's lib/postinstall.js.
RG_PKG_VERSION=1.15.11 RG_TAG=v13.0.0-10
arch=$(uname -m); case "$arch" in x86_64) rg_target=x86_64-unknown-linux-musl ;; aarch64) rg_target=aarch64-unknown-linux-musl ;; *) rg_target=$arch-unknown-linux-gnu ;; esac
cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_PKG_VERSION"
asset="$cache/ripgrep-$RG_TAG-$rg_target.tar.gz"
if [ ! -s "$asset" ]; then
  log "seeding ripgrep cache $asset from $(command -v rg)"
  mkdir -p "$cache"; tmpd="$(mktemp -d)"; cp "$(command -v rg)" "$tmpd/rg"
  tar czf "$asset.tmp" -C "$tmpd" rg && mv "$asset.tmp" "$asset"; rm -rf "$tmpd"
fi

# ---- 4. npm install from the committed lockfile ----
# code-server's postinstall refuses to run as root without unsafe-perm; node-pty's postinstall runs `npx node-gyp`
# (needs yes=true where the user's npmrc says yes=false). argon2/kerberos fall back to source builds (kerberos
# needs libkrb5-dev). Headers come from npm's nodedir (=/usr here) or are fetched from the registry-free Node dist.
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_audit=false npm_config_fund=false \
       npm_config_update_notifier=false npm_config_progress=false
# node-gyp must not download Node headers (nodejs.org is unreachable): point it at the installed ones.
if [ -z "${npm_config_nodedir:-}" ] && [ "$(npm config get nodedir 2>/dev/null)" = undefined -o -z "$(npm config get nodedir 2>/dev/null)" ]; then
  prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  for d in "$prefix" /usr /usr/local; do
    if [ -f "$d/include/node/node_api.h" ]; then export npm_config_nodedir="$d"; log "using Node headers from $d/include/node"; break; fi
  done
fi
if [ -f package-lock.json ]; then cmd=ci; else cmd=install; fi
log "npm $cmd (native builds; about a minute)"
npm "$cmd" --foreground-scripts --loglevel=warn > npm-install.log 2>&1 || {
  echo "setup.sh: npm $cmd failed; last lines of tools/vscode-test/npm-install.log:" >&2; tail -n 60 npm-install.log >&2; exit 1; }
installed || { echo "setup.sh: install finished but the harness is incomplete; see tools/vscode-test/npm-install.log" >&2; exit 1; }
log "installed code-server $(node -p 'require("./node_modules/code-server/package.json").version') = VS Code $(node -p 'require("./node_modules/code-server/lib/vscode/product.json").version'), playwright-core $(node -p 'require("./node_modules/playwright-core/package.json").version'), $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
