/** The booking worker: the one place booking commands are decided, batch by batch. */
export { bookingWorker } from './worker.ts';
