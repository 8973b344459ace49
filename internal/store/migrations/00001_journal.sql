-- The journal: one row per session, one row per exercise of a session.
-- This file runs unchanged on SQLite and PostgreSQL: only types both accept
-- (TEXT, INTEGER, BIGINT, DOUBLE PRECISION), CHECK constraints and a partial
-- index, which both engines support.
--
-- Times are BIGINT Unix milliseconds, UTC: one representation that both
-- engines store, compare and sort the same way, that database/sql scans the
-- same way from both drivers, and that never depends on a time zone setting
-- (RFC 3339 text would sort wrongly once fractions of a second are trimmed).

-- +goose Up
CREATE TABLE sessions (
    id                TEXT PRIMARY KEY,
    routine_id        TEXT NOT NULL,
    routine_name      TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL CHECK (status IN ('active', 'completed', 'stopped', 'interrupted')),
    started_at        BIGINT NOT NULL,
    ended_at          BIGINT,
    planned_seconds   DOUBLE PRECISION NOT NULL DEFAULT 0,
    planned_exercises INTEGER NOT NULL DEFAULT 0,
    pain_before       INTEGER CHECK (pain_before BETWEEN 0 AND 10),
    pain_after        INTEGER CHECK (pain_after BETWEEN 0 AND 10),
    stop_reason       TEXT NOT NULL DEFAULT '',
    owner             TEXT NOT NULL DEFAULT '',
    client_key        TEXT UNIQUE
);

CREATE INDEX sessions_by_start ON sessions (started_at, id);
CREATE INDEX sessions_active ON sessions (status) WHERE status = 'active';

CREATE TABLE performances (
    session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL CHECK (idx >= 0),
    exercise_id    TEXT NOT NULL,
    outcome        TEXT NOT NULL CHECK (outcome IN ('done', 'skipped', 'stopped')),
    stop_reason    TEXT NOT NULL DEFAULT '',
    reps           INTEGER NOT NULL DEFAULT 0,
    hold_seconds   INTEGER NOT NULL DEFAULT 0,
    hold_breaths   INTEGER NOT NULL DEFAULT 0,
    amount_seconds INTEGER NOT NULL DEFAULT 0,
    sets           INTEGER NOT NULL DEFAULT 0,
    seconds        DOUBLE PRECISION NOT NULL DEFAULT 0,
    started_at     BIGINT NOT NULL,
    ended_at       BIGINT NOT NULL,
    rating         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, idx)
);

-- +goose Down
DROP TABLE performances;
DROP TABLE sessions;
