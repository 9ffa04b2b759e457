# Stand-in for jaegertracing/jaeger (Jaeger v2, all in one binary), built without a registry: the
# binary the devstack builds from its Go module, at /cmd/jaeger/jaeger-linux as in the official image,
# run as an unprivileged user; wget for the health check, as the official (Alpine) image has.
ARG DEBIAN_BASE
FROM ${DEBIAN_BASE}
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wget \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --user-group --no-create-home jaeger
COPY jaeger /cmd/jaeger/jaeger-linux
USER 10001
EXPOSE 4317 4318 16686 13133 8888
ENTRYPOINT ["/cmd/jaeger/jaeger-linux"]
