DROP TRIGGER IF EXISTS update_contacts_updated_at ON contacts;
DROP INDEX IF EXISTS idx_contacts_search;
DROP INDEX IF EXISTS idx_contacts_deleted_at;
DROP INDEX IF EXISTS idx_contacts_name;
DROP INDEX IF EXISTS idx_contacts_last_message_at;
DROP INDEX IF EXISTS idx_contacts_phone;
DROP TABLE IF EXISTS contacts;
