-- Attempts and leases (issue 12).
--
-- Attempts: a saved exercise outcome is a fact. Going back to an exercise
-- and ending it again is a new attempt beside the old one, never an
-- overwrite, so an exercise is keyed by (session, index, attempt). The
-- attempt number is chosen by the player (1, 2, … per exercise), so a client
-- re-sending the same attempt changes nothing. Changing a primary key on
-- SQLite means rebuilding the table; the same rebuild runs on PostgreSQL.
-- Every outcome saved before this migration is attempt 1.
--
-- Leases: seen_at is the last moment the player of an active session said
-- it was still playing. A session whose player has not been heard from for
-- longer than the lease is marked interrupted by the sweep. Sessions active
-- now get their planned length from their start, so that one left running by
-- an older player lapses once it would have ended.

-- +goose Up
CREATE TABLE performances_new (
    session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL CHECK (idx >= 0),
    attempt        INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
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
    PRIMARY KEY (session_id, idx, attempt)
);

INSERT INTO performances_new
    (session_id, idx, attempt, exercise_id, outcome, stop_reason, reps, hold_seconds, hold_breaths,
     amount_seconds, sets, seconds, started_at, ended_at, rating)
SELECT session_id, idx, 1, exercise_id, outcome, stop_reason, reps, hold_seconds, hold_breaths,
     amount_seconds, sets, seconds, started_at, ended_at, rating
FROM performances;

DROP TABLE performances;
ALTER TABLE performances_new RENAME TO performances;

ALTER TABLE sessions ADD COLUMN seen_at BIGINT;
UPDATE sessions SET seen_at = started_at + CAST(planned_seconds * 1000 AS BIGINT) WHERE status = 'active';

-- +goose Down
ALTER TABLE sessions DROP COLUMN seen_at;

CREATE TABLE performances_old (
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

-- Going down keeps only the last attempt at each exercise: the old schema
-- has room for one.
INSERT INTO performances_old
    (session_id, idx, exercise_id, outcome, stop_reason, reps, hold_seconds, hold_breaths,
     amount_seconds, sets, seconds, started_at, ended_at, rating)
SELECT session_id, idx, exercise_id, outcome, stop_reason, reps, hold_seconds, hold_breaths,
     amount_seconds, sets, seconds, started_at, ended_at, rating
FROM performances p
WHERE attempt = (SELECT MAX(attempt) FROM performances q WHERE q.session_id = p.session_id AND q.idx = p.idx);

DROP TABLE performances;
ALTER TABLE performances_old RENAME TO performances;
