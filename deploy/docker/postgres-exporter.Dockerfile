# PostgreSQL's metrics for Prometheus (job "postgres"): the community exporter, connecting as the role
# postgres_exporter (pg_monitor, made on PostgreSQL's first start) over verified TLS. Its connection:
# DATA_SOURCE_URI, DATA_SOURCE_USER and DATA_SOURCE_PASS_FILE (a Docker secret), set by the stack.
#   docker build -f deploy/docker/postgres-exporter.Dockerfile -t clinic/postgres-exporter deploy/docker
ARG POSTGRES_EXPORTER_BASE=quay.io/prometheuscommunity/postgres-exporter:v0.17.1
FROM ${POSTGRES_EXPORTER_BASE}
USER nobody
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=5 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:9187/metrics"]
