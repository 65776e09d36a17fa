#include "CBaseline.h"
#include "sql.h"
#include <sqlite3.h>
#include <stdio.h>

typedef struct {
    sqlite3 *db;
    sqlite3_stmt *cache[32];
    const char *sql[32];
    int cached;
    char error[512];
    long contact_serial;
} bsq;

// "$1" -> "?1", as WACore's SQLite driver does.
static void positional(const char *sql, char *out) {
    for (; *sql; sql++) *out++ = (*sql == '$' && sql[1] >= '0' && sql[1] <= '9') ? '?' : *sql;
    *out = 0;
}

static sqlite3_stmt *stmt(bsq *b, const char *sql) {
    for (int i = 0; i < b->cached; i++)
        if (b->sql[i] == sql) { sqlite3_reset(b->cache[i]); return b->cache[i]; }
    char text[4096];
    positional(sql, text);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v3(b->db, text, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) return NULL;
    b->sql[b->cached] = sql;
    b->cache[b->cached++] = s;
    return s;
}

static int fail(bsq *b) {
    snprintf(b->error, sizeof b->error, "%s", sqlite3_errmsg(b->db));
    return 1;
}

static int exec(bsq *b, const char *sql) {
    return sqlite3_exec(b->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(b);
}

static void text(sqlite3_stmt *s, int i, const char *v) {
    if (v) sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC); else sqlite3_bind_null(s, i);
}

/// Reads every column of the current row, as a driver must (the lengths are summed so
/// nothing can be optimized away).
static int64_t touch_row(sqlite3_stmt *s) {
    int64_t sum = 0;
    int n = sqlite3_column_count(s);
    for (int i = 0; i < n; i++) {
        const unsigned char *v = sqlite3_column_text(s, i);
        sum += v ? sqlite3_column_bytes(s, i) : 0;
    }
    return sum;
}

void *bsq_open(const char *path) {
    bsq *b = calloc(1, sizeof *b);
    if (sqlite3_open_v2(path, &b->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) return b;
    sqlite3_busy_timeout(b->db, 5000);
    exec(b, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON");
    return b;
}

void bsq_close(void *p) {
    bsq *b = p;
    for (int i = 0; i < b->cached; i++) sqlite3_finalize(b->cache[i]);
    sqlite3_close_v2(b->db);
    free(b);
}

const char *bsq_error(void *p) { return ((bsq *)p)->error; }

/// The live contact counted, else a soft-deleted one restored, else a new one.
static int count_on_contact(bsq *b, const phone_activity *a, const char *now) {
    const char *steps[3] = {SQL_TOUCH_CONTACT, SQL_RESTORE_CONTACT, SQL_INSERT_CONTACT};
    char id[64];
    snprintf(id, sizeof id, "contact_c%ld", ++b->contact_serial);
    for (int step = 0; step < 3; step++) {
        sqlite3_stmt *s = stmt(b, steps[step]);
        if (!s) return fail(b);
        text(s, 1, a->phone);
        text(s, 2, now);
        text(s, 3, a->latest);
        sqlite3_bind_int(s, 4, a->count);
        sqlite3_bind_int(s, 5, a->inbound);
        if (step == 2) text(s, 6, id);
        int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) { touch_row(s); sqlite3_reset(s); return 0; }
        if (rc != SQLITE_DONE) return fail(b);
    }
    return fail(b);
}

static int insert_message(bsq *b, const bench_message *m, int *inserted) {
    sqlite3_stmt *s = stmt(b, SQL_INSERT_MESSAGE);
    if (!s) return fail(b);
    text(s, 1, m->id); text(s, 2, m->phone); text(s, 3, m->direction); text(s, 4, m->type);
    text(s, 5, m->content); text(s, 6, m->status); text(s, 7, m->wamid); text(s, 8, m->created_at);
    if (sqlite3_step(s) != SQLITE_DONE) return fail(b);
    *inserted = sqlite3_changes(b->db);
    return 0;
}

int bsq_ingest(void *p, const bench_message *messages, int count, int batch, const char *now) {
    bsq *b = p;
    const bench_message **inserted = malloc(sizeof *inserted * batch);
    phone_activity *groups = malloc(sizeof *groups * batch);
    int rc = 0;
    for (int start = 0; start < count && rc == 0; start += batch) {
        int end = start + batch < count ? start + batch : count, n = 0;
        if ((rc = exec(b, "BEGIN IMMEDIATE"))) break;
        for (int i = start; i < end && rc == 0; i++) {
            int added = 0;
            rc = insert_message(b, &messages[i], &added);
            if (added) inserted[n++] = &messages[i];
        }
        int g = rc ? 0 : group_by_phone(inserted, n, groups);
        for (int i = 0; i < g && rc == 0; i++) rc = count_on_contact(b, &groups[i], now);
        if (rc == 0) rc = exec(b, "COMMIT"); else exec(b, "ROLLBACK");
    }
    free(inserted);
    free(groups);
    return rc;
}

int bsq_status(void *p, const char *const *wamids, int count, const char *status, const char *now, int64_t *applied) {
    bsq *b = p;
    const char *sql = status[0] == 'd' ? SQL_STATUS_DELIVERED : SQL_STATUS_READ;
    for (int i = 0; i < count; i++) {
        if (exec(b, "BEGIN IMMEDIATE")) return 1;
        sqlite3_stmt *s = stmt(b, sql);
        if (!s) return fail(b);
        text(s, 1, wamids[i]);
        text(s, 2, now);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) { touch_row(s); (*applied)++; }
        if (rc != SQLITE_DONE) return fail(b);
        sqlite3_reset(s);
        if (exec(b, "COMMIT")) return 1;
    }
    return 0;
}

static int read_all(bsq *b, sqlite3_stmt *s, int64_t *rows) {
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) { touch_row(s); (*rows)++; }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : fail(b);
}

#include <pthread.h>

// WACORE_BENCH_C_HANDOFF=1 runs each conversation query on a second thread, handed over and
// collected through spinning atomics, as WACore does: it measures what the hop itself costs
// when the code on both sides is C. With WACORE_BENCH_C_HANDOFF_COPY=1 as well, that thread
// copies every column into malloc'd memory which the calling thread frees, as the strings
// WACore decodes on its worker are freed by the task that drops the page.
typedef struct {
    bsq *b; const char *const *phones; int64_t *rows;
    int request, done, failed;
    int copy;
    char *keep[400]; int nkeep;
} handoff_t;

static void *handoff_worker(void *arg) {
    handoff_t *h = arg;
    int taken = 0;
    for (;;) {
        int r;
        while ((r = __atomic_load_n(&h->request, __ATOMIC_ACQUIRE)) == taken) {}
        if (r < 0) return NULL;
        taken = r;
        sqlite3_stmt *s = stmt(h->b, SQL_CONVERSATION);
        if (!s) { h->failed = 1; } else {
            text(s, 1, h->phones[r - 1]);
            if (h->copy) {
                h->nkeep = 0;  // 400 holds every value of a 21-row page (14 columns)
                int rc;
                while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
                    (*h->rows)++;
                    for (int c = 0; c < 14 && h->nkeep < 400; c++) {
                        const unsigned char *v = sqlite3_column_text(s, c);
                        if (!v) continue;
                        int n = sqlite3_column_bytes(s, c);
                        char *k = malloc(n + 1);
                        memcpy(k, v, n + 1);
                        h->keep[h->nkeep++] = k;
                    }
                }
                sqlite3_reset(s);
                if (rc != SQLITE_DONE) h->failed = 1;
            } else if (read_all(h->b, s, h->rows)) h->failed = 1;
        }
        __atomic_store_n(&h->done, r, __ATOMIC_RELEASE);
    }
}

int bsq_conversation(void *p, const char *const *phones, int count, int64_t *latencies, int64_t *rows) {
    bsq *b = p;
    if (getenv("WACORE_BENCH_C_HANDOFF")) {
        handoff_t h = {b, phones, rows, 0, 0, 0, getenv("WACORE_BENCH_C_HANDOFF_COPY") != NULL, {0}, 0};
        pthread_t th;
        pthread_create(&th, NULL, handoff_worker, &h);
        for (int i = 0; i < count; i++) {
            int64_t t0 = bench_now_ns();
            __atomic_store_n(&h.request, i + 1, __ATOMIC_RELEASE);
            while (__atomic_load_n(&h.done, __ATOMIC_ACQUIRE) != i + 1) {}
            for (int k = 0; k < h.nkeep; k++) free(h.keep[k]);  // freed by the caller, as Swift frees a page
            latencies[i] = bench_now_ns() - t0;
        }
        __atomic_store_n(&h.request, -1, __ATOMIC_RELEASE);
        pthread_join(th, NULL);
        return h.failed ? fail(b) : 0;
    }
    for (int i = 0; i < count; i++) {
        int64_t t0 = bench_now_ns();
        sqlite3_stmt *s = stmt(b, SQL_CONVERSATION);
        if (!s) return fail(b);
        text(s, 1, phones[i]);
        if (read_all(b, s, rows)) return 1;
        latencies[i] = bench_now_ns() - t0;
    }
    return 0;
}

int bsq_search(void *p, const char *const *queries, int count, int64_t *rows) {
    bsq *b = p;
    for (int i = 0; i < count; i++) {
        sqlite3_stmt *s = stmt(b, SQL_SEARCH_SQLITE);
        if (!s) return fail(b);
        text(s, 1, queries[i]);
        if (read_all(b, s, rows)) return 1;
    }
    return 0;
}

int bsq_find(void *p, const char *const *ids, int count, int64_t *rows) {
    bsq *b = p;
    for (int i = 0; i < count; i++) {
        sqlite3_stmt *s = stmt(b, SQL_FIND_BY_ID);
        if (!s) return fail(b);
        text(s, 1, ids[i]);
        if (read_all(b, s, rows)) return 1;
    }
    return 0;
}

int bsq_stats(void *p, int count, int64_t *total) {
    bsq *b = p;
    for (int i = 0; i < count; i++) {
        sqlite3_stmt *s = stmt(b, SQL_STATS);
        if (!s) return fail(b);
        if (sqlite3_step(s) != SQLITE_ROW) return fail(b);
        *total = sqlite3_column_int64(s, 0);
        touch_row(s);
        sqlite3_reset(s);
    }
    return 0;
}

int64_t bsq_scalar(void *p, const char *sql) {
    bsq *b = p;
    sqlite3_stmt *s = NULL;
    int64_t value = -1;
    if (sqlite3_prepare_v2(b->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) value = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return value;
}
