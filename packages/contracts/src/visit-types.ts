// Visit types: what a patient books (a first consultation of 60 minutes, a follow-up of 20), with the
// clinic's defaults per specialization and a doctor's own.
import { Type, type Static } from 'typebox';
import { Instant, SingleLineText, Uuid } from './http.ts';

/** Shortest and longest visit, in minutes; a visit lasts a multiple of 5 minutes. */
export const MIN_VISIT_MINUTES = 5;
export const MAX_VISIT_MINUTES = 480;

const DurationMinutes = Type.Integer({
  minimum: MIN_VISIT_MINUTES,
  maximum: MAX_VISIT_MINUTES,
  multipleOf: 5,
  description: 'How long the visit lasts: a multiple of 5 minutes, 5–480',
});

export const VisitType = Type.Object({
  id: Uuid,
  /** The specialization whose default it is, or null for a doctor's own. */
  specialization_id: Type.Union([Uuid, Type.Null()]),
  /** The doctor whose own type it is, or null for a specialization's default. */
  doctor_id: Type.Union([Uuid, Type.Null()]),
  name_ro: Type.String({ description: 'The name in Romanian' }),
  name_en: Type.String({ description: 'The name in English' }),
  duration_minutes: Type.Integer(),
  price_text: Type.Union([Type.String(), Type.Null()], { description: 'Shown as it is written, e.g. "250 lei"' }),
  online_bookable: Type.Boolean({ description: 'Whether patients may book it themselves; staff book any' }),
  archived: Type.Boolean({ description: 'Archived types are no longer offered nor booked' }),
  created_at: Instant,
  updated_at: Instant,
});
export type VisitType = Static<typeof VisitType>;

export const CreateVisitTypeRequest = Type.Object(
  {
    name_ro: SingleLineText(120),
    name_en: SingleLineText(120),
    duration_minutes: DurationMinutes,
    price_text: Type.Optional(Type.Union([SingleLineText(60), Type.Null()])),
    online_bookable: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);
export type CreateVisitTypeRequest = Static<typeof CreateVisitTypeRequest>;

export const UpdateVisitTypeRequest = Type.Object(
  {
    name_ro: Type.Optional(SingleLineText(120)),
    name_en: Type.Optional(SingleLineText(120)),
    duration_minutes: Type.Optional(DurationMinutes),
    price_text: Type.Optional(Type.Union([SingleLineText(60), Type.Null()])),
    online_bookable: Type.Optional(Type.Boolean()),
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateVisitTypeRequest = Static<typeof UpdateVisitTypeRequest>;

export const VisitTypeList = Type.Object({
  items: Type.Array(VisitType),
  /** Where the doctor's effective types come from: their own, or their specialization's defaults. */
  source: Type.Optional(Type.Union([Type.Literal('DOCTOR'), Type.Literal('SPECIALIZATION')])),
});
export type VisitTypeList = Static<typeof VisitTypeList>;

export const VisitTypeListQuery = Type.Object({
  include_archived: Type.Optional(Type.Boolean({ description: 'ADMIN only: archived types too' })),
});
export type VisitTypeListQuery = Static<typeof VisitTypeListQuery>;

/** A visit type as the booking worker decides with it (in the doctor's booking profile). */
export const BookableVisitType = Type.Object({
  id: Uuid,
  name_ro: Type.String(),
  name_en: Type.String(),
  duration_minutes: Type.Integer(),
  online_bookable: Type.Boolean(),
});
export type BookableVisitType = Static<typeof BookableVisitType>;
