/** An appointment's timeline for the clinic's staff: its events, waitlist holds, audit names and emails, in time order. */
export { timelineRoutes } from './routes.ts';
export { sentEmails } from './sent-emails.ts';
export { timelineUseCases } from './use-cases.ts';
export type { TimelineUseCases } from './use-cases.ts';
