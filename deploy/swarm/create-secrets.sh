#!/bin/sh
# Creates every Docker secret the stack reads, each a fresh random value, skipping those that exist
# (a secret cannot change while services use it: to rotate one, create it under a new name and
# point the stack at it). A value may be given instead through the environment, e.g.
#   CLINIC_ADMIN_PASSWORD='…' deploy/swarm/create-secrets.sh
# for the password of the realm's first admin (admin@clinic.local).
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
create keycloak_admin_password "${KEYCLOAK_ADMIN_PASSWORD:-$(random)}"
create keycloak_services_client_secret "$(random)"
create clinic_admin_password "${CLINIC_ADMIN_PASSWORD:-$(random)}"
create minio_access_key "clinic-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
create minio_secret_key "$(random)"
# Signs the links in appointment emails: notification-service signs, appointment-service verifies.
create appointment_link_secret "$(random)"
# The mail relay notification-service sends through (credentials included); the demo stack's Mailpit by default.
create smtp_url "${CLINIC_SMTP_URL:-smtp://mailpit:1025}"
