-- The pseudonymous id of the person this journal is about, as the health
-- records (the FHIR export, issue 18) name them: made once, on the first
-- export, and carried over by an import, so that a clinic's system sees the
-- same patient in every bundle and no name is needed. One row at most.
-- Portable on SQLite and PostgreSQL.

-- +goose Up
CREATE TABLE fhir_patient (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    pseudonym TEXT NOT NULL
);

-- +goose Down
DROP TABLE fhir_patient;
