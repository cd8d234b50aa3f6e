-- Hardening of V14/V15 after review.
-- A SECURITY DEFINER function runs as the schema's owner; without pg_temp named last in its search_path, PostgreSQL
-- looks in the caller's temporary schema first, and a temporary view named like one of its tables would run the
-- caller's code as the owner.
ALTER FUNCTION keygate_enrollment_verifier(text) SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION keygate_api_token_organization(text) SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION keygate_api_token_organization(bigint) SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION keygate_organizations_with_keys_to_retire() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION keygate_organizations_with_session_filters(text, timestamptz) SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION keygate_account_organization(text) SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION keygate_username_taken(text) SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION keygate_admin_counts(bigint[]) SET search_path = pg_catalog, public, pg_temp;

-- The application's rights, granted at every start (DatabaseMigrations): every table but Flyway's history, the audit
-- trail only read and appended, and every look-up function of this schema (the SECURITY DEFINER ones, found in the
-- catalogue, so a new one needs no change here). Note for later migrations: an INSERT ... RETURNING of an audit event
-- of no organisation would fail, because RETURNING must also pass the SELECT policy; EclipseLink reads identities with
-- lastval().
CREATE OR REPLACE FUNCTION keygate_grant_application_rights(p_role name) RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    application_table text;
    look_up regprocedure;
BEGIN
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', current_schema(), p_role);
    FOR application_table IN SELECT tablename FROM pg_tables
            WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history' LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO %I', application_table, p_role);
    END LOOP;
    EXECUTE format('REVOKE UPDATE, DELETE ON audit_event FROM %I', p_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), p_role);
    FOR look_up IN SELECT p.oid::regprocedure FROM pg_proc p
            WHERE p.pronamespace = current_schema()::regnamespace AND p.prosecdef LOOP
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', look_up);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', look_up, p_role);
    END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION keygate_grant_application_rights(name) FROM PUBLIC;
