#!/usr/bin/env bash
# Creates each ExDesk service's (and the console's) database, owned by a login of that service alone, so a service can
# neither read nor change another's data (docker-compose.yml mounts this into the postgres image's
# /docker-entrypoint-initdb.d/, which runs it once, on an empty data directory). The passwords come
# from the environment: <SERVICE>_DB_PASSWORD, e.g. TICKET_SERVICE_DB_PASSWORD.
#
# Each database's owner creates its tables: Flyway runs as that login when the service starts.
# Also runs against any PostgreSQL 15 server with psql and the PG* variables (PGHOST, PGPORT, PGUSER,
# PGPASSWORD) naming a superuser, e.g. to prepare a server outside Compose.
set -euo pipefail

# database:login, one per service.
databases=(tickets:ticket_service routing:routing_service sla:sla_service notifications:notification_service console:console)

for entry in "${databases[@]}"; do
  database=${entry%%:*}
  login=${entry##*:}
  variable=${login^^}_DB_PASSWORD
  password=${!variable:?$variable is not set}
  # psql's :'var' and :"var" quote the values, whatever characters a password holds.
  psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --dbname "${POSTGRES_DB:-postgres}" \
       -v database="$database" -v login="$login" -v password="$password" <<'SQL'
CREATE ROLE :"login" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"login";
-- Only the owner may connect (PUBLIC may by default); superusers always can.
REVOKE CONNECT, TEMPORARY ON DATABASE :"database" FROM PUBLIC;
SQL
  echo "init-databases: database $database, owned by $login"
done
