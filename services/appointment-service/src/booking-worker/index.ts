export { bookingWorker } from './worker.ts';
