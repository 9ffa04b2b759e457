/** Most family members one account keeps: a household, not a registry. */
export const MAX_FAMILY_MEMBERS = 10;

/** Oldest birth date accepted, in years before today: beyond it the date is a typing mistake. */
const MAX_AGE_YEARS = 130;

/**
 * Why a birth date is refused, or undefined. "Today" is the latest calendar date anywhere on Earth
 * (UTC+14), so a child born today in the clinic's zone is never refused whatever the server's clock.
 */
export function birthDateRefusal(birthDate: string, now: Date): 'IN_FUTURE' | 'TOO_OLD' | undefined {
  const latestToday = new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
  if (birthDate > latestToday) return 'IN_FUTURE';
  const earliest = new Date(now);
  earliest.setUTCFullYear(earliest.getUTCFullYear() - MAX_AGE_YEARS);
  if (birthDate < earliest.toISOString().slice(0, 10)) return 'TOO_OLD';
  return undefined;
}

/** Whether one more family member passes the cap, for an account that has `count` already. */
export const familyFull = (count: number): boolean => count >= MAX_FAMILY_MEMBERS;

/** A name as kept: outer blanks dropped, inner runs of blanks made one space. */
export const tidyName = (name: string): string => name.trim().replace(/\s+/g, ' ');
