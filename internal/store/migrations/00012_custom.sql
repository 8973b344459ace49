-- Your own exercises and routines (issue 20), kept in the journal so that the
-- web app and the command line share them. Each entry is its YAML (the
-- format of docs/catalog.md, one entry), checked like a catalog file before
-- it is saved; seq keeps the order they were added in. Pictures are
-- re-encoded PNG or JPEG, written as base64 text so that the same SQL runs
-- on SQLite and PostgreSQL; up to three an exercise (n 0, 1, 2).

-- +goose Up
CREATE TABLE custom_entries (
    kind       TEXT NOT NULL CHECK (kind IN ('exercise', 'routine')),
    id         TEXT NOT NULL,
    seq        BIGINT NOT NULL,
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (kind, id)
);

CREATE TABLE custom_pictures (
    exercise_id TEXT NOT NULL,
    n           INTEGER NOT NULL CHECK (n BETWEEN 0 AND 2),
    media_type  TEXT NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg')),
    width       INTEGER NOT NULL CHECK (width > 0),
    height      INTEGER NOT NULL CHECK (height > 0),
    data        TEXT NOT NULL,
    PRIMARY KEY (exercise_id, n)
);

-- +goose Down
DROP TABLE custom_pictures;
DROP TABLE custom_entries;
