# MinIO for the stack (never published): the official image, its root credentials read from Docker
# secrets (MINIO_ROOT_USER_FILE, MINIO_ROOT_PASSWORD_FILE).
#   docker build -f deploy/docker/minio.Dockerfile -t clinic/minio deploy/docker
ARG MINIO_BASE=minio/minio
FROM ${MINIO_BASE}
COPY secrets-env.sh /usr/local/bin/secrets-env.sh
# Not root: /data is prepared for uid 1000, and a new named volume mounted there takes its owner.
USER root
RUN mkdir -p /data && chown 1000:1000 /data
USER 1000:1000
# Healthy once the server answers its liveness probe (bash's /dev/tcp: the image has no curl).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9000 && printf 'GET /minio/health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/usr/local/bin/secrets-env.sh", "minio"]
CMD ["server", "/data"]
