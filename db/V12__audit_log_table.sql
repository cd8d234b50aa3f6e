-- Module audit: the Audit Log table (A2). Newest first is its default order, to any depth; the action and resource
-- type indexes answer their chips (by skipping from one value to the next) and their filters. The id-only order
-- of the first list is not used any more.
CREATE INDEX audit_event_organization_occurred ON audit_event (organization_id, occurred_at DESC, id);
CREATE INDEX audit_event_organization_action ON audit_event (organization_id, action, id);
CREATE INDEX audit_event_organization_resource_type ON audit_event (organization_id, resource_type);
DROP INDEX audit_event_organization_newest;
