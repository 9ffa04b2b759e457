# Stand-in for the official "postgres" image, built without a registry: Debian's PostgreSQL 15 with an
# entrypoint that honours the same interface (POSTGRES_USER, POSTGRES_PASSWORD_FILE, PGDATA,
# /docker-entrypoint-initdb.d), running as the user "postgres" with uid 999 as in the official image
# (the stack mounts the TLS key for that uid).
ARG DEBIAN_BASE
FROM ${DEBIAN_BASE}
RUN groupadd --system postgres && useradd --system --uid 999 --gid postgres --home-dir /var/lib/postgresql --shell /bin/bash postgres \
 && apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-15 \
 && rm -rf /var/lib/apt/lists/* /var/lib/postgresql/15 \
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql /docker-entrypoint-initdb.d \
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql && chmod 700 /var/lib/postgresql/data
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
USER postgres
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres", "-c", "listen_addresses=*"]
