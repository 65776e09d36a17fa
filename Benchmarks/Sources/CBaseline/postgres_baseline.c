#include "CBaseline.h"
#include "sql.h"
#include <libpq-fe.h>
#include <stdio.h>

enum { INSERT_MESSAGE, TOUCH_CONTACT, RESTORE_CONTACT, INSERT_CONTACT, STATUS_DELIVERED, STATUS_READ, CONVERSATION, SEARCH, STATS, FIND, STATEMENTS };

static const char *const statement_sql[STATEMENTS] = {
    SQL_INSERT_MESSAGE, SQL_TOUCH_CONTACT, SQL_RESTORE_CONTACT, SQL_INSERT_CONTACT,
    SQL_STATUS_DELIVERED, SQL_STATUS_READ, SQL_CONVERSATION, SQL_SEARCH_PG, SQL_STATS_PG, SQL_FIND_BY_ID,
};
static const char *const statement_name[STATEMENTS] = {"im", "tc", "rc", "ic", "sd", "sr", "cv", "se", "st", "fi"};

typedef struct {
    PGconn *conn;
    char error[512];
    long contact_serial;
} bpq;

static int fail(bpq *b, PGresult *r) {
    snprintf(b->error, sizeof b->error, "%s", r ? PQresultErrorMessage(r) : PQerrorMessage(b->conn));
    if (r) PQclear(r);
    return 1;
}

static int ok(PGresult *r) {
    ExecStatusType s = PQresultStatus(r);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

static int64_t touch_rows(PGresult *r) {
    int64_t sum = 0;
    int rows = PQntuples(r), cols = PQnfields(r);
    for (int i = 0; i < rows; i++)
        for (int c = 0; c < cols; c++) sum += PQgetisnull(r, i, c) ? 0 : PQgetlength(r, i, c) + (PQgetvalue(r, i, c)[0] != 0);
    return sum;
}

void *bpq_open(const char *conninfo) {
    bpq *b = calloc(1, sizeof *b);
    b->conn = PQconnectdb(conninfo);
    if (PQstatus(b->conn) != CONNECTION_OK) { fail(b, NULL); return b; }
    PGresult *r = PQexec(b->conn, "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'");
    PQclear(r);
    for (int i = 0; i < STATEMENTS; i++) {
        r = PQprepare(b->conn, statement_name[i], statement_sql[i], 0, NULL);
        if (!ok(r)) { fail(b, r); return b; }
        PQclear(r);
    }
    return b;
}

void bpq_close(void *p) { bpq *b = p; PQfinish(b->conn); free(b); }
const char *bpq_error(void *p) { return ((bpq *)p)->error; }

static PGresult *run(bpq *b, int statement, int n, const char *const *params) {
    return PQexecPrepared(b->conn, statement_name[statement], n, params, NULL, NULL, 0);
}

static int command(bpq *b, const char *sql) {
    PGresult *r = PQexec(b->conn, sql);
    if (!ok(r)) return fail(b, r);
    PQclear(r);
    return 0;
}

/// Reads one pipelined query's result (and the NULL after it).
static PGresult *next_result(bpq *b) {
    PGresult *r = PQgetResult(b->conn);
    PGresult *end = PQgetResult(b->conn);
    if (end) PQclear(end);
    return r;
}

static void drain_to_sync(bpq *b) {
    PGresult *r;
    while ((r = PQgetResult(b->conn))) {
        int sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
        PQclear(r);
        if (sync) break;
    }
}

static void message_params(const bench_message *m, const char *params[8]) {
    params[0] = m->id; params[1] = m->phone; params[2] = m->direction; params[3] = m->type;
    params[4] = m->content; params[5] = m->status; params[6] = m->wamid; params[7] = m->created_at;
}

/// The contact steps after the live-contact UPDATE found nothing: restore, else insert.
static int create_or_restore(bpq *b, const phone_activity *a, const char *now) {
    char count[16], inbound[16], id[64];
    snprintf(count, sizeof count, "%d", a->count);
    snprintf(inbound, sizeof inbound, "%d", a->inbound);
    snprintf(id, sizeof id, "contact_c%ld", ++b->contact_serial);
    const char *params[6] = {a->phone, now, a->latest, count, inbound, id};
    PGresult *r = run(b, RESTORE_CONTACT, 5, params);
    if (!ok(r)) return fail(b, r);
    int found = PQntuples(r);
    touch_rows(r);
    PQclear(r);
    if (found) return 0;
    r = run(b, INSERT_CONTACT, 6, params);
    if (!ok(r) || PQntuples(r) != 1) return fail(b, r);
    touch_rows(r);
    PQclear(r);
    return 0;
}

/// A batch: the inserts pipelined (256 per sync), then the live-contact UPDATEs pipelined,
/// then restore/insert for phones with no live contact.
static int ingest_batch(bpq *b, const bench_message *messages, int count, const char *now,
                        const bench_message **inserted, phone_activity *groups, char (*numbers)[2][16]) {
    int n = 0;
    for (int start = 0; start < count; start += 256) {
        int end = start + 256 < count ? start + 256 : count;
        PQenterPipelineMode(b->conn);
        for (int i = start; i < end; i++) {
            const char *params[8];
            message_params(&messages[i], params);
            PQsendQueryPrepared(b->conn, statement_name[INSERT_MESSAGE], 8, params, NULL, NULL, 0);
        }
        PQpipelineSync(b->conn);
        int rc = 0;
        for (int i = start; i < end; i++) {
            PGresult *r = next_result(b);
            if (!ok(r)) { rc = fail(b, r); continue; }
            if (atoi(PQcmdTuples(r)) == 1) inserted[n++] = &messages[i];
            PQclear(r);
        }
        drain_to_sync(b);
        PQexitPipelineMode(b->conn);
        if (rc) return rc;
    }
    int g = group_by_phone(inserted, n, groups);
    for (int start = 0; start < g; start += 256) {
        int end = start + 256 < g ? start + 256 : g;
        PQenterPipelineMode(b->conn);
        for (int i = start; i < end; i++) {
            snprintf(numbers[i][0], 16, "%d", groups[i].count);
            snprintf(numbers[i][1], 16, "%d", groups[i].inbound);
            const char *params[5] = {groups[i].phone, now, groups[i].latest, numbers[i][0], numbers[i][1]};
            PQsendQueryPrepared(b->conn, statement_name[TOUCH_CONTACT], 5, params, NULL, NULL, 0);
        }
        PQpipelineSync(b->conn);
        int rc = 0;
        for (int i = start; i < end; i++) {
            PGresult *r = next_result(b);
            if (!ok(r)) { rc = fail(b, r); continue; }
            if (PQntuples(r) == 0) groups[i].count = -groups[i].count;  // mark: no live contact
            touch_rows(r);
            PQclear(r);
        }
        drain_to_sync(b);
        PQexitPipelineMode(b->conn);
        if (rc) return rc;
    }
    for (int i = 0; i < g; i++) {
        if (groups[i].count >= 0) continue;
        groups[i].count = -groups[i].count;
        if (create_or_restore(b, &groups[i], now)) return 1;
    }
    return 0;
}

/// One message in its own transaction, in two round trips: BEGIN + INSERT pipelined, then
/// the contact UPDATE + COMMIT pipelined.
static int ingest_one(bpq *b, const bench_message *m, const char *now) {
    const char *params[8];
    message_params(m, params);
    PQenterPipelineMode(b->conn);
    PQsendQueryParams(b->conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0);
    PQsendQueryPrepared(b->conn, statement_name[INSERT_MESSAGE], 8, params, NULL, NULL, 0);
    PQpipelineSync(b->conn);
    PGresult *r = next_result(b);
    int rc = ok(r) ? 0 : 1;
    PQclear(r);
    r = next_result(b);
    int inserted = ok(r) && atoi(PQcmdTuples(r)) == 1;
    if (!ok(r)) rc = fail(b, r); else PQclear(r);
    drain_to_sync(b);
    if (rc || !inserted) {
        PQexitPipelineMode(b->conn);
        return rc ? (command(b, "ROLLBACK"), 1) : command(b, "COMMIT");
    }
    const char *cparams[5] = {m->phone, now, m->created_at, "1", m->inbound ? "1" : "0"};
    PQsendQueryPrepared(b->conn, statement_name[TOUCH_CONTACT], 5, cparams, NULL, NULL, 0);
    PQsendQueryParams(b->conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0);
    PQpipelineSync(b->conn);
    r = next_result(b);
    int live = ok(r) && PQntuples(r) == 1;
    if (!ok(r)) rc = fail(b, r); else { touch_rows(r); PQclear(r); }
    r = next_result(b);
    if (!ok(r) && !rc) rc = fail(b, r); else PQclear(r);
    drain_to_sync(b);
    PQexitPipelineMode(b->conn);
    if (rc || live) return rc;
    // New phone (rare): the COMMIT above already ran, so count it in a transaction of its own.
    phone_activity a = {m->phone, m->created_at, 1, m->inbound};
    if (command(b, "BEGIN")) return 1;
    if (create_or_restore(b, &a, now)) { command(b, "ROLLBACK"); return 1; }
    return command(b, "COMMIT");
}

int bpq_ingest(void *p, const bench_message *messages, int count, int batch, const char *now) {
    bpq *b = p;
    if (batch <= 1) {
        for (int i = 0; i < count; i++)
            if (ingest_one(b, &messages[i], now)) return 1;
        return 0;
    }
    const bench_message **inserted = malloc(sizeof *inserted * batch);
    phone_activity *groups = malloc(sizeof *groups * batch);
    char (*numbers)[2][16] = malloc(sizeof *numbers * batch);
    int rc = 0;
    for (int start = 0; start < count && rc == 0; start += batch) {
        int end = start + batch < count ? start + batch : count;
        if ((rc = command(b, "BEGIN"))) break;
        rc = ingest_batch(b, messages + start, end - start, now, inserted, groups, numbers);
        if (rc == 0) rc = command(b, "COMMIT"); else command(b, "ROLLBACK");
    }
    free(inserted);
    free(groups);
    free(numbers);
    return rc;
}

int bpq_status(void *p, const char *const *wamids, int count, const char *status, const char *now, int64_t *applied) {
    bpq *b = p;
    int statement = status[0] == 'd' ? STATUS_DELIVERED : STATUS_READ;
    for (int i = 0; i < count; i++) {
        const char *params[2] = {wamids[i], now};
        PGresult *r = run(b, statement, 2, params);
        if (!ok(r)) return fail(b, r);
        *applied += PQntuples(r);
        touch_rows(r);
        PQclear(r);
    }
    return 0;
}

int bpq_conversation(void *p, const char *const *phones, int count, int64_t *latencies, int64_t *rows) {
    bpq *b = p;
    for (int i = 0; i < count; i++) {
        int64_t t0 = bench_now_ns();
        PGresult *r = run(b, CONVERSATION, 1, &phones[i]);
        if (!ok(r)) return fail(b, r);
        *rows += PQntuples(r);
        touch_rows(r);
        PQclear(r);
        latencies[i] = bench_now_ns() - t0;
    }
    return 0;
}

int bpq_search(void *p, const char *const *queries, int count, int64_t *rows) {
    bpq *b = p;
    for (int i = 0; i < count; i++) {
        PGresult *r = run(b, SEARCH, 1, &queries[i]);
        if (!ok(r)) return fail(b, r);
        *rows += PQntuples(r);
        touch_rows(r);
        PQclear(r);
    }
    return 0;
}

int bpq_find(void *p, const char *const *ids, int count, int64_t *rows) {
    bpq *b = p;
    for (int i = 0; i < count; i++) {
        PGresult *r = run(b, FIND, 1, &ids[i]);
        if (!ok(r)) return fail(b, r);
        *rows += PQntuples(r);
        touch_rows(r);
        PQclear(r);
    }
    return 0;
}

int bpq_stats(void *p, int count, int64_t *total) {
    bpq *b = p;
    for (int i = 0; i < count; i++) {
        PGresult *r = run(b, STATS, 0, NULL);
        if (!ok(r)) return fail(b, r);
        *total = atoll(PQgetvalue(r, 0, 0));
        touch_rows(r);
        PQclear(r);
    }
    return 0;
}

int bpq_exec(void *p, const char *sql) { return command(p, sql); }

int64_t bpq_scalar(void *p, const char *sql) {
    bpq *b = p;
    PGresult *r = PQexec(b->conn, sql);
    int64_t value = ok(r) && PQntuples(r) > 0 ? atoll(PQgetvalue(r, 0, 0)) : -1;
    if (!ok(r)) fail(b, r); else PQclear(r);
    return value;
}
