#!/bin/sh
# Runs once, on an empty data directory, as the official image's init scripts do. The passwords come
# from the Docker secrets the services themselves use: each service's DATABASE_URL secret, and
# Keycloak's database password.
set -eu
secret() { cat "/run/secrets/$1"; }
# postgres://role:password@host:port/db -> password (passwords are URL-safe, as generated)
url_password() { secret "$1" | sed -E 's#^[a-z]+://[^:]+:([^@]+)@.*#\1#'; }

services="user_service doctor_service appointment_service notification_service"
{
  for role in $services; do
    echo "CREATE ROLE $role LOGIN PASSWORD '$(url_password "${role}_database_url")';"
    echo "ALTER ROLE $role SET search_path = $role;"
  done
  echo "CREATE ROLE keycloak LOGIN PASSWORD '$(secret keycloak_db_password)';"
  # The metrics exporter reads the server's statistics (pg_monitor), no table of any service.
  echo "CREATE ROLE postgres_exporter LOGIN PASSWORD '$(secret postgres_exporter_password)' IN ROLE pg_monitor;"
  echo "CREATE DATABASE clinic;"
  echo "CREATE DATABASE keycloak OWNER keycloak;"
  echo "REVOKE ALL ON DATABASE clinic, keycloak, postgres FROM PUBLIC;"
  echo "GRANT CONNECT ON DATABASE clinic TO $(echo $services | sed 's/ /, /g');"
  echo "GRANT CONNECT ON DATABASE keycloak TO keycloak;"
  echo "GRANT CONNECT ON DATABASE postgres TO postgres_exporter;"
  printf '%s\n' '\connect clinic'
  echo "REVOKE CREATE ON SCHEMA public FROM PUBLIC;"
  echo "CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public;"
  for role in $services; do echo "CREATE SCHEMA $role AUTHORIZATION $role;"; done
} | psql -X -q -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres
