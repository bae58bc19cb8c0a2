-- A reviewer urges (催办) the submitters of a report still with them: at
-- most once a day per report, which the primary key holds however many
-- reviewers and servers try at once.

-- +goose Up
CREATE TABLE report_urges (
    project_code text NOT NULL REFERENCES projects (code),
    period_key   text NOT NULL REFERENCES periods (key),
    day          date NOT NULL,
    actor        text NOT NULL,
    at           timestamptz NOT NULL,
    PRIMARY KEY (project_code, period_key, day)
);

-- +goose Down
DROP TABLE report_urges;
