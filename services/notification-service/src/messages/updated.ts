import { cabinetText, formatTimeRange, type AppointmentWording, type Layout } from './layout.ts';
import type { InputOf } from './message-input.ts';

/** A move: the new time, the one before it, and the reason if one was given. */
export function updatedLayout(input: InputOf<'UPDATED'>, w: AppointmentWording): Layout {
  const { ro, language, appointment: a, when, greeting, details, signature, manage } = w;
  const tz = w.clinic.timeZone;
  const p = input.previous;
  return {
    subject: ro ? `Programare mutată: ${when}` : `Appointment moved: ${when}`,
    greeting,
    paragraphs: [
      ro
        ? `Programarea ${input.audience === 'PATIENT' ? `la ${a.doctor_name}` : `cu ${a.patient_name}`} a fost mutată. Invitația din calendar este actualizată.`
        : `The appointment ${input.audience === 'PATIENT' ? `with ${a.doctor_name}` : `with ${a.patient_name}`} was moved. The calendar invitation is updated.`,
      ...(input.reason ? [ro ? `Motivul: ${input.reason}` : `Reason: ${input.reason}`] : []),
    ],
    previousDetails: p
      ? {
          title: ro ? 'Înainte' : 'Before',
          rows: [
            [ro ? 'Data și ora' : 'Date and time', formatTimeRange(p.start_time, p.end_time, language, tz)],
            [ro ? 'Cabinet' : 'Room', cabinetText(p, language)],
          ],
        }
      : undefined,
    details: [[ro ? 'Acum' : 'Now', ''], ...details],
    closing: input.audience === 'PATIENT' ? [manage, ...signature] : signature,
  };
}
