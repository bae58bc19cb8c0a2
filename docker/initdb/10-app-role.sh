#!/bin/sh
# Runs once, when the database volume is created, as the superuser
# POSTGRES_USER. It creates the application's role "jixiao": it may sign in
# and read and write the tables the migrations create (default privileges),
# but it is not a superuser and owns nothing. Migrations run as the superuser
# (the compose service "migrate"), which gives audit_log to the role
# jixiao_audit_owner and leaves "jixiao" only SELECT and INSERT on it.
# psql quotes the password (:'app_password'), so it may hold any character.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v app_password="$JIXIAO_DB_PASSWORD" -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE jixiao LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
GRANT CONNECT ON DATABASE :"db" TO jixiao;
GRANT USAGE ON SCHEMA public TO jixiao;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO jixiao;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO jixiao;
SQL
