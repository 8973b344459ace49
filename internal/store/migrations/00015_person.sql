-- Every person's data is theirs (issue 17): each table that holds one
-- person's journal gets person_id, the account it belongs to
-- (account.LocalID, 'local', for the one person of a server without
-- accounts and for every row kept before accounts). Every query of the
-- store names it. What was one per journal becomes one per person: an
-- exercise's state, a clearance, a functional-scale score, an activity's
-- summary, the checkpoint, the records' pseudonym, the schedule and the
-- journal's version; a client's idempotency key is unique per person.
--
-- Performances carry their session's person_id too, with a foreign key on
-- (person_id, session_id): an outcome can only be saved under the person
-- who owns the session, and the database itself refuses any other.
--
-- Changing keys on SQLite means rebuilding tables (as 00005 and 00007 did):
-- a new table, the rows copied, the old one dropped, the new one renamed.
-- The child (performances) is dropped before its parent, so that dropping
-- sessions deletes nothing through ON DELETE CASCADE. Every statement runs
-- unchanged on SQLite and PostgreSQL. Existing rows become the local
-- person's. The checkpoint (person_summary) is worked out again when next
-- read, so its rows are dropped. custom_entries and custom_pictures stay
-- one library per server; the account tables are the server's.

-- +goose Up
CREATE TABLE sessions_v15 (
    id                TEXT PRIMARY KEY,
    person_id         TEXT NOT NULL DEFAULT 'local',
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
    client_key        TEXT,
    time_scale        DOUBLE PRECISION NOT NULL DEFAULT 1 CHECK (time_scale > 0),
    seen_at           BIGINT,
    planned_ids       TEXT NOT NULL DEFAULT '',
    done_attempts     INTEGER NOT NULL DEFAULT 0 CHECK (done_attempts >= 0),
    practice_seconds  DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (practice_seconds >= 0),
    UNIQUE (person_id, id),
    UNIQUE (person_id, client_key)
);
INSERT INTO sessions_v15 (id, person_id, routine_id, routine_name, status, started_at, ended_at, planned_seconds,
    planned_exercises, pain_before, pain_after, stop_reason, owner, client_key, time_scale, seen_at, planned_ids,
    done_attempts, practice_seconds)
SELECT id, 'local', routine_id, routine_name, status, started_at, ended_at, planned_seconds,
    planned_exercises, pain_before, pain_after, stop_reason, owner, client_key, time_scale, seen_at, planned_ids,
    done_attempts, practice_seconds
FROM sessions;

CREATE TABLE performances_v15 (
    session_id     TEXT NOT NULL,
    person_id      TEXT NOT NULL DEFAULT 'local',
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
    PRIMARY KEY (session_id, idx, attempt),
    FOREIGN KEY (person_id, session_id) REFERENCES sessions_v15 (person_id, id) ON DELETE CASCADE
);
INSERT INTO performances_v15 (session_id, person_id, idx, attempt, exercise_id, outcome, stop_reason, reps, hold_seconds,
    hold_breaths, amount_seconds, sets, seconds, started_at, ended_at, rating)
SELECT session_id, 'local', idx, attempt, exercise_id, outcome, stop_reason, reps, hold_seconds,
    hold_breaths, amount_seconds, sets, seconds, started_at, ended_at, rating
FROM performances;

DROP TABLE performances;
DROP TABLE sessions;
ALTER TABLE sessions_v15 RENAME TO sessions;
ALTER TABLE performances_v15 RENAME TO performances;

CREATE INDEX sessions_by_start ON sessions (person_id, started_at, id);
CREATE INDEX sessions_active ON sessions (status) WHERE status = 'active';
CREATE INDEX sessions_pain ON sessions (person_id, started_at) WHERE pain_before IS NOT NULL AND time_scale = 1;

ALTER TABLE screenings ADD COLUMN person_id TEXT NOT NULL DEFAULT 'local';
DROP INDEX screenings_by_time;
DROP INDEX screenings_newest;
CREATE INDEX screenings_by_time ON screenings (person_id, at);
CREATE INDEX screenings_newest ON screenings (person_id, clearing, at);

CREATE TABLE exercise_states_v15 (
    person_id   TEXT NOT NULL DEFAULT 'local',
    exercise_id TEXT NOT NULL,
    excluded    INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
    reason      TEXT NOT NULL DEFAULT '',
    since       BIGINT NOT NULL DEFAULT 0,
    avoided     INTEGER NOT NULL DEFAULT 0 CHECK (avoided IN (0, 1)),
    PRIMARY KEY (person_id, exercise_id)
);
INSERT INTO exercise_states_v15 (person_id, exercise_id, excluded, reason, since, avoided)
    SELECT 'local', exercise_id, excluded, reason, since, avoided FROM exercise_states;
DROP TABLE exercise_states;
ALTER TABLE exercise_states_v15 RENAME TO exercise_states;

CREATE TABLE condition_clearances_v15 (
    person_id    TEXT NOT NULL DEFAULT 'local',
    exercise_id  TEXT NOT NULL,
    condition_id TEXT NOT NULL,
    at           BIGINT NOT NULL,
    PRIMARY KEY (person_id, exercise_id, condition_id)
);
INSERT INTO condition_clearances_v15 (person_id, exercise_id, condition_id, at)
    SELECT 'local', exercise_id, condition_id, at FROM condition_clearances;
DROP TABLE condition_clearances;
ALTER TABLE condition_clearances_v15 RENAME TO condition_clearances;

CREATE TABLE psfs_ratings_v15 (
    person_id TEXT NOT NULL DEFAULT 'local',
    at        BIGINT NOT NULL,
    activity  TEXT NOT NULL,
    score     INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    PRIMARY KEY (person_id, at, activity)
);
INSERT INTO psfs_ratings_v15 (person_id, at, activity, score) SELECT 'local', at, activity, score FROM psfs_ratings;
DROP TABLE psfs_ratings;
ALTER TABLE psfs_ratings_v15 RENAME TO psfs_ratings;

CREATE TABLE psfs_activities_v15 (
    person_id    TEXT NOT NULL DEFAULT 'local',
    activity     TEXT NOT NULL,
    first_at     BIGINT NOT NULL,
    first_score  INTEGER NOT NULL CHECK (first_score BETWEEN 0 AND 10),
    latest_at    BIGINT NOT NULL,
    latest_score INTEGER NOT NULL CHECK (latest_score BETWEEN 0 AND 10),
    PRIMARY KEY (person_id, activity)
);
INSERT INTO psfs_activities_v15 (person_id, activity, first_at, first_score, latest_at, latest_score)
    SELECT 'local', activity, first_at, first_score, latest_at, latest_score FROM psfs_activities;
DROP TABLE psfs_activities;
ALTER TABLE psfs_activities_v15 RENAME TO psfs_activities;

DROP TABLE person_summary;
CREATE TABLE person_summary (
    person_id  TEXT NOT NULL DEFAULT 'local' PRIMARY KEY,
    through_at BIGINT NOT NULL,
    through_id TEXT NOT NULL,
    basis      TEXT NOT NULL,
    state      TEXT NOT NULL
);

CREATE TABLE fhir_patient_v15 (
    person_id TEXT NOT NULL DEFAULT 'local' PRIMARY KEY,
    pseudonym TEXT NOT NULL
);
INSERT INTO fhir_patient_v15 (person_id, pseudonym) SELECT 'local', pseudonym FROM fhir_patient;
DROP TABLE fhir_patient;
ALTER TABLE fhir_patient_v15 RENAME TO fhir_patient;

CREATE TABLE schedules_v15 (
    person_id         TEXT NOT NULL DEFAULT 'local' PRIMARY KEY,
    days              TEXT NOT NULL,
    times             TEXT NOT NULL,
    routine_id        TEXT NOT NULL DEFAULT '',
    minutes           INTEGER NOT NULL DEFAULT 0 CHECK (minutes BETWEEN 0 AND 30),
    no_floor          INTEGER NOT NULL DEFAULT 0 CHECK (no_floor IN (0, 1)),
    equipment         TEXT NOT NULL DEFAULT '',
    quiet             TEXT NOT NULL DEFAULT '',
    skip_if_practised INTEGER NOT NULL DEFAULT 1 CHECK (skip_if_practised IN (0, 1)),
    max_per_day       INTEGER NOT NULL DEFAULT 0 CHECK (max_per_day >= 0),
    sitting_minutes   INTEGER NOT NULL DEFAULT 0 CHECK (sitting_minutes = 0 OR sitting_minutes BETWEEN 20 AND 240),
    updated_at        BIGINT NOT NULL,
    CHECK ((routine_id = '') <> (minutes = 0))
);
INSERT INTO schedules_v15 (person_id, days, times, routine_id, minutes, no_floor, equipment, quiet, skip_if_practised,
    max_per_day, sitting_minutes, updated_at)
SELECT 'local', days, times, routine_id, minutes, no_floor, equipment, quiet, skip_if_practised,
    max_per_day, sitting_minutes, updated_at FROM schedules;
DROP TABLE schedules;
ALTER TABLE schedules_v15 RENAME TO schedules;

-- One version per person; a person without a row is at version 0, and
-- their first write makes the row.
CREATE TABLE journal_version_v15 (
    person_id TEXT NOT NULL DEFAULT 'local' PRIMARY KEY,
    v         BIGINT NOT NULL
);
INSERT INTO journal_version_v15 (person_id, v) SELECT 'local', v FROM journal_version;
DROP TABLE journal_version;
ALTER TABLE journal_version_v15 RENAME TO journal_version;

-- +goose Down
-- Going down keeps the local person's journal only: the older schema has
-- room for one person.
CREATE TABLE journal_version_v14 (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    v  BIGINT NOT NULL
);
INSERT INTO journal_version_v14 (id, v) SELECT 1, COALESCE((SELECT MAX(v) FROM journal_version), 0);
DROP TABLE journal_version;
ALTER TABLE journal_version_v14 RENAME TO journal_version;

CREATE TABLE schedules_v14 (
    id                INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    days              TEXT NOT NULL,
    times             TEXT NOT NULL,
    routine_id        TEXT NOT NULL DEFAULT '',
    minutes           INTEGER NOT NULL DEFAULT 0 CHECK (minutes BETWEEN 0 AND 30),
    no_floor          INTEGER NOT NULL DEFAULT 0 CHECK (no_floor IN (0, 1)),
    equipment         TEXT NOT NULL DEFAULT '',
    quiet             TEXT NOT NULL DEFAULT '',
    skip_if_practised INTEGER NOT NULL DEFAULT 1 CHECK (skip_if_practised IN (0, 1)),
    max_per_day       INTEGER NOT NULL DEFAULT 0 CHECK (max_per_day >= 0),
    sitting_minutes   INTEGER NOT NULL DEFAULT 0 CHECK (sitting_minutes = 0 OR sitting_minutes BETWEEN 20 AND 240),
    updated_at        BIGINT NOT NULL,
    CHECK ((routine_id = '') <> (minutes = 0))
);
INSERT INTO schedules_v14 (id, days, times, routine_id, minutes, no_floor, equipment, quiet, skip_if_practised,
    max_per_day, sitting_minutes, updated_at)
SELECT 1, days, times, routine_id, minutes, no_floor, equipment, quiet, skip_if_practised,
    max_per_day, sitting_minutes, updated_at FROM schedules WHERE person_id = 'local';
DROP TABLE schedules;
ALTER TABLE schedules_v14 RENAME TO schedules;

CREATE TABLE fhir_patient_v14 (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    pseudonym TEXT NOT NULL
);
INSERT INTO fhir_patient_v14 (id, pseudonym) SELECT 1, pseudonym FROM fhir_patient WHERE person_id = 'local';
DROP TABLE fhir_patient;
ALTER TABLE fhir_patient_v14 RENAME TO fhir_patient;

DROP TABLE person_summary;
CREATE TABLE person_summary (
    account    TEXT PRIMARY KEY,
    through_at BIGINT NOT NULL,
    through_id TEXT NOT NULL,
    basis      TEXT NOT NULL,
    state      TEXT NOT NULL
);

CREATE TABLE psfs_activities_v14 (
    activity     TEXT PRIMARY KEY,
    first_at     BIGINT NOT NULL,
    first_score  INTEGER NOT NULL CHECK (first_score BETWEEN 0 AND 10),
    latest_at    BIGINT NOT NULL,
    latest_score INTEGER NOT NULL CHECK (latest_score BETWEEN 0 AND 10)
);
INSERT INTO psfs_activities_v14 (activity, first_at, first_score, latest_at, latest_score)
    SELECT activity, first_at, first_score, latest_at, latest_score FROM psfs_activities WHERE person_id = 'local';
DROP TABLE psfs_activities;
ALTER TABLE psfs_activities_v14 RENAME TO psfs_activities;

CREATE TABLE psfs_ratings_v14 (
    at       BIGINT NOT NULL,
    activity TEXT NOT NULL,
    score    INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    PRIMARY KEY (at, activity)
);
INSERT INTO psfs_ratings_v14 (at, activity, score) SELECT at, activity, score FROM psfs_ratings WHERE person_id = 'local';
DROP TABLE psfs_ratings;
ALTER TABLE psfs_ratings_v14 RENAME TO psfs_ratings;

CREATE TABLE condition_clearances_v14 (
    exercise_id  TEXT NOT NULL,
    condition_id TEXT NOT NULL,
    at           BIGINT NOT NULL,
    PRIMARY KEY (exercise_id, condition_id)
);
INSERT INTO condition_clearances_v14 (exercise_id, condition_id, at)
    SELECT exercise_id, condition_id, at FROM condition_clearances WHERE person_id = 'local';
DROP TABLE condition_clearances;
ALTER TABLE condition_clearances_v14 RENAME TO condition_clearances;

CREATE TABLE exercise_states_v14 (
    exercise_id TEXT PRIMARY KEY,
    excluded    INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
    reason      TEXT NOT NULL DEFAULT '',
    since       BIGINT NOT NULL DEFAULT 0,
    avoided     INTEGER NOT NULL DEFAULT 0 CHECK (avoided IN (0, 1))
);
INSERT INTO exercise_states_v14 (exercise_id, excluded, reason, since, avoided)
    SELECT exercise_id, excluded, reason, since, avoided FROM exercise_states WHERE person_id = 'local';
DROP TABLE exercise_states;
ALTER TABLE exercise_states_v14 RENAME TO exercise_states;

DELETE FROM screenings WHERE person_id <> 'local';
DROP INDEX screenings_by_time;
DROP INDEX screenings_newest;
ALTER TABLE screenings DROP COLUMN person_id;
CREATE INDEX screenings_by_time ON screenings (at);
CREATE INDEX screenings_newest ON screenings (clearing, at);

CREATE TABLE sessions_v14 (
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
    client_key        TEXT UNIQUE,
    time_scale        DOUBLE PRECISION NOT NULL DEFAULT 1 CHECK (time_scale > 0),
    seen_at           BIGINT,
    planned_ids       TEXT NOT NULL DEFAULT '',
    done_attempts     INTEGER NOT NULL DEFAULT 0 CHECK (done_attempts >= 0),
    practice_seconds  DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (practice_seconds >= 0)
);
INSERT INTO sessions_v14 (id, routine_id, routine_name, status, started_at, ended_at, planned_seconds,
    planned_exercises, pain_before, pain_after, stop_reason, owner, client_key, time_scale, seen_at, planned_ids,
    done_attempts, practice_seconds)
SELECT id, routine_id, routine_name, status, started_at, ended_at, planned_seconds,
    planned_exercises, pain_before, pain_after, stop_reason, owner, client_key, time_scale, seen_at, planned_ids,
    done_attempts, practice_seconds
FROM sessions WHERE person_id = 'local';

CREATE TABLE performances_v14 (
    session_id     TEXT NOT NULL REFERENCES sessions_v14 (id) ON DELETE CASCADE,
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
INSERT INTO performances_v14 (session_id, idx, attempt, exercise_id, outcome, stop_reason, reps, hold_seconds,
    hold_breaths, amount_seconds, sets, seconds, started_at, ended_at, rating)
SELECT session_id, idx, attempt, exercise_id, outcome, stop_reason, reps, hold_seconds,
    hold_breaths, amount_seconds, sets, seconds, started_at, ended_at, rating
FROM performances WHERE person_id = 'local';

DROP TABLE performances;
DROP TABLE sessions;
ALTER TABLE sessions_v14 RENAME TO sessions;
ALTER TABLE performances_v14 RENAME TO performances;
CREATE INDEX sessions_by_start ON sessions (started_at, id);
CREATE INDEX sessions_active ON sessions (status) WHERE status = 'active';
CREATE INDEX sessions_pain ON sessions (started_at) WHERE pain_before IS NOT NULL AND time_scale = 1;
