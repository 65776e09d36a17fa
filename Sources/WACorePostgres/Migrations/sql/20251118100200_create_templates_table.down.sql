DROP TRIGGER IF EXISTS update_templates_updated_at ON templates;
DROP INDEX IF EXISTS idx_templates_deleted_at;
DROP INDEX IF EXISTS idx_templates_category;
DROP INDEX IF EXISTS idx_templates_status;
DROP INDEX IF EXISTS idx_templates_name;
DROP TABLE IF EXISTS templates;
