import { startPeriodic, type Logger, type Pool } from '@clinic/service-kit';
import { appointmentsRepository } from './repository.ts';
import { EXPIRY_BATCH } from './query-use-cases.ts';

/**
 * The job every replica runs: past confirmed appointments become COMPLETED, and PENDING ones whose
 * start passed unconfirmed EXPIRED (`expirePast`, with their events); a full expiry batch runs it again at once.
 */
export function startCompletion({
  pool,
  expirePast,
  intervalMs,
  logger,
}: {
  pool: Pool;
  expirePast: () => Promise<number>;
  intervalMs: number;
  logger: Logger;
}) {
  return startPeriodic(
    'complete-past-appointments',
    intervalMs,
    async () => {
      const completed = await appointmentsRepository.completePast(pool);
      if (completed > 0) logger.info({ completed }, 'past confirmed appointments completed');
      const expired = await expirePast();
      if (expired > 0) logger.info({ expired }, 'unconfirmed appointments whose start passed expired');
      return expired === EXPIRY_BATCH;
    },
    logger,
  );
}
