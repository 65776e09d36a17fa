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

int bsq_exec(void *p, const char *sql) { return exec(p, sql); }

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

// Variants of the conversation loop, for measuring what WACore's shape costs when the code
// is C (Performance.md). WACORE_BENCH_C_HANDOFF=1 runs each query on a second thread, handed
// over and collected through spinning atomics as WACore does; the calling thread frees the
// page, as a Swift task drops it. What is done with the rows (with or without the hop):
// - by default the columns are only touched;
// - WACORE_BENCH_C_HANDOFF_COPY=1 copies every column into malloc'd memory;
// - WACORE_BENCH_C_MATERIALIZE=1 does what any layer returning owned values must do, and no
//   more: an array of row structs per page, a malloc'd copy of each text value longer than
//   15 bytes (Swift keeps shorter strings inline), both timestamps parsed to microseconds,
//   the enums matched.
typedef struct {
    char *id, *phone, *content, *wamid;
    char direction, type, status;
    int64_t created_at, updated_at;
} materialized_row;

typedef struct {
    bsq *b; const char *const *phones; int64_t *rows;
    int request, done, failed;
    enum { TOUCH, COPY, MATERIALIZE } mode;
    char *keep[400]; int nkeep;
    materialized_row *page; int npage;
} handoff_t;

// A text value as an owned C string: inline (NULL here, the bytes stay in the row) when it is
// short enough for Swift's small-string form, else malloc'd.
static char *owned(sqlite3_stmt *s, int c) {
    const unsigned char *v = sqlite3_column_text(s, c);
    if (!v) return NULL;
    int n = sqlite3_column_bytes(s, c);
    if (n <= 15) return NULL;
    char *k = malloc(n + 1);
    memcpy(k, v, n + 1);
    return k;
}

static int digits(const unsigned char *v, int at, int count) {
    int x = 0;
    for (int i = at; i < at + count; i++) {
        if (v[i] < '0' || v[i] > '9') return -1;
        x = x * 10 + (v[i] - '0');
    }
    return x;
}

// "YYYY-MM-DD HH:MM:SS.ffffff" -> microseconds since 1970 (days from civil, as WACore does).
static int64_t micros(sqlite3_stmt *s, int c, int *bad) {
    const unsigned char *v = sqlite3_column_text(s, c);
    if (!v || sqlite3_column_bytes(s, c) != 26) { *bad = 1; return 0; }
    int y = digits(v, 0, 4), m = digits(v, 5, 2), d = digits(v, 8, 2);
    int hh = digits(v, 11, 2), mm = digits(v, 14, 2), ss = digits(v, 17, 2), f = digits(v, 20, 6);
    if (y < 0 || m < 1 || m > 12 || d < 1 || hh < 0 || mm < 0 || ss < 0 || f < 0) { *bad = 1; return 0; }
    int yy = m <= 2 ? y - 1 : y, era = yy / 400, yoe = yy - era * 400;
    int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = (int64_t)era * 146097 + doe - 719468;
    return ((days * 86400 + hh * 3600 + mm * 60 + ss) * 1000000) + f;
}

static char first_byte(sqlite3_stmt *s, int c) {
    const unsigned char *v = sqlite3_column_text(s, c);
    return v ? (char)v[0] : 0;
}

static int copy_all(handoff_t *h, sqlite3_stmt *s) {
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        (*h->rows)++;
        for (int c = 0; c < 14 && h->nkeep < 400; c++) {  // 400 holds a 21-row page
            const unsigned char *v = sqlite3_column_text(s, c);
            if (!v) continue;
            int n = sqlite3_column_bytes(s, c);
            char *k = malloc(n + 1);
            memcpy(k, v, n + 1);
            h->keep[h->nkeep++] = k;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : 1;
}

static int materialize(handoff_t *h, sqlite3_stmt *s) {
    int rc, bad = 0, n = 0;
    h->page = malloc(sizeof(materialized_row) * 21);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < 21) {
        materialized_row *r = &h->page[n++];
        r->id = owned(s, 0); r->phone = owned(s, 1); r->content = owned(s, 4); r->wamid = owned(s, 8);
        r->direction = first_byte(s, 2); r->type = first_byte(s, 3); r->status = first_byte(s, 7);
        r->created_at = micros(s, 12, &bad); r->updated_at = micros(s, 13, &bad);
        (*h->rows)++;
    }
    h->npage = n;
    sqlite3_reset(s);
    return rc == SQLITE_DONE && !bad ? 0 : 1;
}

static void free_page(handoff_t *h) {
    for (int k = 0; k < h->nkeep; k++) free(h->keep[k]);
    h->nkeep = 0;
    if (!h->page) return;
    for (int i = 0; i < h->npage; i++) {
        free(h->page[i].id); free(h->page[i].phone); free(h->page[i].content); free(h->page[i].wamid);
    }
    free(h->page);
    h->page = NULL;
}

/// Reads the conversation of phone `i` as the mode says; 0 when it went right.
static int read_page(handoff_t *h, int i) {
    sqlite3_stmt *s = stmt(h->b, SQL_CONVERSATION);
    if (!s) return 1;
    text(s, 1, h->phones[i]);
    switch (h->mode) {
    case COPY: return copy_all(h, s);
    case MATERIALIZE: return materialize(h, s);
    default: return read_all(h->b, s, h->rows);
    }
}

static void *handoff_worker(void *arg) {
    handoff_t *h = arg;
    int taken = 0;
    for (;;) {
        int r;
        while ((r = __atomic_load_n(&h->request, __ATOMIC_ACQUIRE)) == taken) {}
        if (r < 0) return NULL;
        taken = r;
        if (read_page(h, r - 1)) h->failed = 1;
        __atomic_store_n(&h->done, r, __ATOMIC_RELEASE);
    }
}

int bsq_conversation(void *p, const char *const *phones, int count, int64_t *latencies, int64_t *rows) {
    bsq *b = p;
    handoff_t h = {b, phones, rows, 0, 0, 0, TOUCH, {0}, 0, NULL, 0};
    h.mode = getenv("WACORE_BENCH_C_MATERIALIZE") ? MATERIALIZE : getenv("WACORE_BENCH_C_HANDOFF_COPY") ? COPY : TOUCH;
    if (getenv("WACORE_BENCH_C_HANDOFF")) {
        pthread_t th;
        pthread_create(&th, NULL, handoff_worker, &h);
        for (int i = 0; i < count; i++) {
            int64_t t0 = bench_now_ns();
            __atomic_store_n(&h.request, i + 1, __ATOMIC_RELEASE);
            while (__atomic_load_n(&h.done, __ATOMIC_ACQUIRE) != i + 1) {}
            free_page(&h);
            latencies[i] = bench_now_ns() - t0;
        }
        __atomic_store_n(&h.request, -1, __ATOMIC_RELEASE);
        pthread_join(th, NULL);
        return h.failed ? fail(b) : 0;
    }
    for (int i = 0; i < count; i++) {
        int64_t t0 = bench_now_ns();
        if (read_page(&h, i)) return fail(b);
        free_page(&h);
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
        sqlite3_stmt *s = stmt(b, SQL_STATS_SQLITE);
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
