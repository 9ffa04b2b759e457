# Stand-in for quay.io/prometheuscommunity/postgres-exporter, built without a registry: Debian's
# prometheus-postgres-exporter, at /bin/postgres_exporter as in the official image, run as "nobody";
# wget for the health check, as the official image has.
ARG DEBIAN_BASE
FROM ${DEBIAN_BASE}
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus-postgres-exporter wget \
 && rm -rf /var/lib/apt/lists/* \
 && ln -s /usr/bin/prometheus-postgres-exporter /bin/postgres_exporter
USER nobody
EXPOSE 9187
ENTRYPOINT ["/bin/postgres_exporter"]
