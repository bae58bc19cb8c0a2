-- Rule profiles: the scoring and monitoring settings as data, named and
-- versioned, each with the document it comes from. A period may choose one
-- (NULL: the default profile, national or the JIXIAO_RULE_* local one);
-- every stored evaluation names the profile it was scored with
-- (evaluation->'RuleProfile'). A version used by a score is never changed:
-- editing makes a new version. Changing a period's profile rescores its
-- reports that are not approved; each run is kept with its progress.

-- +goose Up
CREATE TABLE rule_profiles (
    name       text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    version    integer NOT NULL CHECK (version >= 1),
    title      text NOT NULL,
    source     text NOT NULL,
    verified   boolean NOT NULL DEFAULT false,
    shipped    boolean NOT NULL DEFAULT false,
    settings   jsonb NOT NULL,
    sources    jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT '',
    PRIMARY KEY (name, version)
);

ALTER TABLE periods ADD COLUMN rule_profile_name text, ADD COLUMN rule_profile_version integer,
    ADD CONSTRAINT periods_rule_profile_fkey FOREIGN KEY (rule_profile_name, rule_profile_version) REFERENCES rule_profiles (name, version),
    ADD CONSTRAINT periods_rule_profile_both CHECK ((rule_profile_name IS NULL) = (rule_profile_version IS NULL));

CREATE TABLE rule_rescores (
    id             bigserial PRIMARY KEY,
    period_key     text NOT NULL REFERENCES periods (key),
    from_name      text,
    from_version   integer,
    to_name        text NOT NULL,
    to_version     integer NOT NULL,
    actor          text NOT NULL,
    started_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    total          integer NOT NULL DEFAULT 0,
    done           integer NOT NULL DEFAULT 0,
    changed        integer NOT NULL DEFAULT 0,
    kept_approved  integer NOT NULL DEFAULT 0,
    error          text NOT NULL DEFAULT ''
);
CREATE INDEX rule_rescores_period ON rule_rescores (period_key, id DESC);

-- evaluations stored before profiles were scored by the national rules
-- (or by JIXIAO_RULE_* overrides, which then had no name of their own)
UPDATE reports SET evaluation = jsonb_set(evaluation, '{RuleProfile}', '{"Name": "national", "Version": 1}')
    WHERE jsonb_typeof(evaluation) = 'object' AND NOT evaluation ? 'RuleProfile';

-- +goose Down
UPDATE reports SET evaluation = evaluation - 'RuleProfile';
DROP TABLE rule_rescores;
ALTER TABLE periods DROP CONSTRAINT periods_rule_profile_both, DROP CONSTRAINT periods_rule_profile_fkey,
    DROP COLUMN rule_profile_version, DROP COLUMN rule_profile_name;
DROP TABLE rule_profiles;
