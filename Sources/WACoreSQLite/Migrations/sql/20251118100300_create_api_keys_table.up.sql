-- API keys. key_hash is the hex SHA-256 of a high-entropy token (not bcrypt: a salted hash
-- cannot be found through an index); the partial unique index finds live keys by it.
CREATE TABLE IF NOT EXISTS api_keys (
    id VARCHAR(255) PRIMARY KEY NOT NULL CHECK (length(id) <= 255),
    key_hash VARCHAR(255) NOT NULL CHECK (length(key_hash) <= 255),
    name VARCHAR(255) NOT NULL CHECK (length(name) <= 255),
    permissions TEXT CHECK (permissions IS NULL OR (json_valid(permissions) AND json_type(permissions) = 'array')),
    rate_limit INTEGER DEFAULT 1000,
    last_used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'),
    expires_at TIMESTAMP,
    deleted_at TIMESTAMP
);

CREATE UNIQUE INDEX IF NOT EXISTS idx_api_keys_key_hash ON api_keys(key_hash) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS idx_api_keys_expires_at ON api_keys(expires_at);
CREATE INDEX IF NOT EXISTS idx_api_keys_deleted_at ON api_keys(deleted_at);
