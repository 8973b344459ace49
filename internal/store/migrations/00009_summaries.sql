-- Summaries (issue 16): what requests read, kept so that their cost does
-- not grow with the journal. Portable on SQLite and PostgreSQL.
--
-- Each session keeps two totals of its exercises, raised in the same
-- transaction as each exercise saved: how many attempts were done, and the
-- seconds spent in all of them. Adherence (days, minutes a week) reads them
-- instead of every exercise.
--
-- A partial index finds the sessions that gave pain before (demos aside:
-- time_scale 1 is real time) at either end of the journal, for the pain
-- baseline and the latest weeks; another finds the last screening and the
-- clearances newest first.
--
-- psfs_activities keeps each functional-scale activity's first and latest
-- score, updated with every rating saved.
--
-- person_summary keeps, for the one person of the journal, a checkpoint:
-- what package person works out from every session ordered before
-- (through_at, through_id) by start then id (levels, exercises done, last
-- ratings, streaks, counts), as JSON in state, with basis naming what it was
-- worked out with (the catalog's doses and the time zone). No row: nothing
-- is summarised, and readers replay the whole journal. Every write to a
-- session ordered before the watermark deletes the row in the same
-- transaction, so a checkpoint never holds a session that changed after it.
-- account is '' for the one person; issue 17's accounts make it the key.
--
-- Existing rows are summed here; restore sums them again (it trusts no
-- backup's totals) and leaves person_summary empty.

-- +goose Up
ALTER TABLE sessions ADD COLUMN done_attempts INTEGER NOT NULL DEFAULT 0 CHECK (done_attempts >= 0);
ALTER TABLE sessions ADD COLUMN practice_seconds DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (practice_seconds >= 0);
UPDATE sessions SET
    done_attempts = (SELECT COUNT(*) FROM performances p WHERE p.session_id = sessions.id AND p.outcome = 'done'),
    practice_seconds = (SELECT COALESCE(SUM(p.seconds), 0) FROM performances p WHERE p.session_id = sessions.id);

CREATE INDEX sessions_pain ON sessions (started_at) WHERE pain_before IS NOT NULL AND time_scale = 1;
CREATE INDEX screenings_newest ON screenings (clearing, at);

CREATE TABLE psfs_activities (
    activity     TEXT PRIMARY KEY,
    first_at     BIGINT NOT NULL,
    first_score  INTEGER NOT NULL CHECK (first_score BETWEEN 0 AND 10),
    latest_at    BIGINT NOT NULL,
    latest_score INTEGER NOT NULL CHECK (latest_score BETWEEN 0 AND 10)
);
INSERT INTO psfs_activities (activity, first_at, first_score, latest_at, latest_score)
SELECT a.activity, a.first_at,
       (SELECT r.score FROM psfs_ratings r WHERE r.activity = a.activity AND r.at = a.first_at),
       a.latest_at,
       (SELECT r.score FROM psfs_ratings r WHERE r.activity = a.activity AND r.at = a.latest_at)
FROM (SELECT activity, MIN(at) AS first_at, MAX(at) AS latest_at FROM psfs_ratings GROUP BY activity) a;

CREATE TABLE person_summary (
    account    TEXT PRIMARY KEY,
    through_at BIGINT NOT NULL,
    through_id TEXT NOT NULL,
    basis      TEXT NOT NULL,
    state      TEXT NOT NULL
);

-- +goose Down
DROP TABLE person_summary;
DROP TABLE psfs_activities;
DROP INDEX screenings_newest;
DROP INDEX sessions_pain;
ALTER TABLE sessions DROP COLUMN practice_seconds;
ALTER TABLE sessions DROP COLUMN done_attempts;
