-- Templates. name has no column-level UNIQUE: the partial index keeps live names unique.
CREATE TABLE IF NOT EXISTS templates (
    id VARCHAR(255) PRIMARY KEY NOT NULL CHECK (length(id) <= 255),
    name VARCHAR(255) NOT NULL CHECK (length(name) <= 255),
    language VARCHAR(10) NOT NULL CHECK (length(language) <= 10),
    category VARCHAR(50) NOT NULL CHECK (length(category) <= 50),
    status VARCHAR(20) NOT NULL CHECK (status IN ('approved', 'pending', 'rejected')),
    content TEXT NOT NULL,
    parameters TEXT CHECK (parameters IS NULL OR (json_valid(parameters) AND json_type(parameters) = 'array')),
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'),
    updated_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'),
    deleted_at TIMESTAMP
);

CREATE UNIQUE INDEX IF NOT EXISTS idx_templates_name ON templates(name) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS idx_templates_status ON templates(status);
CREATE INDEX IF NOT EXISTS idx_templates_category ON templates(category);
CREATE INDEX IF NOT EXISTS idx_templates_deleted_at ON templates(deleted_at);

CREATE TRIGGER IF NOT EXISTS update_templates_updated_at AFTER UPDATE ON templates
    FOR EACH ROW WHEN NEW.updated_at = OLD.updated_at
BEGIN
    UPDATE templates SET updated_at = (strftime('%Y-%m-%d %H:%M:%f', 'now') || '000') WHERE rowid = NEW.rowid;
END;
