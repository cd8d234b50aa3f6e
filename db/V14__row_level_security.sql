-- Row-level security: the database's own guard between organisations, behind the services' WHERE clauses (S2).
-- The application works as a login that owns no table (keygate.db.app.user); before each use of a connection it sets
-- keygate.organization_id to the acting organisation (OrganizationSetting), or to '' when none acts, and then sees,
-- changes and adds only that organisation's rows. FORCE binds the schema's owner too: it may read every row (backups,
-- the look-up functions below) but change rows only with an organisation set.

CREATE FUNCTION keygate_current_organization() RETURNS bigint
    LANGUAGE sql STABLE
AS $$ SELECT nullif(current_setting('keygate.organization_id', true), '')::bigint $$;

DO $$
DECLARE
    organization_table text;
BEGIN
    FOREACH organization_table IN ARRAY ARRAY['machine_group', 'machine', 'machine_certificate', 'organization_data_key',
            'signing_certificate', 'provisioning_key', 'provisioning_key_tally', 'saved_filter', 'table_layout', 'api_token']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', organization_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', organization_table);
        EXECUTE format('CREATE POLICY organization_rows ON %I USING (organization_id = keygate_current_organization()) '
                || 'WITH CHECK (organization_id = keygate_current_organization())', organization_table);
        EXECUTE format('CREATE POLICY schema_owner_reads ON %I FOR SELECT TO CURRENT_USER USING (true)', organization_table);
    END LOOP;
END
$$;

-- The narrow paths that start without an organisation: each answers one question about rows it finds by a value the
-- caller already holds, and the caller then works in the organisation it learned. They run as the schema's owner.

-- An enrollment: the verifier of the live key with this public key id (the secret is checked against it in Java).
CREATE FUNCTION keygate_enrollment_verifier(p_key_id text)
    RETURNS TABLE (id bigint, organization_id bigint, pepper_version integer, secret_hash bytea)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$ SELECT k.id, k.organization_id, k.pepper_version, k.secret_hash FROM provisioning_key k
      WHERE k.key_id = p_key_id::bpchar AND k.deleted_at IS NULL $$;

-- An API token presented with a request (its public token id), and the one a signed-in request names (its row id).
CREATE FUNCTION keygate_api_token_organization(p_token_id text) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$ SELECT t.organization_id FROM api_token t WHERE t.token_id = p_token_id $$;

CREATE FUNCTION keygate_api_token_organization(p_id bigint) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$ SELECT t.organization_id FROM api_token t WHERE t.id = p_id $$;

-- Housekeeping: the organisations that have keys due to retire, or session filters to delete.
CREATE FUNCTION keygate_organizations_with_keys_to_retire() RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$ SELECT DISTINCT k.organization_id FROM provisioning_key k
      WHERE k.enabled AND k.deleted_at IS NULL AND k.retires_at <= now() $$;

CREATE FUNCTION keygate_organizations_with_session_filters(p_session_key text, p_modified_before timestamptz)
    RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$ SELECT DISTINCT f.organization_id FROM saved_filter f
      WHERE f.scope = 'SESSION' AND (f.session_key = p_session_key OR f.modified_at < p_modified_before) $$;

REVOKE EXECUTE ON FUNCTION keygate_enrollment_verifier(text), keygate_api_token_organization(text),
    keygate_api_token_organization(bigint), keygate_organizations_with_keys_to_retire(),
    keygate_organizations_with_session_filters(text, timestamptz) FROM PUBLIC;

-- What the application's login may do, granted at every start to the login the configuration names
-- (DatabaseMigrations): every table but Flyway's history, the audit trail only read and appended, and the functions
-- above. Later migrations that add a table or a function replace this function.
CREATE FUNCTION keygate_grant_application_rights(p_role name) RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    application_table text;
BEGIN
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', current_schema(), p_role);
    FOR application_table IN SELECT tablename FROM pg_tables
            WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history' LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO %I', application_table, p_role);
    END LOOP;
    EXECUTE format('REVOKE UPDATE, DELETE ON audit_event FROM %I', p_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), p_role);
    EXECUTE format('GRANT EXECUTE ON FUNCTION keygate_enrollment_verifier(text), keygate_api_token_organization(text), '
        || 'keygate_api_token_organization(bigint), keygate_organizations_with_keys_to_retire(), '
        || 'keygate_organizations_with_session_filters(text, timestamptz) TO %I', p_role);
END
$$;
