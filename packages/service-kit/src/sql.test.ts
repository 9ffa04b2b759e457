import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conflict } from './errors.ts';
import { constraintViolation, translatingViolations, updateSet } from './sql.ts';

// The shape node-postgres gives a server error.
const serverError = (code: string, constraint?: string) => Object.assign(new Error('violation'), { code, constraint });

describe('updateSet', () => {
  it('sets each given column, numbered from the first parameter, in the order of the column list', () => {
    const changes: { email?: string; full_name?: string; phone?: string } = { phone: '+40 721', full_name: 'Ana' };
    const set = updateSet(changes, ['full_name', 'phone', 'email'], { firstParameter: 2 });
    assert.equal(set.assignments, 'full_name = $2, phone = $3');
    assert.deepEqual(set.values, ['Ana', '+40 721']);
  });

  it('leaves undefined alone and sets null (clearing a column)', () => {
    const set = updateSet({ bio: null, years_experience: undefined }, ['bio', 'years_experience']);
    assert.equal(set.assignments, 'bio = $1');
    assert.deepEqual(set.values, [null]);
  });

  it('appends the touch assignment, which alone is a valid update', () => {
    assert.equal(updateSet({ name: 'X' }, ['name'], { touch: 'updated_at = now()' }).assignments, 'name = $1, updated_at = now()');
    const touchOnly = updateSet({ name: undefined }, ['name'], { firstParameter: 2, touch: 'updated_at = now()' });
    assert.equal(touchOnly.assignments, 'updated_at = now()');
    assert.deepEqual(touchOnly.values, []);
  });

  it('never takes a column name from the changes, only from the column list', () => {
    const changes: Record<string, unknown> = { name: 'X', 'role = $9; DROP TABLE users; --': 'ADMIN' };
    const set = updateSet(changes, ['name']);
    assert.equal(set.assignments, 'name = $1');
    assert.deepEqual(set.values, ['X']);
  });

  it('refuses an update that would set nothing (invalid SQL otherwise)', () => {
    assert.throws(() => updateSet({ name: undefined }, ['name']), RangeError);
  });
});

describe('constraintViolation', () => {
  it('names the kind and the constraint of the four violations', () => {
    assert.deepEqual(constraintViolation(serverError('23505', 'users_email_unique')), { kind: 'unique', constraint: 'users_email_unique' });
    assert.deepEqual(constraintViolation(serverError('23P01', 'appointments_doctor_no_overlap')), {
      kind: 'exclusion',
      constraint: 'appointments_doctor_no_overlap',
    });
    assert.deepEqual(constraintViolation(serverError('23503', 'doctors_cabinet_fk')), {
      kind: 'foreign_key',
      constraint: 'doctors_cabinet_fk',
    });
    assert.deepEqual(constraintViolation(serverError('23514', 'time_off_range')), { kind: 'check', constraint: 'time_off_range' });
  });

  it('keeps the kind when the server names no constraint', () => {
    assert.deepEqual(constraintViolation(serverError('23505')), { kind: 'unique', constraint: undefined });
  });

  it('is undefined for every other error', () => {
    assert.equal(
      constraintViolation(serverError('23502', 'users_email_not_null')),
      undefined,
      'not null is no constraint a use case expects',
    );
    assert.equal(constraintViolation(serverError('57P01')), undefined);
    assert.equal(constraintViolation(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), undefined);
    assert.equal(constraintViolation(new Error('no code')), undefined);
    assert.equal(constraintViolation(undefined), undefined);
    assert.equal(constraintViolation('23505'), undefined);
  });
});

describe('translatingViolations', () => {
  const taken = conflict('EMAIL_TAKEN', 'A user with this email already exists');
  const meaning = (v: { kind: string; constraint: string | undefined }) =>
    v.kind === 'unique' && v.constraint === 'users_email_unique' ? taken : undefined;

  it('answers what the statement answers', async () => {
    assert.equal(await translatingViolations(async () => 42, meaning), 42);
  });

  it('throws the domain error of a violation the meaning knows', async () => {
    await assert.rejects(
      translatingViolations(() => Promise.reject(serverError('23505', 'users_email_unique')), meaning),
      (error: unknown) => error === taken,
    );
  });

  it('throws any other violation or failure as it was', async () => {
    const otherIndex = serverError('23505', 'users_pkey');
    await assert.rejects(
      translatingViolations(() => Promise.reject(otherIndex), meaning),
      (error: unknown) => error === otherIndex,
    );
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    await assert.rejects(
      translatingViolations(() => Promise.reject(down), meaning),
      (error: unknown) => error === down,
    );
  });
});
