import type { IncomingHttpHeaders } from 'node:http';

/** Headers a proxy in front could have set: from a client they are lies, so none passes on as sent. */
const CLIENT_FORWARDING = /^(forwarded|x-forwarded-.*|x-real-ip)$/;

/** What the gateway knows of a request from its own connection. */
export interface ForwardedRequest {
  id: string;
  /** The address the request came from (the socket's peer). */
  ip: string;
  /** The protocol the connection speaks to the gateway. */
  protocol: string;
}

/**
 * The headers a request is passed on with: whatever forwarding headers the client sent are dropped,
 * and X-Forwarded-For/-Proto/-Host/-Port say what the gateway itself knows: the address of the
 * connection, and the public origin it is configured with (PUBLIC_URL; an https one means TLS ends in
 * a proxy in front of the gateway). Keycloak builds its URLs and records client addresses from these.
 */
export function forwardedHeaders(
  headers: IncomingHttpHeaders,
  connection: ForwardedRequest,
  publicUrl: string | undefined,
): IncomingHttpHeaders {
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !CLIENT_FORWARDING.test(name.toLowerCase())));
  const origin = publicUrl ? publicOrigin(publicUrl) : undefined;
  return { ...kept, 'x-forwarded-for': connection.ip, 'x-forwarded-proto': connection.protocol, ...origin };
}

/** The forwarding headers the public origin gives, worked out once per origin rather than for every request. */
const origins = new Map<string, IncomingHttpHeaders>();
function publicOrigin(publicUrl: string): IncomingHttpHeaders {
  let headers = origins.get(publicUrl);
  if (!headers) {
    const origin = new URL(publicUrl);
    const proto = origin.protocol.slice(0, -1);
    headers = {
      'x-forwarded-proto': proto,
      'x-forwarded-host': origin.host,
      'x-forwarded-port': origin.port || (proto === 'https' ? '443' : '80'),
    };
    origins.set(publicUrl, headers);
  }
  return headers;
}
