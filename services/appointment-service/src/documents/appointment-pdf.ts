import PDFDocument from 'pdfkit';
import type { Appointment } from '@clinic/contracts';
import { dateTimeFormat } from '@clinic/scheduling';

/**
 * Helvetica, a standard PDF font, needs nothing embedded but covers Windows-1252 only: a letter beyond
 * it (Romanian ș, ț, ă) loses its diacritic rather than printing as garbage.
 */
const printable = (text: string) =>
  text.replace(/[^\u0000-\u00ff–—‘’“”•…€]/gu, (char) => char.normalize('NFD').replace(/\p{M}/gu, '') || '?');

/** "Monday 30 November 2026, 08:00–08:30 (Europe/Bucharest)": the clinic's wall clock, DST included. */
export function formatAppointmentTime(start: string, end: string, timeZone: string): string {
  const day = dateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  // Assembled from the parts: ICU versions differ in the punctuation between them.
  const { weekday, day: dayOfMonth, month, year } = Object.fromEntries(day.formatToParts(new Date(start)).map((p) => [p.type, p.value]));
  return `${weekday} ${dayOfMonth} ${month} ${year}, ${time.format(new Date(start))}–${time.format(new Date(end))} (${timeZone})`;
}

/**
 * The title, and for an appointment that no longer takes place a notice in large red letters above
 * everything else: a PDF saved or forwarded earlier and opened again (its emailed link works for days)
 * must not pass for a valid appointment.
 */
export function headingOf(status: Appointment['status']): { title: string; notice?: string } {
  switch (status) {
    case 'CONFIRMED':
      return { title: 'Appointment confirmation' };
    case 'CANCELLED':
      return { title: 'Appointment cancelled', notice: 'CANCELLED: this appointment no longer takes place.' };
    case 'EXPIRED':
      return { title: 'Appointment request expired', notice: 'EXPIRED: the clinic never confirmed this request.' };
    case 'NO_SHOW':
      return { title: 'Appointment missed', notice: 'NO-SHOW: the patient did not come.' };
    default:
      return { title: 'Appointment details' };
  }
}

const LEFT = 72;
const LABEL_WIDTH = 130;
const VALUE_WIDTH = 595.28 - 2 * LEFT - LABEL_WIDTH;

/** The appointment's one-page PDF, as the patient gets it. Uncompressed, so its text can be checked. */
export async function renderAppointmentPdf(appointment: Appointment, timeZone: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: LEFT, compress: false, info: { Title: `Appointment ${appointment.id}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const { title, notice } = headingOf(appointment.status);
  doc.font('Helvetica-Bold').fontSize(22).text(title);
  doc.font('Helvetica').fontSize(11).fillColor('#555555').text('Clinic Booking').moveDown(1.5);
  if (notice) doc.font('Helvetica-Bold').fontSize(16).fillColor('#b00020').text(notice).moveDown(1);
  doc.fillColor('#000000').fontSize(12);

  const rows: Array<[string, string]> = [
    ['Status', appointment.status],
    ['Patient', appointment.patient_name],
    ['Doctor', appointment.doctor_name],
    ['Specialization', appointment.specialization_name],
    ['Date and time', formatAppointmentTime(appointment.start_time, appointment.end_time, timeZone)],
    ['Cabinet', `${appointment.cabinet_name}, ${appointment.cabinet_location}, floor ${appointment.cabinet_floor}`],
    ['Appointment id', appointment.id],
  ];
  for (const [label, value] of rows) {
    const top = doc.y;
    doc.font('Helvetica-Bold').text(label, LEFT, top, { width: LABEL_WIDTH });
    const labelBottom = doc.y;
    doc.font('Helvetica').text(printable(value), LEFT + LABEL_WIDTH, top, { width: VALUE_WIDTH });
    doc.y = Math.max(doc.y, labelBottom) + 8;
  }
  doc.end();
  return done;
}
