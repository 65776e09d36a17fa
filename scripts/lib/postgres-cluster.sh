# Sourced by scripts/test and Benchmarks/run: a throwaway PostgreSQL cluster in a temporary
# directory, listening on a unix socket only. PostgreSQL refuses to run as root, so its tools
# run as the postgres OS user then.
#
#   start_postgres_cluster [extra postgres -c options...]   sets PG_BIN, PG_CLUSTER, PG_SOCKET
#   stop_postgres_cluster                                   (also installed as an EXIT trap)

PG_BIN="" PG_CLUSTER="" PG_SOCKET=""

find_postgres_bin() {
  local dir
  for dir in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")" /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then PG_BIN=$dir; return 0; fi
  done
  return 1
}

as_postgres_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_postgres_cluster() {
  if [ -n "$PG_CLUSTER" ]; then
    as_postgres_user "$PG_BIN/pg_ctl" -D "$PG_CLUSTER/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_CLUSTER"
    PG_CLUSTER=""
  fi
}

start_postgres_cluster() {
  find_postgres_bin || return 1
  PG_CLUSTER=$(mktemp -d /tmp/wacore-pg.XXXXXX)
  trap stop_postgres_cluster EXIT
  chmod 755 "$PG_CLUSTER"
  mkdir -p "$PG_CLUSTER/socket"
  [ "$(id -u)" = 0 ] && chown -R postgres "$PG_CLUSTER"
  as_postgres_user "$PG_BIN/initdb" -D "$PG_CLUSTER/data" -U postgres --auth=trust --encoding=UTF8 --no-locale \
    >"$PG_CLUSTER/initdb.log" 2>&1 || { cat "$PG_CLUSTER/initdb.log" >&2; return 1; }
  local options="-c listen_addresses='' -c unix_socket_directories='$PG_CLUSTER/socket'"
  local option
  for option in "$@"; do options="$options -c $option"; done
  as_postgres_user "$PG_BIN/pg_ctl" -D "$PG_CLUSTER/data" -l "$PG_CLUSTER/server.log" -w -t 60 start -o "$options" >/dev/null ||
    { cat "$PG_CLUSTER/server.log" >&2; return 1; }
  PG_SOCKET="$PG_CLUSTER/socket"
}
