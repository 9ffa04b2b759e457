# MinIO for the stack (never published): the official image, its root credentials read from Docker
# secrets (MINIO_ROOT_USER_FILE, MINIO_ROOT_PASSWORD_FILE).
#   docker build -f deploy/docker/minio.Dockerfile -t clinic/minio deploy/docker
ARG MINIO_BASE=minio/minio
FROM ${MINIO_BASE}
COPY secrets-env.sh /usr/local/bin/secrets-env.sh
ENTRYPOINT ["/usr/local/bin/secrets-env.sh", "minio"]
CMD ["server", "/data"]
