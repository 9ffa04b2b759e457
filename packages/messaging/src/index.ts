export * from './broker.ts';
export * from './topology.ts';
