-- Accounts (issue 17): people with a role, and tokens for scripts. A token
-- is kept only as its SHA-256 (hex): the token itself is shown once, when
-- it is made. The local person (account.LocalID, "local") owns the journal
-- kept before accounts; the first person account made on a journal with
-- local data takes that id.

-- +goose Up
CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL CHECK (role IN ('person', 'clinician', 'admin')),
    created_at BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    hash         TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- +goose Down
DROP TABLE api_tokens;
DROP TABLE users;
