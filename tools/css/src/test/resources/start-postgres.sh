#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL 15 cluster for the CSS's tests.
#   start-postgres.sh start DIR   -> initdb into DIR, start on a free 127.0.0.1 port, print the
#                                    JDBC URL to give the tests as CSS_TEST_PG_URL
#   start-postgres.sh stop DIR    -> stop the cluster and remove DIR
# Runs the server as user postgres (initdb refuses root); DIR is made owned by postgres, and
# its parent folders must be searchable by postgres (mktemp -d makes 0700: chmod 755 it).
set -euo pipefail
bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
cmd="${1:?usage: start-postgres.sh start|stop DIR}"
dir="${2:?usage: start-postgres.sh start|stop DIR}"
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}
case "$cmd" in
  start)
    mkdir -p "$dir"
    chown postgres "$dir" 2>/dev/null || true
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 2; }
    # A free port: a random one nobody answers on (bash's /dev/tcp, no other tool needed).
    for _ in $(seq 1 50); do
      port=$((20000 + RANDOM % 40000))
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    done
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 2; }
    echo "jdbc:postgresql://127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: start-postgres.sh start|stop DIR" >&2; exit 2 ;;
esac
