# PostgreSQL for the stack: the official image plus the script that creates, on first start, the
# database "clinic" with one schema and role per service, and Keycloak's own database.
#   docker build -f deploy/docker/postgres.Dockerfile -t clinic/postgres deploy/docker
ARG POSTGRES_BASE=postgres:15-bookworm
FROM ${POSTGRES_BASE}
COPY postgres/init-clinic.sh /docker-entrypoint-initdb.d/10-init-clinic.sh
