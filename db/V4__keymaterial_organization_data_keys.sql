-- Module keymaterial: each organisation's data key, stored only wrapped (AES-256-GCM) by a versioned master
-- key that lives outside the database. A dump of this table alone decrypts nothing.
CREATE TABLE organization_data_key (
    organization_id    bigint      PRIMARY KEY,
    master_key_version integer     NOT NULL CHECK (master_key_version > 0),
    wrapped_key        bytea       NOT NULL,
    created_at         timestamptz NOT NULL,
    rewrapped_at       timestamptz
);
