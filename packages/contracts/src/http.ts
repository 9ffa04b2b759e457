import { Type, type Static, type TSchema } from 'typebox';

/** The one error shape every service answers with. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. VALIDATION_FAILED, SLOT_TAKEN' }),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorResponse', title: 'ErrorResponse' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

export const Uuid = Type.String({ format: 'uuid' });

/**
 * A moment: ISO-8601 date-time with its offset. Held to years 1900–2199 and to offsets real time zones
 * use (up to ±14:59): both are far outside what a clinic books, and PostgreSQL refuses some values the
 * date-time format alone lets through (year 0000, an offset of +20:17), which must be a 400, not a 500.
 */
export const Instant = Type.String({
  format: 'date-time',
  pattern: '^(19|2[01])\\d{2}-.*([Zz]|[+-](0\\d|1[0-4]):?[0-5]\\d)$',
  description: 'ISO-8601 with offset',
});
export const IdParams = Type.Object({ id: Uuid });

// The largest offset any list accepts: far past any real list, and well inside PostgreSQL's bigint
// (an unbounded integer such as 1e31 reached the database and failed there).
const MAX_OFFSET = 1_000_000;

export const PageQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  offset: Type.Integer({ minimum: 0, maximum: MAX_OFFSET, default: 0 }),
});

/**
 * Characters no one-line human text may hold: C0 and C1 controls (tabs, newlines, NUL, DEL…), which
 * would break emails, PDFs and calendar files, and the invisible marks that reorder or hide text —
 * the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
 * left-to-right and right-to-left marks (U+200E, U+200F) and the line and paragraph separators
 * (U+2028, U+2029) — with which a name can be made to read as another (`Ana\u202Emoc.live` shows as
 * "Anaevil.com"). As a regular expression character class body, for JSON Schema patterns.
 */
export const UNSAFE_TEXT_CHARACTERS = '\\u0000-\\u001f\\u007f-\\u009f\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';

/**
 * A one-line human text (names, locations, reasons): at least one visible character and none of the
 * UNSAFE_TEXT_CHARACTERS. A text that holds one is refused (400 VALIDATION_FAILED).
 */
export const SingleLineText = (maxLength: number, options: { description?: string } = {}) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: `^[^${UNSAFE_TEXT_CHARACTERS}]*[^\\s${UNSAFE_TEXT_CHARACTERS}][^${UNSAFE_TEXT_CHARACTERS}]*$`,
    ...options,
  });

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });

/** Error answers a route may give, for its OpenAPI description. */
export const errorResponses = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, ErrorResponse]));
