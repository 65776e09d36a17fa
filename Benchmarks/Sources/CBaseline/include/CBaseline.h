// Raw C baselines: the SQL WACore runs, through libsqlite3 and libpq directly with
// prepared statements. They set the engine's limit the Swift contenders are measured against.
#ifndef CBASELINE_H
#define CBASELINE_H

#include <stdint.h>

typedef struct bench_message {
    const char *id, *phone, *direction, *type, *content, *status, *wamid, *created_at;
    int inbound;
} bench_message;

// SQLite (a file in WAL mode, synchronous=NORMAL). Each returns 0 or an error code and
// writes what it read or changed to *out, which the caller checks.
void *bsq_open(const char *path);
/// Runs one statement without results (the pragmas every SQLite contender is told to run); 0 when it worked.
int bsq_exec(void *p, const char *sql);
void bsq_close(void *db);
const char *bsq_error(void *db);
int bsq_ingest(void *db, const bench_message *messages, int count, int batch, const char *now);
int bsq_status(void *db, const char *const *wamids, int count, const char *status, const char *now, int64_t *applied);
int bsq_conversation(void *db, const char *const *phones, int count, int64_t *latencies_ns, int64_t *rows);
int bsq_search(void *db, const char *const *queries, int count, int64_t *rows);
int bsq_stats(void *db, int count, int64_t *total);
int bsq_find(void *db, const char *const *ids, int count, int64_t *rows);

// PostgreSQL (libpq, text protocol, prepared statements, pipeline mode for batches).
void *bpq_open(const char *conninfo);
void bpq_close(void *conn);
const char *bpq_error(void *conn);
int bpq_ingest(void *conn, const bench_message *messages, int count, int batch, const char *now);
int bpq_status(void *conn, const char *const *wamids, int count, const char *status, const char *now, int64_t *applied);
int bpq_conversation(void *conn, const char *const *phones, int count, int64_t *latencies_ns, int64_t *rows);
int bpq_search(void *conn, const char *const *queries, int count, int64_t *rows);
int bpq_stats(void *conn, int count, int64_t *total);
int bpq_find(void *conn, const char *const *ids, int count, int64_t *rows);
/// Runs one SQL command (CREATE/DROP DATABASE for the harness); 0 on success.
int bpq_exec(void *conn, const char *sql);
/// The first column of the first row of a query, as an integer (harness checks).
int64_t bpq_scalar(void *conn, const char *sql);
int64_t bsq_scalar(void *db, const char *sql);

#endif
