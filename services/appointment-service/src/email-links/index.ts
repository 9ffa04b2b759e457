/** The signed links of appointment emails: view, reschedule, cancel and the PDF without a login. */
export { emailLinkRoutes } from './routes.ts';
export { emailLinkUseCases } from './use-cases.ts';
export type { EmailLinkUseCases } from './use-cases.ts';
