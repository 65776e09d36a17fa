// The statements both C baselines run: WACore's SQL, with $n placeholders (SQLite reads
// them as ?n after rewriting in sqlite_baseline.c).
#ifndef BASELINE_SQL_H
#define BASELINE_SQL_H

#define MESSAGE_COLUMNS "id, phone, direction, type, content, media_url, caption, status, whatsapp_msg_id, error_code, error_message, metadata, created_at, updated_at"
#define CONTACT_COLUMNS "id, phone, name, profile_picture_url, last_message_at, message_count, unread_count, metadata, created_at, updated_at, deleted_at"

#define SQL_INSERT_MESSAGE "INSERT INTO messages (" MESSAGE_COLUMNS ") VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, $7, NULL, NULL, NULL, $8, $8) ON CONFLICT (whatsapp_msg_id) WHERE whatsapp_msg_id IS NOT NULL DO NOTHING"

#define COUNTING "message_count = contacts.message_count + $4, unread_count = contacts.unread_count + $5, last_message_at = CASE WHEN contacts.last_message_at IS NULL OR contacts.last_message_at < $3 THEN $3 ELSE contacts.last_message_at END"

#define SQL_TOUCH_CONTACT "UPDATE contacts SET " COUNTING ", updated_at = $2 WHERE phone = $1 AND deleted_at IS NULL RETURNING " CONTACT_COLUMNS
#define SQL_RESTORE_CONTACT "UPDATE contacts SET deleted_at = NULL, updated_at = $2, " COUNTING " WHERE id = (SELECT id FROM contacts WHERE phone = $1 AND deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC LIMIT 1) RETURNING " CONTACT_COLUMNS
#define SQL_INSERT_CONTACT "INSERT INTO contacts (" CONTACT_COLUMNS ") VALUES ($6, $1, NULL, NULL, $3, $4, $5, NULL, $2, $2, NULL) ON CONFLICT (phone) WHERE deleted_at IS NULL DO UPDATE SET " COUNTING ", updated_at = $2 RETURNING " CONTACT_COLUMNS

#define SQL_STATUS_DELIVERED "UPDATE messages SET status = 'delivered', error_code = NULL, error_message = NULL, updated_at = $2 WHERE whatsapp_msg_id = $1 AND status IN ('sent', 'failed') RETURNING " MESSAGE_COLUMNS
#define SQL_STATUS_READ "UPDATE messages SET status = 'read', error_code = NULL, error_message = NULL, updated_at = $2 WHERE whatsapp_msg_id = $1 AND status IN ('sent', 'delivered', 'failed') RETURNING " MESSAGE_COLUMNS

#define SQL_CONVERSATION "SELECT " MESSAGE_COLUMNS " FROM messages WHERE phone = $1 ORDER BY created_at DESC, id DESC LIMIT 21"

// Each engine's statistics statement (MessageStatisticsSQL): per-status index counts on SQLite, one pass on PostgreSQL.
#define SQL_STATS_SQLITE "SELECT s0 + s1 + s2 + s3, s0, s1, s2, s3 FROM (SELECT (SELECT COUNT(*) FROM messages WHERE status = 'sent') AS s0, (SELECT COUNT(*) FROM messages WHERE status = 'delivered') AS s1, (SELECT COUNT(*) FROM messages WHERE status = 'read') AS s2, (SELECT COUNT(*) FROM messages WHERE status = 'failed') AS s3) AS counts"
#define SQL_STATS_PG "SELECT COUNT(*), COUNT(CASE WHEN status = 'sent' THEN 1 END), COUNT(CASE WHEN status = 'delivered' THEN 1 END), COUNT(CASE WHEN status = 'read' THEN 1 END), COUNT(CASE WHEN status = 'failed' THEN 1 END) FROM messages"

#define SQL_FIND_BY_ID "SELECT " MESSAGE_COLUMNS " FROM messages WHERE id = $1"

#define SQL_SEARCH_SQLITE "SELECT m.id, m.phone, m.direction, m.type, m.content, m.media_url, m.caption, m.status, m.whatsapp_msg_id, m.error_code, m.error_message, m.metadata, m.created_at, m.updated_at FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid WHERE messages_fts MATCH $1 ORDER BY m.created_at DESC, m.id DESC LIMIT 50"
#define SQL_SEARCH_PG "SELECT " MESSAGE_COLUMNS " FROM (SELECT " MESSAGE_COLUMNS " FROM messages WHERE to_tsvector('english', content) @@ plainto_tsquery('english', $1) OFFSET 0) AS hits ORDER BY created_at DESC, id DESC LIMIT 50"

#include "CBaseline.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline int64_t bench_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

// One phone's messages in a batch: how many were inserted, how many inbound, the newest time.
typedef struct {
    const char *phone;
    const char *latest;
    int count, inbound;
} phone_activity;

static int compare_phone(const void *a, const void *b) {
    return strcmp((*(const bench_message *const *)a)->phone, (*(const bench_message *const *)b)->phone);
}

// Groups the inserted messages by phone (sort, then one pass). Returns the number of groups.
static int group_by_phone(const bench_message **inserted, int count, phone_activity *out) {
    qsort(inserted, count, sizeof *inserted, compare_phone);
    int groups = -1;
    for (int i = 0; i < count; i++) {
        if (groups < 0 || strcmp(out[groups].phone, inserted[i]->phone) != 0) {
            groups++;
            out[groups] = (phone_activity){inserted[i]->phone, inserted[i]->created_at, 0, 0};
        }
        out[groups].count++;
        out[groups].inbound += inserted[i]->inbound;
        if (strcmp(inserted[i]->created_at, out[groups].latest) > 0) out[groups].latest = inserted[i]->created_at;
    }
    return groups + 1;
}

#endif
