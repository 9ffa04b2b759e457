import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/** What an emailed link lets its holder do with one appointment, without logging in. */
export type AppointmentLinkAction = 'VIEW' | 'RESCHEDULE' | 'CANCEL';

/** The signed content of an appointment link (the token). */
export interface AppointmentLinkClaims {
  /** The token's own id: a cancel records it, so the link cancels once. */
  id: string;
  appointmentId: string;
  patientId: string;
  /** What the rules allowed when the email was written; the server checks them again at use. */
  actions: AppointmentLinkAction[];
  /** Seconds since the epoch after which the link no longer works. */
  expiresAt: number;
  /** The patient's language, so the page the link opens speaks it. */
  language: 'ro' | 'en';
}

export type AppointmentLinkVerdict = { ok: true; claims: AppointmentLinkClaims } | { ok: false; reason: 'INVALID' | 'EXPIRED' };

/**
 * Between the payload and the signature: a character base64url does not use and a URL carries as it is,
 * and not a dot, so the page link `/a/<token>` does not look like a file name to the gateway.
 */
const SEPARATOR = '~';
const ACTIONS = new Set<AppointmentLinkAction>(['VIEW', 'RESCHEDULE', 'CANCEL']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A key shorter than this is refused at start-up: a guessable key would let anyone write links. */
export const APPOINTMENT_LINK_SECRET_MIN_LENGTH = 16;

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(`appointment-link.${payload}`).digest('base64url');

/** The compact form that goes into the payload: short keys keep the links short. */
interface Wire {
  i: string;
  a: string;
  p: string;
  x: AppointmentLinkAction[];
  e: number;
  l: 'ro' | 'en';
}

/**
 * A token for an appointment link: base64url JSON of the claims, a tilde, and the HMAC-SHA256 of the
 * payload by the shared secret. notification-service signs; appointment-service verifies.
 */
export function signAppointmentLink(secret: string, claims: Omit<AppointmentLinkClaims, 'id'> & { id?: string }): string {
  const wire: Wire = {
    i: claims.id ?? randomUUID(),
    a: claims.appointmentId,
    p: claims.patientId,
    x: claims.actions,
    e: claims.expiresAt,
    l: claims.language,
  };
  const payload = Buffer.from(JSON.stringify(wire)).toString('base64url');
  return `${payload}${SEPARATOR}${sign(secret, payload)}`;
}

function claimsOf(payload: string): AppointmentLinkClaims | undefined {
  let wire: Partial<Wire>;
  try {
    wire = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<Wire>;
  } catch {
    return undefined;
  }
  const { i, a, p, x, e, l } = wire;
  if (typeof i !== 'string' || !UUID.test(i) || typeof a !== 'string' || !UUID.test(a) || typeof p !== 'string' || !UUID.test(p))
    return undefined;
  if (!Array.isArray(x) || !x.every((action) => ACTIONS.has(action)) || !Number.isInteger(e) || (l !== 'ro' && l !== 'en'))
    return undefined;
  return { id: i, appointmentId: a, patientId: p, actions: x, expiresAt: e!, language: l };
}

/** Whether the token was signed by the secret and has not expired at `nowSeconds`; forged or malformed is INVALID. */
export function verifyAppointmentLink(secret: string, token: string, nowSeconds = Math.floor(Date.now() / 1000)): AppointmentLinkVerdict {
  const [payload, signature, ...rest] = token.split(SEPARATOR);
  if (!payload || !signature || rest.length > 0) return { ok: false, reason: 'INVALID' };
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'INVALID' };
  const claims = claimsOf(payload);
  if (!claims) return { ok: false, reason: 'INVALID' };
  if (nowSeconds > claims.expiresAt) return { ok: false, reason: 'EXPIRED' };
  return { ok: true, claims };
}
