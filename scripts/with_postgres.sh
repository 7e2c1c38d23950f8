#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: starts it in a temporary folder,
# exports DATABASE_URL, runs "$@", and always stops and removes the cluster afterwards.
# Usage: scripts/with_postgres.sh make test
set -euo pipefail

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL server binaries not found; install the 'postgresql' package." >&2
  exit 1
fi

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

dir=$(mktemp -d /tmp/draagvlak-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=${PG_PORT:-54329}
cleanup() {
  as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" stop -m fast >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

as_postgres "$PG_BIN/initdb" -D "$dir/data" -A trust -E UTF8 -U postgres >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -w -l "$dir/server.log" start \
  -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
as_postgres "$PG_BIN/createdb" -h "$dir" -p "$port" -U postgres draagvlak

socket=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$dir")
export DATABASE_URL="postgres://postgres@${socket}:${port}/draagvlak"
echo "PostgreSQL running at $dir (port $port)"
"$@"
