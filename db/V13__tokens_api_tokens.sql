-- Module tokens: API tokens (issue 7). The secret is never stored: a keyed hash (HMAC-SHA-256 under the pepper
-- version kept beside it) verifies it. Revoked tokens stay as rows, for the audit trail and the page.
CREATE TABLE api_token (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint       NOT NULL REFERENCES organization (id),
    token_id        varchar(16)  NOT NULL UNIQUE,
    name            varchar(255) NOT NULL,
    role            varchar(32)  NOT NULL CHECK (role IN ('ADMINISTRATOR', 'READ_ONLY')),
    pepper_version  integer      NOT NULL,
    secret_hash     bytea        NOT NULL CHECK (length(secret_hash) = 32),
    ip_allow_list   text         NOT NULL DEFAULT '',
    expires_at      timestamptz,
    created_at      timestamptz  NOT NULL,
    created_by      varchar(255) NOT NULL,
    last_used_at    timestamptz,
    last_used_from  varchar(64),
    revoked_at      timestamptz,
    revoked_by      varchar(255),
    version         bigint       NOT NULL DEFAULT 0
);
-- one live token per name in an organisation; a revoked token's name may be used again
CREATE UNIQUE INDEX api_token_live_name ON api_token (organization_id, lower(name)) WHERE revoked_at IS NULL;
CREATE INDEX api_token_organization_newest ON api_token (organization_id, created_at DESC, id DESC);
