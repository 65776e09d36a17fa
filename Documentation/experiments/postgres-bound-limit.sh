#!/usr/bin/env bash
# Does PostgreSQL plan a conversation page differently when its LIMIT is a bound parameter
# rather than written into the SQL? Starts a throwaway cluster (as the benchmark does), applies
# WACore's PostgreSQL migrations, loads ROWS messages over 1,000 phones (default 1,000,000),
# then prints the plan of both prepared forms after seven executions and times each with
# `pgbench -M prepared` (one client, 8 seconds, twice, alternated).
#   Documentation/experiments/postgres-bound-limit.sh [ROWS]
# Measured at 1M rows (Performance.md, item 23): bound 0.157 / 0.157 ms a query, written in
# 0.094 / 0.100 ms; the bound form is planned anew on every execution (its plan shows the
# phone as a literal and 0.061 ms of planning; the written form's `$1` and 0.003 ms).
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-1000000}
. scripts/lib/postgres-cluster.sh
start_postgres_cluster "shared_buffers=256MB"
psql_=(runuser -u postgres -- psql -h "$PG_SOCKET" -U postgres -d postgres -q -v ON_ERROR_STOP=1)
for migration in $(ls Sources/WACorePostgres/Migrations/sql/*.up.sql | sort); do "${psql_[@]}" -f "$migration" >/dev/null; done
"${psql_[@]}" <<SQL
INSERT INTO messages (id, phone, direction, type, content, status, whatsapp_msg_id, created_at, updated_at)
SELECT 'msg_' || lpad(g::text, 9, '0'), '+1555' || (2000000 + (g::bigint * 7919) % 1000)::text,
  CASE WHEN g % 2 = 0 THEN 'inbound' ELSE 'outbound' END, 'text', 'hello world ' || g, 'sent', 'wamid.' || g,
  timestamp '2026-01-01' + g * interval '1 second', timestamp '2026-01-01' + g * interval '1 second'
FROM generate_series(1, $rows) g;
ANALYZE messages;
SQL
columns="id, phone, direction, type, content, media_url, caption, status, whatsapp_msg_id, error_code, error_message, metadata, created_at, updated_at"
page="SELECT $columns FROM messages WHERE phone = \$1 ORDER BY created_at DESC, id DESC"
"${psql_[@]}" <<SQL
PREPARE bound(text, bigint) AS $page LIMIT \$2;
PREPARE written(text) AS $page LIMIT 21;
\o /dev/null
$(for i in 1 2 3 4 5 6 7; do echo "EXECUTE bound('+155520000$i', 21); EXECUTE written('+155520000$i');"; done)
\o
\echo LIMIT bound:
EXPLAIN (ANALYZE, COSTS) EXECUTE bound('+15552000010', 21);
\echo LIMIT written in:
EXPLAIN (ANALYZE, COSTS) EXECUTE written('+15552000010');
SQL
script=$(mktemp -d)
chmod 755 "$script"
printf '%s\n' '\set p random(0, 999)' "SELECT $columns FROM messages WHERE phone = '+1555' || (2000000 + :p)::text ORDER BY created_at DESC, id DESC LIMIT :limit;" >"$script/bound.sql"
sed 's/LIMIT :limit/LIMIT 21/' "$script/bound.sql" >"$script/written.sql"
chmod 644 "$script"/*.sql
for round in 1 2; do
  for form in bound written; do
    printf 'LIMIT %-8s ' "$form:"
    runuser -u postgres -- pgbench -h "$PG_SOCKET" -U postgres -n -M prepared -c 1 -T 8 -D limit=21 -f "$script/$form.sql" postgres 2>&1 |
      grep "latency average"
  done
done
rm -rf "$script"
