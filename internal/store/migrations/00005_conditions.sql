-- Safety, second pass (issue 11): screenings keep the set of questions they
-- were answered under (answers to an older set are asked again), the
-- conditions their answers set, and a fifth outcome, "condition"; and a
-- clinician can clear one exercise of one condition.
--
-- A CHECK constraint cannot be changed in place on SQLite, so screenings is
-- rebuilt: a new table, the rows copied, the old one dropped, the new one
-- renamed. Every statement runs unchanged on SQLite and PostgreSQL. Rows
-- from before this migration are question set 1.

-- +goose Up
CREATE TABLE screenings_v5 (
    id           TEXT PRIMARY KEY,
    at           BIGINT NOT NULL,
    answers      TEXT NOT NULL DEFAULT '{}', -- JSON object: question id -> true/false
    outcome      TEXT NOT NULL CHECK (outcome IN ('clear', 'caution', 'condition', 'clinician', 'emergency')),
    flagged      TEXT NOT NULL DEFAULT '[]', -- JSON array of question ids answered yes (or cleared)
    clearing     INTEGER NOT NULL DEFAULT 0 CHECK (clearing IN (0, 1)),
    conditions   TEXT NOT NULL DEFAULT '[]', -- JSON array of the conditions the answers set
    question_set INTEGER NOT NULL DEFAULT 1 CHECK (question_set >= 0)
);
INSERT INTO screenings_v5 (id, at, answers, outcome, flagged, clearing, conditions, question_set)
    SELECT id, at, answers, outcome, flagged, clearing, '[]', 1 FROM screenings;
DROP TABLE screenings;
ALTER TABLE screenings_v5 RENAME TO screenings;
CREATE INDEX screenings_by_time ON screenings (at);

CREATE TABLE condition_clearances (
    exercise_id  TEXT NOT NULL,
    condition_id TEXT NOT NULL,
    at           BIGINT NOT NULL,
    PRIMARY KEY (exercise_id, condition_id)
);

-- +goose Down
DROP TABLE condition_clearances;
CREATE TABLE screenings_v4 (
    id         TEXT PRIMARY KEY,
    at         BIGINT NOT NULL,
    answers    TEXT NOT NULL DEFAULT '{}',
    outcome    TEXT NOT NULL CHECK (outcome IN ('clear', 'caution', 'clinician', 'emergency')),
    flagged    TEXT NOT NULL DEFAULT '[]',
    clearing   INTEGER NOT NULL DEFAULT 0 CHECK (clearing IN (0, 1))
);
-- A screening that set only conditions meant "may exercise": the nearest
-- outcome the older schema knows is a caution.
INSERT INTO screenings_v4 (id, at, answers, outcome, flagged, clearing)
    SELECT id, at, answers, CASE outcome WHEN 'condition' THEN 'caution' ELSE outcome END, flagged, clearing FROM screenings;
DROP TABLE screenings;
ALTER TABLE screenings_v4 RENAME TO screenings;
CREATE INDEX screenings_by_time ON screenings (at);
