CREATE INDEX IF NOT EXISTS idx_messages_phone_created ON messages(phone, created_at DESC);
DROP INDEX IF EXISTS idx_messages_phone_created_id;
