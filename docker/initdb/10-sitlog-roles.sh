#!/bin/sh
# Runs once, when the db service creates its data directory: the roles of the schema `sitlog`
# (adapters/roles.py; `sitlog init --roles` finds them and grants them their tables) and the
# logins sitlog runs as: sitlog_app, a member of the writer role, and sitlog_web (the HTTP API), a
# member of the read-only role; never the superuser, never the schema's owner.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v app_password="$SITLOG_APP_PASSWORD" -v web_password="$SITLOG_WEB_PASSWORD" <<'SQL'
CREATE ROLE sitlog_owner NOLOGIN;
CREATE ROLE sitlog_writer NOLOGIN;
CREATE ROLE sitlog_reader NOLOGIN;
CREATE ROLE sitlog_app LOGIN PASSWORD :'app_password' IN ROLE sitlog_writer;
CREATE ROLE sitlog_web LOGIN PASSWORD :'web_password' IN ROLE sitlog_reader;
SQL
