#!/bin/bash
# Runs Keycloak (the arguments) and, once it is ready, applies the master realm's settings in
# conf/master-realm.json (brute-force protection, password policy; the stack mounts
# deploy/keycloak/master-realm.json there) as the bootstrap admin with kcadm.sh. Keycloak makes the
# master realm itself on the first start, so it cannot be imported; applying the same values again at
# every start changes nothing. Keycloak keeps running whatever the outcome.
set -u
home=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
settings=$home/conf/master-realm.json
path=${KC_HTTP_RELATIVE_PATH:-/auth}

"$@" &
keycloak=$!
trap 'kill -TERM "$keycloak" 2>/dev/null' TERM INT

ready() {
  (exec 3<>"/dev/tcp/127.0.0.1/${KC_HTTP_MANAGEMENT_PORT:-9000}" &&
    printf 'GET %s/health/ready HTTP/1.0\r\n\r\n' "$path" >&3 && grep -q '"UP"' <&3) 2>/dev/null
}

apply_master_realm() {
  [ -f "$settings" ] || return 0
  until ready; do
    kill -0 "$keycloak" 2>/dev/null || return 0
    sleep 5
  done
  local admin=(--no-config --server "http://127.0.0.1:${KC_HTTP_PORT:-8080}$path" --realm master --user "${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}")
  # kcadm.sh reads the password from KC_CLI_PASSWORD (it is in no command line), and runs in a small JVM
  # beside Keycloak's, within the container's memory limit.
  export KC_CLI_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-}" KC_OPTS="-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
  # The master realm's pages on the admin URL too: the admin console's login form would otherwise post
  # to the public URL, where the gateway refuses it.
  if "$home/bin/kcadm.sh" update realms/master --merge -f "$settings" "${admin[@]}" &&
    { [ -z "${KC_HOSTNAME_ADMIN:-}" ] || "$home/bin/kcadm.sh" update realms/master -s "attributes.frontendUrl=$KC_HOSTNAME_ADMIN" "${admin[@]}"; }; then
    echo "master-realm.sh: brute-force protection and password policy of the master realm applied"
  else
    echo "master-realm.sh: WARNING the master realm's settings were not applied (bootstrap admin gone, or its password changed?)" >&2
  fi
}
apply_master_realm &

# A signal ends the first wait early; Keycloak's own exit status is the container's.
wait "$keycloak"
status=$?
while kill -0 "$keycloak" 2>/dev/null; do
  wait "$keycloak"
  status=$?
done
exit "$status"
