-- Clinicians (issue 17): invitations (one-time, kept as the SHA-256 of
-- their token, like sign-in links), care links between a clinician and a
-- person who accepted (ended by either, never deleted while both accounts
-- exist), prescriptions (one person's, versioned: a new one replaces the
-- active one), and the audit log of every opening of a person's data by
-- someone else, which the person can read.

-- +goose Up
CREATE TABLE care_invites (
    hash         TEXT PRIMARY KEY,
    clinician_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT,
    used_by      TEXT REFERENCES users (id) ON DELETE CASCADE,
    answer       TEXT CHECK (answer IN ('accepted', 'declined'))
);
CREATE INDEX care_invites_clinician ON care_invites (clinician_id);

CREATE TABLE care_links (
    id           TEXT PRIMARY KEY,
    clinician_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    accepted_at  BIGINT NOT NULL,
    ended_at     BIGINT
);
CREATE UNIQUE INDEX care_links_open ON care_links (clinician_id, person_id) WHERE ended_at IS NULL;
CREATE INDEX care_links_person ON care_links (person_id);

CREATE TABLE prescriptions (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    clinician_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    version      INTEGER NOT NULL CHECK (version >= 1),
    created_at   BIGINT NOT NULL,
    replaced_at  BIGINT,
    exercises    TEXT NOT NULL,
    days_a_week  INTEGER NOT NULL CHECK (days_a_week BETWEEN 1 AND 7),
    times_a_day  INTEGER NOT NULL CHECK (times_a_day BETWEEN 1 AND 3),
    note         TEXT NOT NULL,
    allow_more   INTEGER NOT NULL CHECK (allow_more IN (0, 1)),
    UNIQUE (person_id, version)
);
CREATE UNIQUE INDEX prescriptions_active ON prescriptions (person_id) WHERE replaced_at IS NULL;

CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    viewer_id   TEXT NOT NULL,
    viewer_name TEXT NOT NULL,
    what        TEXT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX audit_log_person ON audit_log (person_id, at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE prescriptions;
DROP TABLE care_links;
DROP TABLE care_invites;
