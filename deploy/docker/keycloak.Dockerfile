# Keycloak for the stack: the official image, built for PostgreSQL with health checks and the /auth
# path, started in production mode ("start --optimized") importing realm "clinic" on first start, with
# the clinic's login theme (deploy/keycloak/themes). Passwords and the services' client secret come
# from Docker secrets (KC_*_FILE, CLINIC_*_FILE). Its build context is deploy/, for the themes:
#   docker build -f deploy/docker/keycloak.Dockerfile -t clinic/keycloak deploy
ARG KEYCLOAK_BASE=quay.io/keycloak/keycloak:26.5.6
FROM ${KEYCLOAK_BASE} AS builder
# Metrics (Prometheus text) on the management port 9000, at /auth/metrics, never on the public one.
ENV KC_DB=postgres KC_HEALTH_ENABLED=true KC_METRICS_ENABLED=true KC_HTTP_RELATIVE_PATH=/auth
RUN /opt/keycloak/bin/kc.sh build

FROM ${KEYCLOAK_BASE}
COPY --from=builder /opt/keycloak/ /opt/keycloak/
COPY docker/secrets-env.sh /opt/keycloak/bin/secrets-env.sh
COPY docker/keycloak/master-realm.sh /opt/keycloak/bin/master-realm.sh
COPY keycloak/themes/ /opt/keycloak/themes/
# Ready once the realm is served (management port 9000; bash's /dev/tcp, the image has no curl).
HEALTHCHECK --interval=10s --timeout=5s --start-period=300s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9000 && printf 'GET /auth/health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
# master-realm.sh hardens the master realm once Keycloak is up (brute-force protection, password policy).
ENTRYPOINT ["/opt/keycloak/bin/secrets-env.sh", "/opt/keycloak/bin/master-realm.sh", "/opt/keycloak/bin/kc.sh"]
CMD ["start", "--optimized", "--import-realm"]
