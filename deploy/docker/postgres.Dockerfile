# PostgreSQL for the stack: the official image plus the script that creates, on first start, the
# database "clinic" with one schema and role per service, and Keycloak's own database.
#   docker build -f deploy/docker/postgres.Dockerfile -t clinic/postgres deploy/docker
# It speaks TLS only: its certificate and key are the Docker secrets postgres_tls_cert and
# postgres_tls_key (deploy/swarm/create-secrets.sh; the key mounted for uid 999, mode 0400), and
# pg_hba.conf admits network clients over TLS alone.
ARG POSTGRES_BASE=postgres:15-bookworm
FROM ${POSTGRES_BASE}
COPY postgres/init-clinic.sh /docker-entrypoint-initdb.d/10-init-clinic.sh
COPY postgres/pg_hba.conf /etc/postgresql/clinic/pg_hba.conf
# Not root, from the first instruction on: the entrypoint initialises the data directory as the user
# "postgres" (uid 999), which owns /var/lib/postgresql/data in the image, and so every new named
# volume mounted there.
USER postgres
CMD ["postgres", "-c", "listen_addresses=*", "-c", "ssl=on", "-c", "ssl_min_protocol_version=TLSv1.2", \
     "-c", "ssl_cert_file=/run/secrets/postgres_tls_cert", "-c", "ssl_key_file=/run/secrets/postgres_tls_key", \
     "-c", "hba_file=/etc/postgresql/clinic/pg_hba.conf"]
