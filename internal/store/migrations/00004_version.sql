-- One number that every write to the journal raises, in the same
-- transaction: readers (the web server's page cache) can tell in one small
-- read whether anything changed since they last looked.

-- +goose Up
CREATE TABLE journal_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    v  BIGINT NOT NULL
);
INSERT INTO journal_version (id, v) VALUES (1, 0);

-- +goose Down
DROP TABLE journal_version;
