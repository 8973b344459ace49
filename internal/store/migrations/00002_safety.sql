-- Safety: screenings (and clinicians' clearances) and the state of each
-- exercise the person set aside. Same portable types as 00001.

-- +goose Up
CREATE TABLE screenings (
    id         TEXT PRIMARY KEY,
    at         BIGINT NOT NULL,
    answers    TEXT NOT NULL DEFAULT '{}', -- JSON object: question id -> true/false
    outcome    TEXT NOT NULL CHECK (outcome IN ('clear', 'caution', 'clinician', 'emergency')),
    flagged    TEXT NOT NULL DEFAULT '[]', -- JSON array of question ids answered yes (or cleared)
    clearing   INTEGER NOT NULL DEFAULT 0 CHECK (clearing IN (0, 1))
);

CREATE INDEX screenings_by_time ON screenings (at);

CREATE TABLE exercise_states (
    exercise_id TEXT PRIMARY KEY,
    excluded    INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)), -- kept out after a stop
    reason      TEXT NOT NULL DEFAULT '',                            -- the stop reason
    since       BIGINT NOT NULL DEFAULT 0,
    avoided     INTEGER NOT NULL DEFAULT 0 CHECK (avoided IN (0, 1))   -- on the person's avoid list
);

-- +goose Down
DROP TABLE exercise_states;
DROP TABLE screenings;
