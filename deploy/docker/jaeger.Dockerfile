# Jaeger for the stack (v2, all in one: OTLP receivers, in-memory storage, query API and UI), with
# its configuration deploy/jaeger/jaeger.swarm.yml (mounted by the stack as a Swarm config).
#   docker build -f deploy/docker/jaeger.Dockerfile -t clinic/jaeger deploy/docker
# The release built from the same sources as the devstack's Jaeger (Go module v1.75.0).
ARG JAEGER_BASE=jaegertracing/jaeger:2.12.0
FROM ${JAEGER_BASE}
# Not root (the official image's user; the in-memory storage writes nothing to disk).
USER 10001
# Healthy once the health-check extension answers (port 13133; Jaeger's own telemetry, never published).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:13133/status"]
CMD ["--config", "/etc/jaeger/config.yml"]
