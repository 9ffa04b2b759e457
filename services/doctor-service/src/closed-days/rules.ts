/** A date the clinic is closed on, named in Romanian and English. */
export interface NamedDay {
  date: string;
  name_ro: string;
  name_en: string;
}

const FIXED: ReadonlyArray<[monthDay: string, ro: string, en: string]> = [
  ['01-01', 'Anul Nou', 'New Year’s Day'],
  ['01-02', 'A doua zi de Anul Nou', 'Day after New Year’s Day'],
  ['01-06', 'Bobotează', 'Epiphany'],
  ['01-07', 'Sfântul Ioan Botezătorul', 'Saint John the Baptist'],
  ['01-24', 'Ziua Unirii Principatelor Române', 'Union Day'],
  ['05-01', 'Ziua Muncii', 'Labour Day'],
  ['06-01', 'Ziua Copilului', 'Children’s Day'],
  ['08-15', 'Adormirea Maicii Domnului', 'Assumption of Mary'],
  ['11-30', 'Sfântul Andrei', 'Saint Andrew’s Day'],
  ['12-01', 'Ziua Națională a României', 'National Day'],
  ['12-25', 'Crăciunul', 'Christmas Day'],
  ['12-26', 'A doua zi de Crăciun', 'Second day of Christmas'],
];

// Around Orthodox Easter: Good Friday, Easter, Easter Monday, Pentecost (Rusalii) and its Monday.
const MOVABLE: ReadonlyArray<[daysFromEaster: number, ro: string, en: string]> = [
  [-2, 'Vinerea Mare', 'Orthodox Good Friday'],
  [0, 'Paștele', 'Orthodox Easter'],
  [1, 'A doua zi de Paște', 'Orthodox Easter Monday'],
  [49, 'Rusaliile', 'Orthodox Pentecost'],
  [50, 'A doua zi de Rusalii', 'Orthodox Whit Monday'],
];

/**
 * Orthodox Easter Sunday of the year as a Gregorian date, YYYY-MM-DD: Meeus's Julian computus, moved
 * by the 13 days the Julian calendar lags behind the Gregorian one from 1900 to 2099.
 */
export function orthodoxEaster(year: number): string {
  if (year < 1900 || year > 2099) throw new RangeError(`No Orthodox Easter computed for ${year}`);
  const d = (19 * (year % 19) + 15) % 30;
  const e = (2 * (year % 4) + 4 * (year % 7) - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  return addDays(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, 13);
}

/**
 * Romania's public holidays of the year (Labour Code, art. 139), sorted by date; two falling on the
 * same date (Whit Monday on Children's Day) are one closed day with both names.
 */
export function romanianPublicHolidays(year: number): NamedDay[] {
  const easter = orthodoxEaster(year);
  const days = [
    ...FIXED.map(([monthDay, ro, en]) => ({ date: `${year}-${monthDay}`, name_ro: ro, name_en: en })),
    ...MOVABLE.map(([offset, ro, en]) => ({ date: addDays(easter, offset), name_ro: ro, name_en: en })),
  ];
  const byDate = new Map<string, NamedDay>();
  for (const day of days.sort((a, b) => a.date.localeCompare(b.date))) {
    const same = byDate.get(day.date);
    byDate.set(day.date, same ? { ...same, name_ro: `${same.name_ro}; ${day.name_ro}`, name_en: `${same.name_en}; ${day.name_en}` } : day);
  }
  return [...byDate.values()];
}

/** The public holidays a country code names; only Romania's are known. */
export function publicHolidaysOf(country: string, year: number): NamedDay[] {
  if (country === 'RO') return romanianPublicHolidays(year);
  throw new RangeError(`No public holidays known for ${country}`);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
