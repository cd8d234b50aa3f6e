#!/bin/sh
# Run by the postgres image once, when it initialises an empty data directory (/docker-entrypoint-initdb.d), as the
# image's superuser over the local socket. Makes Keygate's two logins and its database:
#
#   keygate_owner  owns the database and, through the migrations, every table. NOT a superuser: FORCE ROW LEVEL
#                  SECURITY binds a table's owner but never a superuser, and the owner runs the migrations and
#                  rotate-master-key. NOT CREATEROLE either: on PostgreSQL 15 a role that may create roles may also
#                  grant itself any non-superuser role, pg_execute_server_program and pg_read_server_files among them
#                  (a shell as the postgres user, every file of the cluster): a superuser in all but name.
#   keygate_app    the login the portal works as: owns nothing, bypasses nothing. Because the owner may not create
#                  roles, it is made here (Keygate makes it only when the owner may; finding it, Keygate just grants
#                  it its rights at every start and refuses to start if it is privileged).
#
# Passwords come from the same secret files the nodes read (db_password, db_app_password). The database keeps what
# they held on the first start: to change one later, change the file and, as the superuser,
#   docker compose exec postgres psql -U postgres -c '\password keygate_app'
# then restart the nodes.
set -e

secrets=${KEYGATE_SECRETS_DIR:-/run/secrets}
for secret in db_password db_app_password; do
    if [ ! -s "$secrets/$secret" ] || [ ! -r "$secrets/$secret" ]; then
        echo "postgres-init: $secrets/$secret is missing, empty or unreadable for $(id -un)" >&2
        exit 1
    fi
done

# psql reads the passwords itself (\set with backquotes: no command line or environment carries them), and a
# statement that fails is not copied into the server's log with a password in it
psql --no-psqlrc --set=ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    --set=owner_password_file="$secrets/db_password" --set=app_password_file="$secrets/db_app_password" <<'SQL'
SET log_statement = 'none';
SET log_min_error_statement = 'panic';
\set owner_password `cat :'owner_password_file'`
\set app_password `cat :'app_password_file'`
CREATE ROLE keygate_owner LOGIN PASSWORD :'owner_password'
    NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE keygate_app LOGIN PASSWORD :'app_password'
    NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;
\unset owner_password
\unset app_password
-- the owner creates the schema's objects in public (on 15 owned by the database's owner) and pg_trgm, a trusted
-- extension; the application's login may connect, nothing more until Keygate grants it its rights
CREATE DATABASE keygate OWNER keygate_owner;
SQL
