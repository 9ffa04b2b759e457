import { setTimeout as sleep } from 'node:timers/promises';
import { inTransaction, type Logger, type Pool } from '@clinic/service-kit';
import { AppointmentEvent, type AppointmentEventType, type Language } from '@clinic/contracts';
import { consume, EVENTS_EXCHANGE, eventRoutingKey, PDF_QUEUE, type Broker } from '@clinic/messaging';
import { renderAppointmentPdf, type ClinicLetterhead } from './appointment-pdf.ts';
import { appointmentsRepository as appointments, eventsRepository as events } from '../appointments/index.ts';
import type { DocumentStore } from './document-store.ts';
import { pdfFailures, pdfRenderSeconds } from './metrics.ts';
import { retryInPlace } from '../retry-in-place.ts';

/**
 * The events after which the PDF shows something new: the time, the status. An appointment that no
 * longer takes place keeps its PDF, made again with that status in large letters, since its link may
 * be opened again later; notification-service emails PDFs of active appointments only.
 */
const SOURCE_EVENTS: readonly AppointmentEventType[] = ['CREATED', 'UPDATED', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'NO_SHOW'];

/** Tries per delivery before the event goes back to the queue (about half a minute of retrying). */
const EVENT_ATTEMPTS = 8;

/** Longest an event waits for its replica to finish deciding bookings before its PDF is made anyway. */
const MAX_STEP_ASIDE_MS = 10_000;

/** Returns of an event to the queue before it is dead-lettered: the PDF queue's `x-delivery-limit`. */
const DELIVERY_ATTEMPTS = 5;

/** One object per appointment, overwritten when the PDF is made again. */
export const pdfObjectKey = (appointmentId: string) => `appointments/${appointmentId}.pdf`;

/** What every PDF is made with: the clinic's zone and letterhead, and where the patient's language is learnt. */
export interface PdfSettings {
  timeZone: string;
  clinic: ClinicLetterhead;
  /** The language of the patient's account (user-service, as their emails), asked again for every PDF. */
  languageOf: (patientId: string) => Promise<Language>;
}

/**
 * Renders the appointment's PDF from its current row (so a late event never brings back stale data),
 * uploads it, then in one transaction sets `pdf_object_key`, records `PDF_GENERATED` and marks the
 * event handled. The row is checked again under lock after the upload: if it changed meanwhile (a
 * reschedule, a confirmation), the PDF is made again from the new row, so the last upload is current.
 * It is in the patient's language as their account has it when it is made.
 */
async function generate(
  pool: Pool,
  store: DocumentStore,
  settings: PdfSettings,
  event: AppointmentEvent,
): Promise<'generated' | 'skipped'> {
  for (;;) {
    const found = await appointments.findForDocument(pool, event.appointmentId);
    // A deleted patient's PDFs are erased and never made again (a cancellation of theirs comes after).
    if (!found || found.patientDeleted) return 'skipped';
    const rendered = found.appointment;
    const key = pdfObjectKey(rendered.id);
    const language = await settings.languageOf(rendered.patient_id);
    const rendering = pdfRenderSeconds.startTimer();
    const pdf = await renderAppointmentPdf(rendered, { timeZone: settings.timeZone, clinic: settings.clinic, language });
    rendering();
    await store.put(key, pdf);
    const outcome = await inTransaction(pool, async (tx) => {
      const current = await appointments.findForDocument(tx, rendered.id, { lock: true });
      if (!current) return 'skipped';
      // Deleted while this PDF was being made: the erasure may have run before the upload, so the
      // upload is undone here (the mark is committed before the erasure starts).
      if (current.patientDeleted) return 'erased';
      if (current.appointment.updated_at !== rendered.updated_at) return 'changed';
      const withPdf = await appointments.setPdfObjectKeyOnce(tx, current.appointment.id, key, event.id);
      if (!withPdf) return 'skipped';
      await events.record(tx, 'PDF_GENERATED', withPdf);
      return 'generated';
    });
    if (outcome === 'erased') {
      await store.remove([key]);
      return 'skipped';
    }
    if (outcome !== 'changed') return outcome;
  }
}

/**
 * Every replica consumes the PDF queue (competing consumers, a few events at a time): PDFs are made
 * off the booking request's path, after the outbox relay published the event.
 */
export function startPdfGenerator({
  pool,
  broker,
  store,
  settings,
  onGenerated,
  stepAside = () => false,
  logger,
}: {
  pool: Pool;
  broker: Broker;
  store: DocumentStore;
  settings: PdfSettings;
  /** Called after a PDF_GENERATED was recorded, so the outbox relays it at once. */
  onGenerated: () => void;
  /**
   * True while this replica has more urgent work (it is deciding bookings): an event waits (up to
   * MAX_STEP_ASIDE_MS) before its PDF is made here, and the other replicas take the events meanwhile.
   */
  stepAside?: () => boolean;
  logger: Logger;
}) {
  // consume() dead-letters a malformed event, acknowledges a handled one and returns a failed one to
  // the queue (dead-lettered after DELIVERY_ATTEMPTS returns).
  return consume(
    broker,
    {
      queue: PDF_QUEUE,
      schema: AppointmentEvent,
      attempts: DELIVERY_ATTEMPTS,
      prefetch: 2,
      bindings: SOURCE_EVENTS.map((type) => ({ exchange: EVENTS_EXCHANGE, routingKey: eventRoutingKey('appointment', type) })),
      logger,
    },
    async (event) => {
      for (const waitUntil = Date.now() + MAX_STEP_ASIDE_MS; stepAside() && Date.now() < waitUntil;) await sleep(50);
      const outcome = await retryInPlace(
        EVENT_ATTEMPTS,
        () => generate(pool, store, settings, event),
        (error, attempt) => {
          pdfFailures.inc();
          logger.error({ err: error, eventId: event.id, attempt }, 'appointment PDF not generated');
        },
      );
      logger.info({ eventId: event.id, appointmentId: event.appointmentId, outcome }, 'appointment PDF event handled');
      if (outcome === 'generated') onGenerated();
    },
  );
}
