# Stand-in for quay.io/keycloak/keycloak, built without a registry: Debian's Java 17 and Keycloak's
# distribution from Maven Central in /opt/keycloak, owned by the user "keycloak" (uid 1000) as in the
# official image. Keycloak 26.5 runs on Java 21 (what the official image has) or 17 (deprecated by
# Keycloak, still supported throughout 26.x); Debian 12 packages no Java 21, so this image takes its 17.
ARG DEBIAN_BASE
FROM ${DEBIAN_BASE}
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jre-headless unzip \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1000 keycloak && useradd --uid 1000 --gid keycloak --home-dir /opt/keycloak keycloak
COPY keycloak.zip /tmp/keycloak.zip
RUN unzip -q /tmp/keycloak.zip -d /opt && mv /opt/keycloak-* /opt/keycloak && rm /tmp/keycloak.zip \
 && mkdir -p /opt/keycloak/data && chown -R keycloak:keycloak /opt/keycloak
USER keycloak
EXPOSE 8080
ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]
