export { userEventsRepository, userOutbox } from './user-events-repository.ts';
