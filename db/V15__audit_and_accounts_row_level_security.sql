-- Row-level security on the audit trail and the admins' accounts (see V14).

-- The audit trail: an organisation's events are read only in its scope; an event is appended in its organisation's
-- scope, or with no organisation at all (a refused sign-in for an unknown name, the operator's actions), which no
-- organisation reads. Nothing updates or deletes an event (V2's trigger, and no grant).
ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_event FORCE ROW LEVEL SECURITY;
CREATE POLICY organization_rows ON audit_event FOR SELECT USING (organization_id = keygate_current_organization());
CREATE POLICY organization_rows_appended ON audit_event FOR INSERT
    WITH CHECK (organization_id IS NULL OR organization_id = keygate_current_organization());
CREATE POLICY schema_owner_reads ON audit_event FOR SELECT TO CURRENT_USER USING (true);

-- Admins' accounts: an organisation's in its scope; the operator's (no organisation) only with none set.
ALTER TABLE admin_account ENABLE ROW LEVEL SECURITY;
ALTER TABLE admin_account FORCE ROW LEVEL SECURITY;
CREATE POLICY organization_rows ON admin_account
    USING (organization_id IS NOT DISTINCT FROM keygate_current_organization())
    WITH CHECK (organization_id IS NOT DISTINCT FROM keygate_current_organization());
CREATE POLICY schema_owner_reads ON admin_account FOR SELECT TO CURRENT_USER USING (true);

-- Sign-in and every signed-in request name an account before its organisation is known: which organisation it is in
-- (a row with NULL for the operator's; no row for an unknown name).
CREATE FUNCTION keygate_account_organization(p_username text) RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$ SELECT a.organization_id FROM admin_account a WHERE lower(a.username) = lower(p_username) $$;

-- Usernames are unique across organisations: whether one is taken, without showing whose it is.
CREATE FUNCTION keygate_username_taken(p_username text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$ SELECT EXISTS (SELECT 1 FROM admin_account a WHERE lower(a.username) = lower(p_username)) $$;

-- The operator's list of organisations shows how many admins each has.
CREATE FUNCTION keygate_admin_counts(p_organizations bigint[]) RETURNS TABLE (organization_id bigint, admins bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$ SELECT a.organization_id, count(*) FROM admin_account a WHERE a.organization_id = ANY (p_organizations)
      GROUP BY a.organization_id $$;

REVOKE EXECUTE ON FUNCTION keygate_account_organization(text), keygate_username_taken(text), keygate_admin_counts(bigint[])
    FROM PUBLIC;

CREATE OR REPLACE FUNCTION keygate_grant_application_rights(p_role name) RETURNS void
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
        || 'keygate_organizations_with_session_filters(text, timestamptz), keygate_account_organization(text), '
        || 'keygate_username_taken(text), keygate_admin_counts(bigint[]) TO %I', p_role);
END
$$;
