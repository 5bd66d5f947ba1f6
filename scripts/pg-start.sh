#!/usr/bin/env bash
# Starts a throw-away PostgreSQL (Debian's package) on 127.0.0.1 for development and CI,
# and prints the DATABASE_URL to use. One command: `npm run pg:start`.
#   PGDIR  where the cluster lives (default: /tmp/warroom-pg)
#   PGPORT port on 127.0.0.1 (default: 55432, away from a system PostgreSQL on 5432)
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail
PGDIR=${PGDIR:-/tmp/warroom-pg}
PGPORT=${PGPORT:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
  exit 1
fi
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ ! -f "$PGDIR/PG_VERSION" ]; then
  mkdir -p "$PGDIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDIR"
  as_owner "$bin/initdb" -D "$PGDIR" -U postgres --auth=trust -E UTF8 >/dev/null
fi
if ! as_owner "$bin/pg_ctl" -D "$PGDIR" status >/dev/null 2>&1; then
  as_owner "$bin/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w \
    -o "-h 127.0.0.1 -p $PGPORT -k /tmp -c fsync=on -c max_connections=200" start >/dev/null
fi
for db in warroom warroom_test; do
  if ! "$bin/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$db"
  fi
done
echo "postgres://postgres@127.0.0.1:$PGPORT/warroom"
