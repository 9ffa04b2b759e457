import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateTimeFormat } from './formats.ts';

describe('dateTimeFormat', () => {
  it('formats as a new Intl.DateTimeFormat with the same locale and options would', () => {
    const options: Intl.DateTimeFormatOptions = { timeZone: 'Europe/Bucharest', weekday: 'long', day: 'numeric', month: 'long' };
    const instant = new Date('2026-12-03T07:30:00Z');
    assert.equal(dateTimeFormat('ro-RO', options).format(instant), new Intl.DateTimeFormat('ro-RO', options).format(instant));
    assert.equal(dateTimeFormat('ro-RO', options).format(instant), 'joi, 3 decembrie');
  });

  it('is made once per locale and options, and anew when either differs', () => {
    const options = { timeZone: 'Europe/Bucharest', hour: '2-digit', minute: '2-digit' } as const;
    assert.equal(dateTimeFormat('en-GB', options), dateTimeFormat('en-GB', { ...options }));
    assert.notEqual(dateTimeFormat('en-GB', options), dateTimeFormat('ro-RO', options));
    assert.notEqual(dateTimeFormat('en-GB', options), dateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }));
    assert.equal(dateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(new Date('2026-12-03T07:30:00Z')), '07:30');
  });

  it('refuses a zone that is not one, as Intl does', () => {
    assert.throws(() => dateTimeFormat('en-GB', { timeZone: 'Mars/Olympus' }), RangeError);
  });
});
