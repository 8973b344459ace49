-- Passkeys (issue 17): WebAuthn credentials an account signs in with. Each
-- account that has made a passkey has one user handle: 32 random bytes
-- (base64url), stable for the account's life, which the authenticator keeps
-- with each of its passkeys and hands back at sign-in (never the account's
-- id or name). Each passkey keeps what checking a sign-in needs: its
-- credential id and COSE public key (base64url), the signature counter, the
-- authenticator's flags byte (user present 0x01, verified 0x04, backup
-- eligible 0x08, backed up 0x10), the transports it named, its AAGUID (hex)
-- and attestation format; and, for the person, a name, when it was made and
-- when it was last used (NULL: never). Removing the account removes them.

-- +goose Up
CREATE TABLE passkey_handles (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    handle  TEXT NOT NULL UNIQUE
);

CREATE TABLE passkeys (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    public_key   TEXT NOT NULL,
    sign_count   BIGINT NOT NULL CHECK (sign_count >= 0),
    flags        INTEGER NOT NULL,
    transports   TEXT NOT NULL,
    aaguid       TEXT NOT NULL,
    format       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT
);
CREATE INDEX passkeys_user ON passkeys (user_id);

-- +goose Down
DROP TABLE passkeys;
DROP TABLE passkey_handles;
