export { startDispatcher } from './dispatcher.ts';
export { smtpMailer } from './mailer.ts';
export { observeBacklog } from './metrics.ts';
