-- Module keys: each organisation's number of live (not deleted) keys, kept in the transaction that changes
-- them. The keys table shows "of 1,234,567" from it instead of counting a million rows per page (issue 4),
-- and knowing the exact total lets a deep page be read from the nearer end of the sort order.
CREATE TABLE provisioning_key_tally (
    organization_id bigint PRIMARY KEY REFERENCES organization (id) ON DELETE CASCADE,
    live_keys       bigint NOT NULL CHECK (live_keys >= 0)
);

INSERT INTO provisioning_key_tally (organization_id, live_keys)
SELECT organization.id, (SELECT count(*) FROM provisioning_key WHERE organization_id = organization.id AND deleted_at IS NULL)
FROM organization;

-- Statement-level with transition tables, so a COPY or a bulk change touches each organisation's tally once
-- (a row-level trigger would update the same row once per key, a million times for a million-row COPY).
CREATE FUNCTION provisioning_key_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO provisioning_key_tally AS tally (organization_id, live_keys)
        SELECT organization_id, count(*) FROM new_rows WHERE deleted_at IS NULL GROUP BY organization_id
        ON CONFLICT (organization_id) DO UPDATE SET live_keys = tally.live_keys + excluded.live_keys;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE provisioning_key_tally AS tally SET live_keys = tally.live_keys - gone.keys
        FROM (SELECT organization_id, count(*) AS keys FROM old_rows WHERE deleted_at IS NULL GROUP BY organization_id) AS gone
        WHERE tally.organization_id = gone.organization_id;
    ELSE
        -- most updates (usage, edits) leave the tally alone: only a change between live and deleted counts. The
        -- organisation's row exists: this migration made one for every organisation, and inserts make the others.
        -- (An upsert would not do: PostgreSQL checks the CHECK on the proposed row, -1, before seeing the conflict.)
        UPDATE provisioning_key_tally AS tally SET live_keys = tally.live_keys + changed.delta
        FROM (SELECT organization_id, sum(delta) AS delta FROM (
                  SELECT organization_id, 1 AS delta FROM new_rows WHERE deleted_at IS NULL
                  UNION ALL
                  SELECT organization_id, -1 AS delta FROM old_rows WHERE deleted_at IS NULL) AS changes
              GROUP BY organization_id HAVING sum(delta) <> 0) AS changed
        WHERE tally.organization_id = changed.organization_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER provisioning_key_tally_insert AFTER INSERT ON provisioning_key
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION provisioning_key_tally_change();
CREATE TRIGGER provisioning_key_tally_update AFTER UPDATE ON provisioning_key
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION provisioning_key_tally_change();
CREATE TRIGGER provisioning_key_tally_delete AFTER DELETE ON provisioning_key
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION provisioning_key_tally_change();
