#!/usr/bin/env bash
# `make cloud`: the cloud sync endpoint for development. A private PostgreSQL
# lives in ./.cloud-data (created on first run; loopback only, its socket in the
# same folder; run as the `postgres` user when we are root, since PostgreSQL
# refuses root), then `posapp-cloud serve` upgrades the schema and serves on
# 127.0.0.1:8080. Ctrl+C stops the endpoint and the database. The key that seals the
# stored secrets (cloud/secrets.py) is made on first run and kept in
# ./.cloud-data/secret-key (mode 600), unless POSAPP_CLOUD_SECRET_KEY[_FILE] is set.
#   CLOUD_DATA=DIR  CLOUD_PG_PORT=54329  CLOUD_PORT=8080  override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(realpath -m "${CLOUD_DATA:-.cloud-data}")"
pg_port="${CLOUD_PG_PORT:-54329}"
port="${CLOUD_PORT:-8080}"
bin="$(realpath -m "${VENV:-.venv}/bin")"

bindir=""
if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
  bindir="$(dirname "$(realpath "$(command -v initdb)")")"
else
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    [ -x "$dir/initdb" ] && bindir="$dir"
  done
fi
if [ -z "$bindir" ]; then
  echo "cloud-dev: PostgreSQL server binaries not found; run 'sudo bash scripts/test-deps.sh'" >&2
  exit 1
fi

as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  as_pg=(runuser -u postgres --)
fi
mkdir -p "$data"
[ ${#as_pg[@]} -eq 0 ] || chown postgres: "$data"
if [ ! -f "$data/db/PG_VERSION" ]; then
  "${as_pg[@]}" "$bindir/initdb" -D "$data/db" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
"${as_pg[@]}" "$bindir/pg_ctl" -D "$data/db" -l "$data/postgres.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $data" start >/dev/null
trap '"${as_pg[@]}" "$bindir/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null' EXIT

if [ -z "${POSAPP_CLOUD_SECRET_KEY:-}" ] && [ -z "${POSAPP_CLOUD_SECRET_KEY_FILE:-}" ]; then
  key_file="$data/secret-key"
  if [ ! -s "$key_file" ]; then
    (umask 077 && "$bin/posapp-cloud" secret-key new >"$key_file.tmp" && mv "$key_file.tmp" "$key_file")
    echo "cloud-dev: made the secret key $key_file (keep it: without it the stored secrets are lost)"
  fi
  export POSAPP_CLOUD_SECRET_KEY_FILE="$key_file"
fi

dsn="postgresql://postgres@127.0.0.1:$pg_port/posapp_cloud"
"$bin/python" - "$pg_port" <<'PY'
import sys

import psycopg

with psycopg.connect(f"postgresql://postgres@127.0.0.1:{sys.argv[1]}/postgres", autocommit=True) as c:
    if c.execute("SELECT 1 FROM pg_database WHERE datname = 'posapp_cloud'").fetchone() is None:
        c.execute("CREATE DATABASE posapp_cloud")
PY
echo "cloud-dev: PostgreSQL on 127.0.0.1:$pg_port ($data); endpoint on http://127.0.0.1:$port"
echo "cloud-dev: make a chain with: $bin/posapp-cloud chain create NAME --database-url $dsn"
"$bin/posapp-cloud" serve --database-url "$dsn" --host 127.0.0.1 --port "$port"
