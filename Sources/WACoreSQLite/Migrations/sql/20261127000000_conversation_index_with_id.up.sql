-- A conversation page is ORDER BY created_at DESC, id DESC. With id in the index the rows
-- leave the index in exactly that order, so a page reads its own rows and sorts nothing;
-- without it the engine sorts every message of the phone that shares the page's times.
-- It replaces idx_messages_phone_created, whose columns it starts with.
CREATE INDEX IF NOT EXISTS idx_messages_phone_created_id ON messages(phone, created_at DESC, id DESC);
DROP INDEX IF EXISTS idx_messages_phone_created;
