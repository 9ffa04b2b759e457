import { counter, gaugeAtScrape, type Pool } from '@clinic/service-kit';
import { holdsRepository as holds } from './repository.ts';

/** Freed times offered to someone on the waitlist (an OFFERED decision, counted once it is committed). */
export const waitlistOffers = counter({
  name: 'clinic_waitlist_offers_total',
  help: 'Freed times offered to a patient on the waitlist (a hold made for them)',
});

/** `clinic_slot_holds_active`: the times held for someone on the waitlist right now, read at each scrape. */
export function observeSlotHolds(pool: Pool): void {
  gaugeAtScrape(
    { name: 'clinic_slot_holds_active', help: 'Times held for a patient on the waitlist, not yet booked, released or run out' },
    async (gauge) => gauge.set(await holds.activeCount(pool)),
  );
}
