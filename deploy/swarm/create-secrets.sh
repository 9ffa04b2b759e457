#!/bin/sh
# Creates every Docker secret the stack reads, each a fresh random value, skipping those that exist
# (a secret cannot change while services use it: to rotate one, create it under a new name and
# point the stack at it). A value may be given instead through the environment, e.g.
#   CLINIC_ADMIN_PASSWORD='…' deploy/swarm/create-secrets.sh
# for the password of the realm's first admin (admin@clinic.local).
# PostgreSQL's TLS certificate is made here too, by a certificate authority of the clinic's own
# (openssl): the authority's key is thrown away once it has signed, the server's key is only a secret.
set -eu
DOCKER=${DOCKER:-docker}
random() { head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
exists() { $DOCKER secret inspect "$1" >/dev/null 2>&1; }
create() { # name value
  if exists "$1"; then echo "secret $1 exists"; else printf '%s' "$2" | $DOCKER secret create "$1" - >/dev/null && echo "secret $1 created"; fi
}

# The database URLs and the broker URL carry their role's password: the servers read the same
# secrets (PostgreSQL's first start creates each role with the password in its URL).
for role in user_service doctor_service appointment_service notification_service; do
  exists "${role}_database_url" || create "${role}_database_url" "postgres://${role}:$(random)@postgres:5432/clinic"
done
rabbit=$(random)
if ! exists rabbitmq_password; then
  create rabbitmq_password "$rabbit"
  create amqp_url "amqp://clinic:${rabbit}@rabbitmq:5672"
fi
create postgres_password "$(random)"
create keycloak_db_password "$(random)"
# The role of PostgreSQL's metrics exporter (statistics only).
create postgres_exporter_password "$(random)"
create keycloak_admin_password "${KEYCLOAK_ADMIN_PASSWORD:-$(random)}"
create keycloak_services_client_secret "$(random)"
create clinic_admin_password "${CLINIC_ADMIN_PASSWORD:-$(random)}"
create minio_access_key "clinic-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
create minio_secret_key "$(random)"
# Signs the links in appointment emails: notification-service signs, appointment-service verifies.
create appointment_link_secret "$(random)"
# The mail relay notification-service sends through (credentials included); the demo stack's Mailpit by default.
create smtp_url "${CLINIC_SMTP_URL:-smtp://mailpit:1025}"

# PostgreSQL speaks TLS only (deploy/docker/postgres/pg_hba.conf): its certificate, for the name the
# services connect to ("postgres"), signed by an authority made for it alone; every client verifies
# the certificate against postgres_tls_ca and the name in it (sslmode=verify-full). The three secrets
# are made together, or not at all.
if ! exists postgres_tls_ca; then
  tls=$(mktemp -d)
  trap 'rm -rf "$tls"' EXIT
  openssl req -x509 -new -nodes -newkey rsa:3072 -sha256 -days 3650 -subj '/CN=Clinic Booking database CA' \
    -keyout "$tls/ca.key" -out "$tls/ca.crt" 2>/dev/null
  openssl req -new -nodes -newkey rsa:3072 -sha256 -subj '/CN=postgres' -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:postgres,DNS:%s_postgres\nextendedKeyUsage=serverAuth\n' "${CLINIC_STACK:-clinic}" >"$tls/ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 825 -sha256 \
    -extfile "$tls/ext" -out "$tls/server.crt" 2>/dev/null
  create postgres_tls_key "$(cat "$tls/server.key")"
  create postgres_tls_cert "$(cat "$tls/server.crt")"
  create postgres_tls_ca "$(cat "$tls/ca.crt")"
fi
