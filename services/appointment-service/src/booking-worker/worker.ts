import { DEFAULT_TIME_ZONE } from '@clinic/scheduling';
import { inTransaction, traceparentOf, withRequestContext, type Logger, type Pool } from '@clinic/service-kit';
import type { BookingOutcome, BookingReply } from '@clinic/contracts';
import type { RecordedEvent } from '../appointments/index.ts';
import type { BatchResult, Decision, QueuedCommand } from '../booking/index.ts';
import type { DoctorDirectory } from '../directories/index.ts';
import { bookedTimes } from './booked-times.ts';
import { decide } from './decide.ts';
import { decisionContext } from './decisions.ts';
import { knownHolds } from './known-holds.ts';
import { lookups, type Found } from './lookups.ts';
import { recordBatch, type FreshDecision } from './metrics.ts';
import { batchRepository } from './repository.ts';

export interface BookingWorkerDeps {
  pool: Pool;
  doctors: DoctorDirectory;
  logger: Logger;
  /** How long a freed time offered from the waitlist is held for the patient it is offered to. */
  waitlistHoldSeconds: number;
  /** Most active appointments ahead a patient books for themselves (the front desk is not capped). */
  maxFutureAppointmentsPerPatient: number;
  /** The clinic's time zone (CLINIC_TIME_ZONE): the times answers tell. */
  clinicTimeZone?: string;
  now?: () => Date;
}

/**
 * The one place bookings are decided. Commands arrive in batches, in queue order, from a booking
 * queue's single active consumer (one queue per shard; a doctor's commands all go to one shard).
 * A batch is decided in one transaction, each command in its own savepoint, and committed once
 * (group commit): its outcomes are stored with the changes, so a redelivered command (its worker died
 * before acknowledging) replays its outcome, and a batch that died before its commit is decided anew.
 *
 * Overlaps are left to the database: the exclusion constraints refuse an overlapping insert or
 * update, the savepoint undoes it, and the command is answered SLOT_TAKEN or PATIENT_BUSY. The doctor's
 * booking profile is read from doctor-service once per doctor per batch, after the batch's commands
 * were queued, so a schedule changed before a booking was requested is the one it is checked against.
 */
export function bookingWorker({
  pool,
  doctors,
  logger,
  waitlistHoldSeconds,
  maxFutureAppointmentsPerPatient,
  clinicTimeZone = DEFAULT_TIME_ZONE,
  now = () => new Date(),
}: BookingWorkerDeps) {
  const ctx = decisionContext({ now, waitlistHoldSeconds, maxFutureAppointmentsPerPatient, clinicTimeZone });

  /**
   * Decides `batch` in order in one transaction. Commands decided before (a redelivery) replay their
   * stored outcome. The first command that fails for another reason than an overlap ends the batch:
   * what came before it is committed, and the caller tries it again with the rest. Each command is
   * decided in the context of its own request, so its log lines carry its request id and its event
   * is published under it.
   */
  return async function decideBatch(batch: QueuedCommand[]): Promise<BatchResult> {
    // The profiles are asked for while the transaction opens: neither waits for the other.
    const looking = lookups(pool, doctors, batch);
    looking.catch(() => {}); // awaited below; a transaction that fails first leaves it unheard
    const fresh: FreshDecision[] = [];
    const result = await inTransaction(pool, async (tx) => {
      const opening = batchRepository.start(tx, {
        commandIds: batch.map(({ command }) => command.id),
        asked: batch.flatMap(({ command }) =>
          command.kind === 'BOOK' ? [{ doctorId: command.doctor_id, start: command.start_time, end: command.end_time }] : [],
        ),
        patientIds: batch.flatMap(({ command }) => (command.kind === 'BOOK' ? [command.patient.id] : [])),
      });
      const [looked, start] = await Promise.all([looking, opening]);
      const { stored } = start;
      const found: Found = { ...looked, booked: bookedTimes(start.booked), holds: knownHolds(start.holds), patients: start.standings };
      const replies: BookingReply[] = [];
      const decided: Array<{ id: string; outcome: BookingOutcome }> = [];
      const recorded: RecordedEvent[] = [];
      let failure: unknown;
      for (const { command, context, receivedAt } of batch) {
        const step = await withRequestContext(context, async (): Promise<(Decision & { replayed?: true }) | undefined> => {
          // Decided before, or earlier in this batch (a command published again while undecided).
          const replay = stored.get(command.id);
          if (replay) {
            logger.info({ commandId: command.id, result: replay.result }, 'booking command answered with its stored outcome');
            return { reply: replay, replayed: true };
          }
          try {
            const decision = await decide(tx, command, found, ctx);
            const { reply } = decision;
            logger.info(
              {
                commandId: command.id,
                kind: command.kind,
                result: reply.result,
                ...(reply.result === 'REJECTED' ? { code: reply.code } : {}),
                ...(reply.result === 'NOT_OFFERED' ? { reason: reply.reason } : {}),
              },
              'booking command decided',
            );
            return decision;
          } catch (error) {
            logger.error({ err: error, commandId: command.id }, 'booking command failed; committing the commands before it');
            failure = error;
            return undefined;
          }
        });
        if (!step) break;
        replies.push(step.reply);
        if (!step.replayed) fresh.push({ reply: step.reply, receivedAt });
        if (!step.replayed && step.reply.result !== 'UNAVAILABLE') {
          decided.push({ id: command.id, outcome: step.reply });
          stored.set(command.id, step.reply);
        }
        if (step.event) recorded.push({ event: step.event, requestId: context?.requestId, traceparent: traceparentOf(context?.trace) });
      }
      await batchRepository.finish(tx, recorded, decided);
      return { replies, failure };
    });
    recordBatch(batch.length, fresh);
    return result;
  };
}
