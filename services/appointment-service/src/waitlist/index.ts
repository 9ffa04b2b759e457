/** The waitlist: entries, held times, offers of freed times, and the waitlist's part in the booking decision. */
export { decideOfferTime, holdsOnBooking } from './commands.ts';
export { PLATFORM_REQUESTER, offerTime, startFreedTimeOffers, startLapsedHoldOffers } from './offers.ts';
export { patientWaitlistsRepository } from './patient-waitlists-repository.ts';
export { waitlistRepository } from './repository.ts';
export { waitlistRoutes } from './routes.ts';
export { waitlistUseCases } from './use-cases.ts';
export type { WaitlistUseCases } from './use-cases.ts';
export { observeSlotHolds, waitlistOffers } from './metrics.ts';
