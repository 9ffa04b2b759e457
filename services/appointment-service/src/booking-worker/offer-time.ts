import type { AppError, PoolClient } from '@clinic/service-kit';
import type { BookingCommand } from '@clinic/contracts';
import type { Decision } from '../booking/index.ts';
import { decideOfferTime } from '../waitlist/index.ts';
import { unavailable, type DecisionContext } from './decisions.ts';
import type { Lookups } from './lookups.ts';

/** OFFER_TIME: the waitlist decides it (waitlist/commands.ts), with the doctor's profile and the worker's clock. */
export async function offerTime(
  tx: PoolClient,
  command: Extract<BookingCommand, { kind: 'OFFER_TIME' }>,
  found: Lookups,
  ctx: DecisionContext,
): Promise<Decision> {
  const profile = found.profiles.get(command.doctor_id);
  if (profile instanceof Error) return unavailable(profile as AppError);
  return decideOfferTime(tx, command, profile, {
    now: ctx.now(),
    holdSeconds: ctx.waitlistHoldSeconds,
    bookable: (p) => ctx.checkInterval(p, command.start_time, command.end_time) === undefined,
  });
}
