#!/usr/bin/env bash
# Installs (Debian, as root) and starts a local PostgreSQL for the tests that run the server on it,
# then prints its URL. Idempotent: an installed, running cluster and an existing role are reused.
set -euo pipefail
# Only the URL goes to stdout: the caller captures it, and the tools below may chat on stdout
# (a fresh machine's CI run once captured a notice ahead of the URL). No extra descriptor: the
# server started here would inherit it and hold the caller's capture open.
{
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main
pg_lsclusters -h | grep -q "^$version main .* online" || pg_ctlcluster "$version" main start
} >&2
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')
su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'distillery'\"" | grep -q 1 ||
  su postgres -c "psql -p $port -qc \"CREATE ROLE distillery LOGIN SUPERUSER PASSWORD 'distillery'\"" >&2
echo "postgres://distillery:distillery@127.0.0.1:$port/postgres"
