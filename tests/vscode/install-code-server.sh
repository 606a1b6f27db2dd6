#!/usr/bin/env bash
# Installs code-server (a real VS Code, served to a browser) into $1, offline-safe and without
# running any package's install scripts as root: the steps of shared/guides/toolchain.md. About 4
# minutes the first time; `make` skips it while $1/.installed is newer than this script.
# code-server 4.100.3 is the newest release that runs on Node 20.
set -euo pipefail
VERSION=4.100.3
root="$1"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
    echo "code-server $VERSION needs Node.js 20 or newer; this machine has $(node --version)" >&2
    exit 1
fi
for tool in rg pkg-config g++ make python3; do
    command -v "$tool" >/dev/null || {
        echo "code-server's native modules need $tool: run \`sudo apt-get install -y --no-install-recommends libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep g++ make python3\`" >&2
        exit 1
    }
done
rm -rf "$root"
mkdir -p "$root"
cd "$root"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# Node's own headers, where this Node has them, so that node-gyp downloads nothing.
node_prefix="$(dirname "$(dirname "$(command -v node)")")"
if [ -f "$node_prefix/include/node/node.h" ]; then export npm_config_nodedir="$node_prefix"; fi
echo '{"private": true}' >package.json
npm install --ignore-scripts --no-save "code-server@$VERSION" >npm-install.log 2>&1
vscode=node_modules/code-server/lib/vscode
(
    cd "$vscode"
    npm install --omit=dev --ignore-scripts >/dev/null 2>&1
    # Its postinstall downloads ripgrep unless bin/ exists: Debian's is used instead.
    mkdir -p node_modules/@vscode/ripgrep/bin
    ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
    npm_config_yes=true npm rebuild >rebuild.log 2>&1 || { tail -30 rebuild.log >&2; exit 1; }
    ln -sfn node_modules node_modules.asar
    cd extensions && npm install --omit=dev >/dev/null 2>&1
)
npm_config_build_from_source=true npm rebuild argon2 >argon2.log 2>&1 || { tail -30 argon2.log >&2; exit 1; }
touch .installed
echo "code-server $VERSION installed in $root"
