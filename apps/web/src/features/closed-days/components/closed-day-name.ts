/** The name of a closed day in the app's language. */
export const closedDayName = (day: { name_ro: string; name_en: string }, language: string) =>
  language.startsWith('ro') ? day.name_ro : day.name_en;
