-- Demo sessions (issue 11): how many times faster than real
-- time each session was played. 1 is real time, and every session saved
-- before this migration was kept as real time. A session at any other scale
-- is a demo: kept and shown as one, never counted as practice.

-- +goose Up
ALTER TABLE sessions ADD COLUMN time_scale DOUBLE PRECISION NOT NULL DEFAULT 1 CHECK (time_scale > 0);

-- +goose Down
ALTER TABLE sessions DROP COLUMN time_scale;
