-- Module audit: an append-only trail. Organisation is not a foreign key: the trail outlives what it describes.
CREATE TABLE audit_event (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at     timestamptz  NOT NULL,
    organization_id bigint,
    actor_type      varchar(32)  NOT NULL,
    actor_name      varchar(255),
    action          varchar(64)  NOT NULL,
    resource_type   varchar(64),
    resource_id     varchar(64),
    resource_name   varchar(255),
    outcome         varchar(16)  NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE')),
    reason          varchar(255),
    details         text         NOT NULL DEFAULT '{}',
    source_address  varchar(64),
    request_id      varchar(64)
);
CREATE INDEX audit_event_organization_newest ON audit_event (organization_id, id DESC);

CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
