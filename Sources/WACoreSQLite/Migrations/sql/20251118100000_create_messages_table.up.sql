-- Messages: the seed's table in SQLite's types. Timestamps are UTC text
-- 'YYYY-MM-DD HH:MM:SS.ffffff', which sorts in time order; JSON is text checked by json_valid.
CREATE TABLE IF NOT EXISTS messages (
    id VARCHAR(255) PRIMARY KEY NOT NULL CHECK (length(id) <= 255),
    phone VARCHAR(20) NOT NULL CHECK (length(phone) <= 20),
    direction VARCHAR(10) NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    type VARCHAR(20) NOT NULL CHECK (type IN ('text', 'image', 'document', 'video', 'audio', 'template')),
    content TEXT,
    media_url TEXT,
    caption TEXT,
    status VARCHAR(20) NOT NULL CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
    whatsapp_msg_id VARCHAR(255) CHECK (length(whatsapp_msg_id) <= 255),
    error_code VARCHAR(50) CHECK (length(error_code) <= 50),
    error_message TEXT,
    metadata TEXT CHECK (metadata IS NULL OR (json_valid(metadata) AND json_type(metadata) = 'object')),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now') || '000')
);

CREATE INDEX IF NOT EXISTS idx_messages_phone ON messages(phone);
CREATE INDEX IF NOT EXISTS idx_messages_created_at ON messages(created_at DESC);
-- Unique: a WhatsApp id is recorded once, which makes webhook ingest idempotent.
CREATE UNIQUE INDEX IF NOT EXISTS idx_messages_whatsapp_msg_id ON messages(whatsapp_msg_id) WHERE whatsapp_msg_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_messages_status ON messages(status);
CREATE INDEX IF NOT EXISTS idx_messages_direction ON messages(direction);
CREATE INDEX IF NOT EXISTS idx_messages_type ON messages(type);
CREATE INDEX IF NOT EXISTS idx_messages_phone_created ON messages(phone, created_at DESC);
CREATE INDEX IF NOT EXISTS idx_messages_status_created ON messages(status, created_at DESC);

-- Full-text search over content: an external-content FTS5 index kept in sync by triggers.
-- Porter stemming matches PostgreSQL's 'english' configuration closely enough for search.
CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(
    content, content = 'messages', content_rowid = 'rowid', tokenize = 'porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, content) VALUES (NEW.rowid, NEW.content);
END;
CREATE TRIGGER IF NOT EXISTS messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', OLD.rowid, OLD.content);
END;
CREATE TRIGGER IF NOT EXISTS messages_fts_update AFTER UPDATE OF content ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', OLD.rowid, OLD.content);
    INSERT INTO messages_fts (rowid, content) VALUES (NEW.rowid, NEW.content);
END;

-- updated_at for updates that do not set it themselves (WACore always does).
CREATE TRIGGER IF NOT EXISTS update_messages_updated_at AFTER UPDATE ON messages
    FOR EACH ROW WHEN NEW.updated_at = OLD.updated_at
BEGIN
    UPDATE messages SET updated_at = (strftime('%Y-%m-%d %H:%M:%f', 'now') || '000') WHERE rowid = NEW.rowid;
END;
