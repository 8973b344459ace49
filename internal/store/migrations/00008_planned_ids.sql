-- The exercises a session planned, in order, as their ids joined by commas
-- (exercise ids are lower-case letters, digits and hyphens): what the web
-- server checks each recorded exercise against, also after a restart.
-- Empty for sessions saved before this migration, and for starts refused
-- before they began. Portable on SQLite and PostgreSQL.

-- +goose Up
ALTER TABLE sessions ADD COLUMN planned_ids TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE sessions DROP COLUMN planned_ids;
