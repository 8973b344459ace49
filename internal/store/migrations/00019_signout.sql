-- Accounts' follow-ups (issue 17's review). A session generation per
-- account: every web session keeps the generation its account had when it
-- signed in, and is no session once the account's has moved on ("Sign out
-- on every device", a password changed, `unhunch users signout NAME`).
-- And the sign-in limiter's failures, kept here so that every server on
-- one PostgreSQL counts the same tries and a restart forgets none: one row
-- per failed (or still being checked) password attempt, by bucket (an
-- account name, or a client address: an IPv6 client by its /64), pruned
-- once older than the limiter's window.

-- +goose Up
ALTER TABLE users ADD COLUMN session_gen BIGINT NOT NULL DEFAULT 0;

CREATE TABLE signin_failures (
    id        TEXT PRIMARY KEY,
    bucket    TEXT NOT NULL,
    failed_at BIGINT NOT NULL
);
CREATE INDEX signin_failures_bucket ON signin_failures (bucket, failed_at);
CREATE INDEX signin_failures_at ON signin_failures (failed_at);

-- +goose Down
DROP TABLE signin_failures;
ALTER TABLE users DROP COLUMN session_gen;
