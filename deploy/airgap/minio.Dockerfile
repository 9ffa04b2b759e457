# Stand-in for minio/minio, built without a registry: the MinIO server the devstack builds from its
# Go module, at /usr/bin/minio; data in /data, owned by the user "minio".
ARG DEBIAN_BASE
FROM ${DEBIAN_BASE}
COPY minio /usr/bin/minio
RUN useradd --uid 1000 --user-group --no-create-home minio && mkdir /data && chown minio:minio /data
USER minio
EXPOSE 9000
ENTRYPOINT ["/usr/bin/minio"]
