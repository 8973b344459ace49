-- Passwords and calendar addresses (issue 17). A password is the way in for
-- a browser without passkeys: kept only as an argon2id hash in the PHC
-- string form ($argon2id$v=19$m=…,t=…,p=…$salt$hash), each with its own
-- random salt, one per account. A calendar token lets a calendar app, which
-- sends no cookie, fetch the person's schedule.ics and nothing else; kept
-- as its SHA-256 (hex), one per account (making a new one ends the old).

-- +goose Up
CREATE TABLE passwords (
    user_id    TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    hash       TEXT NOT NULL,
    changed_at BIGINT NOT NULL
);

CREATE TABLE calendar_tokens (
    user_id    TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    hash       TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE calendar_tokens;
DROP TABLE passwords;
