-- The Patient-Specific Functional Scale: activities the person names, each
-- rated 0 (unable) to 10 (as before the problem), every two weeks.

-- +goose Up
CREATE TABLE psfs_ratings (
    at       BIGINT NOT NULL,
    activity TEXT NOT NULL,
    score    INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    PRIMARY KEY (at, activity)
);

-- +goose Down
DROP TABLE psfs_ratings;
