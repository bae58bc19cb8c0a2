#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster when nothing accepts connections on
# 127.0.0.1:5432 (a development machine or CI). With DATABASE_URL pointing
# elsewhere, it leaves everything alone.
set -euo pipefail
case "${DATABASE_URL:-}" in
  ""|*127.0.0.1:5432*|*localhost:5432*) ;;
  *) exit 0 ;;
esac
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "PostgreSQL is not accepting connections on 127.0.0.1:5432 and pg_ctlcluster is missing;" >&2
  echo "start PostgreSQL 15 or set DATABASE_URL." >&2
  exit 1
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
echo "starting PostgreSQL $version" >&2
pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && exit 0
  sleep 1
done
echo "PostgreSQL did not start" >&2
exit 1
