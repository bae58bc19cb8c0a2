#!/usr/bin/env bash
# The recovery drills (make test-failover, make test-pitr) need Debian's
# etcd-server, patroni and pgbackrest, and PostgreSQL 15's programs. Says
# what is missing and how to get it; .ci/run installs them.
set -euo pipefail
missing=()
command -v etcd >/dev/null 2>&1 || missing+=(etcd-server)
command -v patroni >/dev/null 2>&1 && command -v patronictl >/dev/null 2>&1 || missing+=(patroni)
command -v pgbackrest >/dev/null 2>&1 || missing+=(pgbackrest)
[ -x "${PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ] || missing+=(postgresql-15)
if [ ${#missing[@]} -gt 0 ]; then
  echo "the recovery drills need: apt-get install -y --no-install-recommends ${missing[*]} (.ci/run does)" >&2
  exit 1
fi
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  echo "running as root, the drills run PostgreSQL as the postgres user, which does not exist" >&2
  exit 1
fi
