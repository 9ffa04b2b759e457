import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '@clinic/service-kit';
import type { VisitType } from '@clinic/contracts';
import { effectiveVisitTypes, visitTypesSeenBy } from './rules.ts';

function visitType(id: string, overrides: Partial<VisitType> = {}): VisitType {
  return {
    id,
    specialization_id: 'spec',
    doctor_id: null,
    name_ro: `Tip ${id}`,
    name_en: `Type ${id}`,
    duration_minutes: 30,
    price_text: null,
    online_bookable: true,
    archived: false,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const ids = (types: readonly VisitType[]) => types.map((type) => type.id);
const principal = (...roles: Principal['roles']): Principal => ({ id: 'u', roles }) as Principal;

describe('effectiveVisitTypes', () => {
  const defaults = [visitType('first'), visitType('control'), visitType('old', { archived: true })];

  it('offers the specialization’s active defaults to a doctor without types of their own', () => {
    assert.deepEqual(effectiveVisitTypes([], defaults), { items: defaults.slice(0, 2), source: 'SPECIALIZATION' });
  });

  it('offers only the doctor’s own types when they have active ones', () => {
    const own = [visitType('mine', { doctor_id: 'd', specialization_id: null })];
    const effective = effectiveVisitTypes(own, defaults);
    assert.deepEqual([ids(effective.items), effective.source], [['mine'], 'DOCTOR']);
  });

  it('falls back to the defaults when every own type is archived', () => {
    const own = [visitType('mine', { archived: true })];
    assert.deepEqual(ids(effectiveVisitTypes(own, defaults).items), ['first', 'control']);
  });
});

describe('visitTypesSeenBy', () => {
  const types = [visitType('online'), visitType('desk-only', { online_bookable: false }), visitType('old', { archived: true })];

  it('shows patients and anonymous callers only what they may book online', () => {
    assert.deepEqual(ids(visitTypesSeenBy(undefined, types)), ['online']);
    assert.deepEqual(ids(visitTypesSeenBy(principal('PATIENT'), types)), ['online']);
  });

  it('shows staff every active type', () => {
    assert.deepEqual(ids(visitTypesSeenBy(principal('ADMIN'), types)), ['online', 'desk-only']);
    assert.deepEqual(ids(visitTypesSeenBy(principal('DOCTOR'), types)), ['online', 'desk-only']);
  });
});
