-- Module accounts: the browser sessions admins are signed in to. Payara keeps a copy of a session on each node that
-- served it, and ending it on one node does not reach the others' copies. So a session lets a request in only while its
-- row is here: signing out, a change of the account's password, the account's deletion and the end of its lifetime
-- remove the row, and every node sees that at the session's next request. A missing row refuses, so deleting rows is
-- always safe.
-- The rows hold no organisation data (a random id, an account id, a time) and are read by id only: row-level security
-- does not guard them.
CREATE TABLE admin_session (
    id         uuid        PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES admin_account (id) ON DELETE CASCADE,
    started_at timestamptz NOT NULL
);
CREATE INDEX admin_session_account ON admin_session (account_id);
CREATE INDEX admin_session_started ON admin_session (started_at);
