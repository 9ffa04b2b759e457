export * from './broker.ts';
export * from './topology.ts';
export * from './consume.ts';
export * from './outbox-relay.ts';
export * from './token-revocations.ts';
export * from './user-contacts.ts';
