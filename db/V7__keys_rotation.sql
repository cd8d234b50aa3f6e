-- Module keys: rotation (K12). A rotated key points to its replacement; when the admin keeps the old key valid
-- for a while, retires_at is the instant it stops working (the enrollment check compares it, a timer then
-- disables the row so the list says so too).
ALTER TABLE provisioning_key
    ADD COLUMN retires_at   timestamptz,
    ADD COLUMN replaced_by  bigint REFERENCES provisioning_key (id),
    ADD COLUMN rotated_from bigint REFERENCES provisioning_key (id);
CREATE INDEX provisioning_key_retiring ON provisioning_key (retires_at) WHERE enabled AND deleted_at IS NULL AND retires_at IS NOT NULL;
