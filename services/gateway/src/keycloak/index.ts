// /auth: the part of Keycloak the gateway passes on, with failed logins counted per client address.
export { proxyKeycloak, type HeaderRewrite } from './keycloak-proxy.ts';
