#!/usr/bin/env bash
# Fails when git tracks a secret or runtime state: an API key, a SQLite database (and its WAL/SHM files), a data
# directory (var/ at any depth), Python bytecode caches or private keys. ./test.sh runs it first, so such a file can
# never reach main unnoticed. Nothing to do outside a git checkout (e.g. an exported source tree).
set -euo pipefail
cd "$(dirname "$0")/.."
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || exit 0

pattern='(^|/)(var/|__pycache__/)|\.pyc$|(^|/)api-key$|\.(db|db-wal|db-shm|sqlite|sqlite3)$|(^|/)id_(rsa|ed25519|ecdsa)$|\.(pem|pfx|p12|key)$|(^|/)\.env$'
tracked=$(git ls-files --cached | grep -E "$pattern" || true)
if [[ -n "$tracked" ]]; then
  echo "check-tracked-state: these tracked files are secrets or runtime state; remove them with 'git rm --cached' (.gitignore keeps them out):" >&2
  sed 's/^/  /' <<<"$tracked" >&2
  exit 1
fi
