import { describe, expect, it } from 'vitest';
import { firstDayShown } from './DoctorPage.tsx';
import { matchesName } from './DoctorSearch.tsx';

describe('the doctor page’s first day', () => {
  const today = '2026-03-30';
  const zone = 'Europe/Bucharest';
  const shown = (query: string) => firstDayShown(new URLSearchParams(query), today, zone);

  it('is today unless a later week or a picked time says otherwise', () => {
    expect(shown('')).toBe(today);
    expect(shown('from=2026-04-06')).toBe('2026-04-06');
    expect(shown(`slot=${encodeURIComponent('2026-04-02T09:00:00+03:00')}`)).toBe('2026-04-02');
  });

  it('never goes before today, and ignores what is not a date', () => {
    expect(shown('from=2026-03-01')).toBe(today);
    expect(shown('from=2026-02-30')).toBe(today);
    expect(shown('slot=yesterday')).toBe(today);
  });
});

describe('finding a doctor by name', () => {
  it('ignores case and Romanian diacritics', () => {
    expect(matchesName({ full_name: 'Ștefan Țăranu' }, 'stefan tar')).toBe(true);
    expect(matchesName({ full_name: 'Ana Ionescu' }, 'IONESCU')).toBe(true);
    expect(matchesName({ full_name: 'Ana Ionescu' }, 'popescu')).toBe(false);
    expect(matchesName({ full_name: 'Ana Ionescu' }, '  ')).toBe(true);
  });
});
