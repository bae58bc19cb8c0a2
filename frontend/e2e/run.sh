#!/usr/bin/env bash
# Browser tests: builds nothing itself (make browser-test builds first). It
# creates a fresh database, migrates and seeds it with the demo accounts,
# serves the given binary on a free 127.0.0.1 port, runs the playwright-core
# tests against Debian's Chromium, then stops the server and drops the
# database, whatever happened.
set -euo pipefail
# With a command after the binary it runs that instead of the tests, against
# the same server (make bench-web).
bin=$(realpath "${1:?usage: run.sh path/to/jixiao [command...]}")
shift
cd "$(dirname "$0")/.."
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "browser tests need Debian's Chromium at /usr/bin/chromium: apt-get install -y chromium (.ci/run does)" >&2
  exit 1
fi
if ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null; then
  echo "the print test reads PDFs with pdftotext and pdfinfo: apt-get install -y poppler-utils (.ci/run does)" >&2
  exit 1
fi
mkdir -p e2e/artifacts
rm -f e2e/artifacts/*.png e2e/artifacts/server.log

pg=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres -d postgres)
db="jixiao_browser_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
password="Bt9-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${db}?sslmode=disable"
export JIXIAO_DEMO_PASSWORD="$password"
# the demo reviewer, admin and auditor sign in with a password alone, as with
# make run; the two-step sign-in has tests of its own
export JIXIAO_TOTP_REQUIRED_ROLES=""
# e2e/security.test.mjs starts a second server of this binary on the same
# database, with a second factor required of reviewers
export JIXIAO_BIN="$bin"

server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server" 2>/dev/null || true
  fi
  "${pg[@]}" -c "DROP DATABASE IF EXISTS ${db} WITH (FORCE)" || true
}
trap cleanup EXIT

"${pg[@]}" -c "CREATE DATABASE ${db}"
"$bin" migrate >/dev/null
"$bin" seed --demo-users >/dev/null
ADDR="127.0.0.1:${port}" "$bin" serve >e2e/artifacts/server.log 2>&1 &
server=$!
for i in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:${port}/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "server exited; see frontend/e2e/artifacts/server.log" >&2; exit 1; }
  [ "$i" = 100 ] && { echo "server not ready after 20 s" >&2; exit 1; }
  sleep 0.2
done

if [ $# -gt 0 ]; then
  JIXIAO_URL="http://127.0.0.1:${port}" "$@"
  exit
fi
JIXIAO_URL="http://127.0.0.1:${port}" node --test --test-concurrency=1 --test-timeout=240000 e2e/*.test.mjs
echo "screenshots: $(ls e2e/artifacts/*.png 2>/dev/null | wc -l) in frontend/e2e/artifacts/"
