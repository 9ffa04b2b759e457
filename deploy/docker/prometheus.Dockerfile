# Prometheus for the stack, with its configuration deploy/prometheus/prometheus.swarm.yml and the
# alert rules deploy/prometheus/alerts.yml (both mounted by the stack as Swarm configs).
#   docker build -f deploy/docker/prometheus.Dockerfile -t clinic/prometheus deploy/docker
# The release of the devstack's Prometheus (Go module v0.316.0).
ARG PROMETHEUS_BASE=prom/prometheus:v3.16.0
FROM ${PROMETHEUS_BASE}
# Not root: "nobody" owns /prometheus in the image, and so every new named volume mounted there.
USER nobody
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:9090/-/ready"]
# Two weeks of samples; the System page and the alerts read the last hours.
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus", "--storage.tsdb.retention.time=15d"]
