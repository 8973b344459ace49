-- The practice schedule (issue 19): one row, the person's. Days, times,
-- equipment and quiet hours are written as `unhunch schedule set` reads
-- them ("mon-fri", "12:30,17:45", "chair,wall", "22:00-07:00"), so the row
-- reads plainly and the same SQL runs on SQLite and PostgreSQL. Either a
-- routine or a number of minutes to plan for. sitting_minutes: a desk
-- routine suggested after that much continuous activity (0: off).

-- +goose Up
CREATE TABLE schedules (
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

-- +goose Down
DROP TABLE schedules;
