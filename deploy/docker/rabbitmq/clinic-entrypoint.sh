#!/bin/sh
# The default user exists from the first start on; the password never appears in the environment.
set -eu
conf=$(mktemp /tmp/clinic-rabbitmq-XXXXXX.conf)
chmod 600 "$conf"
{
  echo "default_user = ${RABBITMQ_USER:-clinic}"
  echo "default_pass = $(cat "${RABBITMQ_PASSWORD_FILE:?RABBITMQ_PASSWORD_FILE is required}")"
  echo "default_user_tags.administrator = true"
  echo "default_permissions.configure = .*"
  echo "default_permissions.read = .*"
  echo "default_permissions.write = .*"
  echo "loopback_users = none"
} >"$conf"
[ "$(id -u)" -ne 0 ] || chown rabbitmq "$conf"
export RABBITMQ_CONFIG_FILE="$conf"
exec docker-entrypoint.sh "$@"
