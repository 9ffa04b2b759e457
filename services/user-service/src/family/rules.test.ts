import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { birthDateRefusal, familyFull, MAX_FAMILY_MEMBERS, tidyName } from './rules.ts';

describe('birthDateRefusal', () => {
  const now = new Date('2026-12-06T15:00:00Z');

  it('accepts today and earlier dates', () => {
    assert.equal(birthDateRefusal('2026-12-06', now), undefined);
    assert.equal(birthDateRefusal('2020-02-29', now), undefined);
  });

  it('accepts tomorrow while it is already tomorrow somewhere (UTC+14), refuses the day after', () => {
    assert.equal(birthDateRefusal('2026-12-07', now), undefined);
    assert.equal(birthDateRefusal('2026-12-08', now), 'IN_FUTURE');
    assert.equal(birthDateRefusal('2030-01-01', now), 'IN_FUTURE');
  });

  it('refuses a date more than 130 years ago', () => {
    assert.equal(birthDateRefusal('1896-12-06', now), undefined);
    assert.equal(birthDateRefusal('1896-12-05', now), 'TOO_OLD');
  });
});

describe('familyFull', () => {
  it('lets an account reach the cap and no further', () => {
    assert.equal(familyFull(MAX_FAMILY_MEMBERS - 1), false);
    assert.equal(familyFull(MAX_FAMILY_MEMBERS), true);
  });
});

describe('tidyName', () => {
  it('drops outer blanks and joins inner runs of blanks', () => {
    assert.equal(tidyName('  Ana   Maria  Pop '), 'Ana Maria Pop');
  });
});
