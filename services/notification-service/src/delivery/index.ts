export { startDispatcher } from './dispatcher.ts';
export { smtpMailer } from './mailer.ts';
