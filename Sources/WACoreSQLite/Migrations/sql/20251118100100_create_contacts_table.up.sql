-- Contacts. phone has no column-level UNIQUE: the partial index below keeps live phones
-- unique and lets a soft-deleted contact's phone be used again.
CREATE TABLE IF NOT EXISTS contacts (
    id VARCHAR(255) PRIMARY KEY NOT NULL CHECK (length(id) <= 255),
    phone VARCHAR(20) NOT NULL CHECK (length(phone) <= 20),
    name VARCHAR(255) CHECK (length(name) <= 255),
    profile_picture_url TEXT,
    last_message_at TIMESTAMP,
    message_count INTEGER DEFAULT 0,
    unread_count INTEGER DEFAULT 0,
    metadata TEXT CHECK (metadata IS NULL OR (json_valid(metadata) AND json_type(metadata) = 'object')),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'),
    deleted_at TIMESTAMP
);

CREATE UNIQUE INDEX IF NOT EXISTS idx_contacts_phone ON contacts(phone) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS idx_contacts_last_message_at ON contacts(last_message_at DESC);
CREATE INDEX IF NOT EXISTS idx_contacts_name ON contacts(name);
CREATE INDEX IF NOT EXISTS idx_contacts_deleted_at ON contacts(deleted_at);

-- Full-text search over name and phone.
CREATE VIRTUAL TABLE IF NOT EXISTS contacts_fts USING fts5(
    name, phone, content = 'contacts', content_rowid = 'rowid', tokenize = 'porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, name, phone) VALUES (NEW.rowid, NEW.name, NEW.phone);
END;
CREATE TRIGGER IF NOT EXISTS contacts_fts_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, name, phone) VALUES ('delete', OLD.rowid, OLD.name, OLD.phone);
END;
CREATE TRIGGER IF NOT EXISTS contacts_fts_update AFTER UPDATE OF name, phone ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, name, phone) VALUES ('delete', OLD.rowid, OLD.name, OLD.phone);
    INSERT INTO contacts_fts (rowid, name, phone) VALUES (NEW.rowid, NEW.name, NEW.phone);
END;

CREATE TRIGGER IF NOT EXISTS update_contacts_updated_at AFTER UPDATE ON contacts
    FOR EACH ROW WHEN NEW.updated_at = OLD.updated_at
BEGIN
    UPDATE contacts SET updated_at = (strftime('%Y-%m-%d %H:%M:%f', 'now') || '000') WHERE rowid = NEW.rowid;
END;
