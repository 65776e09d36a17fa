CREATE INDEX IF NOT EXISTS idx_messages_phone ON messages(phone);
