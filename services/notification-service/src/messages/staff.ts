import type { Language } from '@clinic/contracts';
import { dateTimeFormat } from '@clinic/scheduling';
import { cabinetText, locale, shortTime, signatureOf, STATUS, type Layout } from './layout.ts';
import type { ClinicInfo, InputOf } from './message-input.ts';

/** A doctor's agenda of tomorrow, sent by the nightly reminder run. */
export function dailyAgendaLayout(input: InputOf<'DAILY_AGENDA'>, language: Language, clinic: ClinicInfo): Layout {
  const ro = language === 'ro';
  const tz = clinic.timeZone;
  const date = dateTimeFormat(locale(language), {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${input.day}T12:00:00Z`));
  const count = input.appointments.length;
  return {
    subject: ro
      ? `Agenda de mâine (${date}): ${count} ${count === 1 ? 'programare' : 'programări'}`
      : `Tomorrow’s agenda (${date}): ${count} appointment${count === 1 ? '' : 's'}`,
    greeting: ro ? `Bună ziua, ${input.doctorName},` : `Hello ${input.doctorName},`,
    paragraphs: [ro ? `Programările dumneavoastră de mâine, ${date}:` : `Your appointments tomorrow, ${date}:`],
    list: input.appointments.map(
      (a) =>
        `${shortTime(a.start_time, language, tz)}–${shortTime(a.end_time, language, tz)} · ${a.patient_name} · ${cabinetText(a, language)} · ${STATUS[language][a.status]}`,
    ),
    closing: signatureOf(ro, clinic),
  };
}
