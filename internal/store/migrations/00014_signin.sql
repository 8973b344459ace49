-- Signing in (issue 17): the web app's server-side sessions (for
-- github.com/alexedwards/scs: the cookie holds only the token; the data is
-- kept here, base64 text so that the same SQL runs on both engines, and
-- shared by every server on one PostgreSQL), and one-time sign-in links,
-- kept as the SHA-256 (hex) of their token.

-- +goose Up
CREATE TABLE web_sessions (
    token  TEXT PRIMARY KEY,
    data   TEXT NOT NULL,
    expiry BIGINT NOT NULL
);
CREATE INDEX web_sessions_expiry ON web_sessions (expiry);

CREATE TABLE signin_links (
    hash       TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX signin_links_user ON signin_links (user_id);

-- +goose Down
DROP TABLE signin_links;
DROP TABLE web_sessions;
