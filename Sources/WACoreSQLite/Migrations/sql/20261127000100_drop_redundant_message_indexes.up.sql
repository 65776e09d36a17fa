-- idx_messages_phone (phone) and idx_messages_status (status) are the leading columns of
-- idx_messages_phone_created_id and idx_messages_status_created: every lookup they serve, the
-- longer index serves as well (the statistics count each status over the second), while
-- every insert paid for writing both and every status change for rewriting the second.
-- PostgreSQL keeps idx_messages_status (its migration says why).
DROP INDEX IF EXISTS idx_messages_phone;
DROP INDEX IF EXISTS idx_messages_status;
