# Stand-in for prom/prometheus, built without a registry: Prometheus and promtool as the devstack
# builds them from their Go module, at /bin as in the official image, with its data in /prometheus
# owned by the user "nobody" it runs as; wget for the health check, as the official image has.
ARG DEBIAN_BASE
FROM ${DEBIAN_BASE}
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wget \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /prometheus /etc/prometheus && chown nobody:nogroup /prometheus
COPY prometheus /bin/prometheus
COPY promtool /bin/promtool
USER nobody
WORKDIR /prometheus
EXPOSE 9090
ENTRYPOINT ["/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
